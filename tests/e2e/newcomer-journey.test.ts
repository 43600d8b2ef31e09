// A newcomer on a phone: arrives on the home page, finds how to take part,
// signs up, confirms, is accredited by the secretariat (through the domain
// function), finds a dialogue through search, applies from the box at the top
// of its page, and answers its call with the guiding questions shown. Every
// step at 375 px: nothing scrolls sideways, and axe finds nothing.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserAvailable, expectAccessible, explainSkippedBrowserTests, useBrowser } from '../support/browser';
import { useDatabaseFile } from '../support/databases';
import { createMember, createOrganisation } from '../support/members';
import { hashPassword } from '../../src/server/auth/passwords';
import { linkIn, mailTo } from '../support/outbox';
import { decideAccreditation } from '../../src/server/organisations/accreditation';

const baseUrl = inject('baseUrl');
const outboxDir = inject('outboxDir');
const databaseUrl = inject('databaseUrl');
const PHONE = { width: 375, height: 740 };
const EMAIL = 'newcomer.phone@example.org';
const PASSWORD = 'a newcomer’s sturdy passphrase';
// Demo content moved to the test run's date: applications and the call for input are open.
const DIALOGUE = '/dialogues/2027-03-firearms';

explainSkippedBrowserTests('newcomer journey');

async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, client: document.scrollingElement!.clientWidth }));
  expect(widths.scroll, `${page.url()} is wider than the screen`).toBeLessThanOrEqual(widths.client);
}

async function checkStep(page: Page) {
  await expectNoSidewaysScroll(page);
  await expectAccessible(page);
}

describe.skipIf(!browserAvailable)('a newcomer on a phone', () => {
  const { newPage } = useBrowser(baseUrl);
  const database = useDatabaseFile(databaseUrl);

  it('finds how to take part, signs up, is accredited, finds a dialogue by search, applies from its box and answers its call', async () => {
    const page = await newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await page.goto('/');
    const howTo = page.getByRole('region', { name: 'How to take part' });
    await expect(howTo.innerText()).resolves.toMatch(/Register your organisation[\s\S]*Accreditation by the secretariat[\s\S]*Apply to events and send written input/);
    await checkStep(page);

    // Sign up from the next step the home page gives a visitor.
    await Promise.all([page.waitForURL('**/signup'), howTo.getByRole('link', { name: 'Create an account' }).click()]);
    await checkStep(page);
    await page.getByLabel('Organisation name').fill('Red de Protección de Migrantes del Sur');
    await page.getByLabel('Kind of organisation').selectOption('ngo');
    await page.getByLabel('Country').selectOption('CL');
    await page.getByLabel('What the organisation does').fill('Legal aid and research on firearms violence along migration routes.');
    await page.getByLabel('Firearms').check();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Camila Rojas');
    await page.getByLabel('Function').fill('Research lead');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL('**/signup/sent'), page.getByRole('button', { name: 'Create account' }).click()]);
    await checkStep(page);

    const mail = await mailTo(outboxDir, EMAIL, 'Confirm your email address for WhatsOn');
    const verify = new URL(linkIn(mail, '/verify-email?token='));
    await page.goto(`${verify.pathname}${verify.search}`);
    await Promise.all([page.waitForURL('**/signin?verified=1'), page.getByRole('button', { name: 'Confirm my email address' }).click()]);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL('**/account'), page.getByRole('button', { name: 'Sign in' }).click()]);

    // While pending, the home page says what happens next.
    await page.goto('/');
    await expect(page.getByRole('region', { name: 'How to take part' }).innerText()).resolves.toContain('waiting for accreditation');
    await checkStep(page);

    // The secretariat accredits the organisation (the function its queue page calls).
    const organisation = await database.db.selectFrom('users').select('organisation_id').where('email', '=', EMAIL).executeTakeFirstOrThrow();
    const secretariat = await createMember(database.db, null, 'secretariat');
    const decided = await decideAccreditation(database.db, secretariat, { organisationId: organisation.organisation_id, decision: 'accredit' });
    expect(decided.ok).toBe(true);

    // Search, from the header, with a typo and without the accent-free spelling mattering.
    await page.goto('/');
    await expect(page.getByRole('region', { name: 'How to take part' }).innerText()).resolves.toContain('Your organisation is accredited');
    await Promise.all([page.waitForURL('**/search'), page.getByRole('banner').getByRole('link', { name: 'Search' }).click()]);
    await page.getByLabel('Search for').fill('firearms dialoge');
    await page.getByLabel('Kind').selectOption('event');
    await Promise.all([page.waitForURL('**/search?**'), page.getByRole('button', { name: 'Search' }).click()]);
    await checkStep(page);
    const result = page.getByRole('link', { name: /Constructive dialogue on the Firearms Protocol \(March 2027\)/ });
    await expect(result.locator('mark').first().innerText()).resolves.toMatch(/dialogue|Firearms/);
    await Promise.all([page.waitForURL(`**${DIALOGUE}`), result.click()]);
    await checkStep(page);

    // The box at the top: applications open, places left, Apply.
    const box = page.getByRole('region', { name: 'At a glance' });
    await expect(box.innerText()).resolves.toMatch(/Applications open until .+ · 50 of 50 places left in person, 350 of 350 online/);
    await Promise.all([page.waitForURL(`**${DIALOGUE}/apply`), box.getByRole('link', { name: 'Apply', exact: true }).click()]);
    await checkStep(page);
    await page.getByLabel('Online').check();
    await page.getByLabel('Your expertise on the topic').fill('We document firearms violence against migrants on the routes through the Andes.');
    await Promise.all([page.waitForURL('**/account/registrations?applied=pending'), page.getByRole('button', { name: 'Send the application' }).click()]);
    await checkStep(page);

    // Back on the dialogue: the box says the application is pending and offers the call.
    await page.goto(DIALOGUE);
    await expect(box.innerText()).resolves.toContain('Pending review');
    await Promise.all([page.waitForURL('**/submissions/new?call=*'), box.getByRole('link', { name: 'Write input' }).click()]);
    await checkStep(page);
    // The call's topic is ticked and its questions are shown, before anything is typed.
    await expect(page.getByRole('checkbox', { name: 'Firearms', exact: true }).isChecked()).resolves.toBe(true);
    const answers = page.getByRole('group', { name: 'Answers to the guiding questions' }).getByRole('textbox');
    await expect(answers.count()).resolves.toBe(3);
    await expect(page.getByRole('group', { name: 'Answers to the guiding questions' }).innerText()).resolves.toContain('What practical obstacles to the marking, record-keeping and tracing of firearms');
    await page.getByLabel('Title').fill('Firearms on the Andean migration routes');
    for (let index = 0; index < 3; index++) await answers.nth(index).fill(`Answer ${index + 1}: what we observed on the routes.`);
    await page.getByLabel('The organisation consents to the publication of this input on WhatsOn').check();
    await Promise.all([page.waitForURL('**/edit?submitted=1'), page.getByRole('button', { name: 'Submit to the secretariat' }).click()]);
    await expect(page.getByRole('main').innerText()).resolves.toContain('Submitted');
    await checkStep(page);
  });

  it('signs in from the box of a dialogue’s page and comes back to it, where Apply now is', async () => {
    const member = await createMember(database.db, await createOrganisation(database.db), 'focal-point');
    await database.db.updateTable('users').set({ password_hash: await hashPassword(PASSWORD) }).where('id', '=', member.id).execute();
    const page = await newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await page.goto(DIALOGUE);
    const box = page.getByRole('region', { name: 'At a glance' });
    await Promise.all([page.waitForURL(`**/signin?next=${encodeURIComponent(DIALOGUE)}`), box.getByRole('link', { name: 'Sign in to apply' }).click()]);
    await checkStep(page);
    await page.getByLabel('Email').fill(member.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL(`**${DIALOGUE}`), page.getByRole('button', { name: 'Sign in' }).click()]);
    await expect(box.getByRole('link', { name: 'Apply', exact: true }).count()).resolves.toBe(1);
    await checkStep(page);
  });
});
