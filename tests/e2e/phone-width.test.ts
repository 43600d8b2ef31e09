// Every page type on a 375 px phone: nothing scrolls sideways (the document is
// no wider than the screen) and axe finds no WCAG 2.1 A/AA violation. Signed
// out, as a member of an accredited organisation, and as the secretariat.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useDatabaseFile } from '../support/databases';
import { browserAvailable, checkAccessibility, explainSkippedBrowserTests, useBrowser } from '../support/browser';
import { createOrganisation } from '../support/members';
import { insertPublishedInput } from '../support/published-input';

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const PHONE = { width: 375, height: 740 };
// A reviewed dialogue with a call for input (demo content, moved to the test run's date).
const DIALOGUE = '/dialogues/2027-07-trafficking-in-persons';

explainSkippedBrowserTests('phone width');

/** How far the page reaches past the screen's right edge, with the widest culprits named. */
async function overflowOf(page: Page): Promise<{ excess: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.scrollingElement!;
    const excess = root.scrollWidth - root.clientWidth;
    const culprits = excess <= 0 ? [] : [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 1)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.className ? `.${String(element.className).split(' ').join('.')}` : ''} (right edge ${Math.round(element.getBoundingClientRect().right)})`);
    return { excess, culprits };
  });
}

async function expectFitsThePhone(page: Page, path: string, status: number) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(status);
  const { excess, culprits } = await overflowOf(page);
  expect({ path, excess, culprits }).toEqual({ path, excess: 0, culprits: [] });
  expect(await checkAccessibility(page)).toEqual([]);
}

const PUBLIC_PAGES: [path: string, status: number][] = [
  ['/', 200],
  ['/events', 200],
  ['/side-events', 200],
  ['/dialogues?topic=firearms', 200],
  ['/dialogues?from=not-a-date', 422],
  [DIALOGUE, 200],
  [`${DIALOGUE}-preparation-day`, 200],
  ['/topics', 200],
  ['/topics/trafficking-in-persons', 200],
  ['/resources', 200],
  ['/resources?type=chapter&topic=firearms', 200],
  ['/resources?type=nonsense', 422],
  ['/search?q=trafficking', 200],
  ['/search?q=zzzzqqq', 200],
  ['/search?kind=planets&q=x', 422],
  ['/about', 200],
  ['/privacy', 200],
  ['/accessibility', 200],
  ['/organisations', 200],
  ['/submissions', 200],
  ['/signin', 200],
  ['/signup', 200],
  ['/forgot-password', 200],
  ['/no-such-page', 404],
];

const MEMBER_PAGES: [path: string, status: number][] = [
  ['/', 200],
  [DIALOGUE, 200],
  ['/dialogues/2027-03-firearms/apply', 200],
  // Applications to this one open later: the page says why, with no form.
  [`${DIALOGUE}/apply`, 403],
  ['/submissions/new', 200],
  [`/submissions/new?call=${encodeURIComponent('dialogues/2027-07-trafficking-in-persons')}`, 200],
  ['/account', 200],
  ['/account/registrations', 200],
  ['/account/organisation', 200],
  ['/account/submissions', 200],
  ['/account/calendar', 200],
  ['/account/password', 200],
  ['/account/delete', 200],
];

const SECRETARIAT_PAGES: [path: string, status: number][] = [
  ['/admin', 200],
  ['/admin/submissions', 200],
  ['/admin/identity', 200],
  ['/admin/audit', 200],
  ['/admin/mail', 200],
  ['/admin/events', 200],
  ['/admin/events/new', 200],
  [`/admin/events${DIALOGUE}`, 200],
  [`/admin/events${DIALOGUE}/edit`, 200],
  ['/admin/review-mechanism', 200],
  ['/admin/review-mechanism/new?collection=review-phases', 200],
  ['/admin/review-mechanism/review-phases/2026-2028-prevention-and-technical-assistance/edit', 200],
  ['/admin/review-mechanism/country-reviews/ke-prevention-and-technical-assistance/edit', 200],
];

describe.skipIf(!browserAvailable)('every page type on a 375 px phone', () => {
  const browser = useBrowser(baseUrl);
  const database = useDatabaseFile(databaseUrl);

  it.each(PUBLIC_PAGES)('signed out: %s fits the screen and passes axe', async (path, status) => {
    await expectFitsThePhone(await browser.newPage({ viewport: PHONE }), path, status);
  });

  it('signed out: a published input’s page fits the screen and passes axe', async () => {
    const organisationId = await createOrganisation(database.db, { name: 'Observatorio Centroamericano sobre Trata de Personas y Tráfico Ilícito de Migrantes' });
    const { person } = await browser.signedInPage(database.db, organisationId);
    const id = await insertPublishedInput(database.db, { organisationId, authorId: person.id, title: 'Recommendations on non-punishment of victims and https://www.example.org/a-very-long-address-without-any-break-in-it', body: 'A body with a long link https://www.example.org/another/very/long/address/without/breaks/in/it/at/all', topics: ['trafficking-in-persons'] });
    await expectFitsThePhone(await browser.newPage({ viewport: PHONE }), `/submissions/${id}`, 200);
  });

  it.each(MEMBER_PAGES)('focal point of an accredited organisation: %s fits the screen and passes axe', async (path, status) => {
    const { page } = await browser.signedInPage(database.db, await createOrganisation(database.db, { type: 'ngo', name: 'Asociación Latinoamericana para la Protección de Víctimas de Trata' }), 'focal-point');
    await page.setViewportSize(PHONE);
    await expectFitsThePhone(page, path, status);
  });

  it('a member’s tables become cards: registrations and written input with rows fit the screen and pass axe', async () => {
    const organisationId = await createOrganisation(database.db, { type: 'ngo', name: 'International Federation of Organisations Working Against Trafficking in Persons' });
    const { person, page } = await browser.signedInPage(database.db, organisationId, 'focal-point');
    const stamp = new Date().toISOString();
    await database.db
      .insertInto('registrations')
      .values({ id: `phone-${person.id}`, event_key: 'dialogues/2027-03-firearms', user_id: person.id, organisation_id: organisationId, mode: 'online', state: 'pending', queue_number: 700_000 + Math.floor(Math.random() * 100_000), statement: 'We trace firearms along the routes.', travel_support: 0, wants_to_speak: 0, accessibility_needs: null, decision_reason: null, decided_by: null, decided_at: null, created_at: stamp, updated_at: stamp })
      .execute();
    await insertPublishedInput(database.db, { organisationId, authorId: person.id, title: 'Findings on the non-punishment principle in twelve jurisdictions of the region' });
    await page.setViewportSize(PHONE);
    await expectFitsThePhone(page, '/account/registrations', 200);
    await expect(page.getByRole('cell', { name: /Pending review/ }).isVisible()).resolves.toBe(true);
    await expectFitsThePhone(page, '/account/submissions', 200);
  });

  it('secretariat: a refused Review Mechanism form and an entry’s history fit the screen and pass axe', async () => {
    const edit = '/admin/review-mechanism/country-reviews/ke-prevention-and-technical-assistance/edit';
    const { page } = await browser.signedInPage(database.db, null, 'secretariat');
    await page.setViewportSize(PHONE);
    await page.goto(edit);
    await page.selectOption('#field-reviewers-0', 'KE');
    const [refused] = await Promise.all([page.waitForResponse((response) => response.request().method() === 'POST'), page.getByRole('button', { name: 'Save and publish' }).click()]);
    expect(refused.status()).toBe(422);
    await page.waitForLoadState();
    const { excess, culprits } = await overflowOf(page);
    expect({ excess, culprits }).toEqual({ excess: 0, culprits: [] });
    expect(await checkAccessibility(page)).toEqual([]);
    // Saved unchanged: the pages show the same review, now with a history.
    await page.goto(edit);
    await Promise.all([page.waitForURL(/saved=/), page.getByRole('button', { name: 'Save and publish' }).click()]);
    await expectFitsThePhone(page, '/admin/review-mechanism/country-reviews/ke-prevention-and-technical-assistance/history', 200);
  });

  it.each(SECRETARIAT_PAGES)('secretariat: %s fits the screen and passes axe', async (path, status) => {
    const { page } = await browser.signedInPage(database.db, null, 'secretariat');
    await page.setViewportSize(PHONE);
    await expectFitsThePhone(page, path, status);
  });
});
