// The journey: the secretariat creates a dialogue with registration
// and a call for input, previews and publishes it; an NGO on the other
// instance sees it within a second and applies; the secretariat moves it by a
// day, then cancels it; the NGO gets the update and the cancellation with the
// right SEQUENCE, and the feed agrees; history shows three versions and
// restores the first. axe on every editor page, its error state included.
import ICAL from 'ical.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDatabaseFile } from '../support/databases';
import { browserAvailable, expectAccessible, explainSkippedBrowserTests, useBrowser } from '../support/browser';
import { createMember, createOrganisation } from '../support/members';
import { calendarAttachments, waitForMail } from '../support/outbox';
import { benign } from '../support/hostile-pdfs';
import { startServer, type RunningServer } from '../support/server';
import { createSession } from '../../src/server/auth/sessions';

// Its own database and two instances: what it publishes must not appear in other files' pages.
const folder = mkdtempSync(join(tmpdir(), 'whatson-editor-journey-'));
const databaseUrl = join(folder, 'whatson.sqlite');
const outboxDir = join(folder, 'outbox');
const SLUG = 'browser-journey-dialogue';
const PATH = `/dialogues/${SLUG}`;

explainSkippedBrowserTests('event editor journey');

/** YYYY-MM-DDTHH:mm, `days` from now, on the UTC calendar (the event is set in UTC). */
function wallClock(days: number, hour = 10): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return `${date.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
}

function sequenceOf(calendar: string): number {
  return Number(ICAL.Component.fromString(calendar).getFirstSubcomponent('vevent')!.getFirstPropertyValue('sequence'));
}

describe.skipIf(!browserAvailable)('the secretariat publishes a dialogue in the browser', () => {
  let first: RunningServer;
  let other: RunningServer;
  beforeAll(async () => {
    first = await startServer({ DATABASE_URL: databaseUrl, OUTBOX_DIR: outboxDir, ATTACHMENTS_DIR: join(folder, 'attachments') });
    other = await startServer({ DATABASE_URL: databaseUrl, OUTBOX_DIR: outboxDir, ATTACHMENTS_DIR: join(folder, 'attachments') });
  }, 60_000);
  afterAll(async () => {
    await Promise.all([first?.stop(), other?.stop()]);
    rmSync(folder, { recursive: true, force: true });
  });
  const browser = useBrowser(() => first.baseUrl);
  const database = useDatabaseFile(databaseUrl);

  it('creates, previews, publishes, moves, cancels and restores, while an NGO on another instance follows', async () => {
    const { page: secretariat } = await browser.signedInPage(database.db, null, 'secretariat');
    await secretariat.goto('/admin/events/editor');
    await expectAccessible(secretariat);
    await secretariat.getByRole('link', { name: 'Create an event' }).click();
    await secretariat.waitForURL('**/admin/events/new');
    await expectAccessible(secretariat);
    await secretariat.getByRole('main').getByRole('link', { name: 'Constructive dialogue' }).click();
    await secretariat.waitForURL('**/admin/events/new?collection=dialogues');
    await expectAccessible(secretariat);

    const field = (name: string) => secretariat.locator(`#field-${name.replaceAll('.', '-')}`);
    // Error state: nothing filled in but a PDF chosen as the first document; the PDF is kept (its address fills the link).
    await field('documents.0.file').setInputFiles({ name: 'programme.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await benign.multiPageText()) });
    await secretariat.getByRole('button', { name: 'Save draft' }).click();
    await secretariat.locator('#field-title-error').waitFor();
    await expect(field('documents.0.url').inputValue()).resolves.toMatch(/^\/documents\/[0-9a-f-]{36}\.pdf$/);
    await expectAccessible(secretariat);
    await field('documents.0.kind').selectOption('programme');

    await field('slug').fill(SLUG);
    await field('title').fill('Journey dialogue on smuggling of migrants');
    await field('summary').fill('Civil society and States on the Smuggling of Migrants Protocol.');
    await field('body').fill('## Programme\n\nMorning: **evidence** from the field.');
    await field('start').fill(wallClock(30));
    await field('end').fill(wallClock(30, 17));
    await field('timezone').selectOption('UTC');
    await field('format').selectOption('hybrid');
    await field('venue.site').fill('Vienna International Centre');
    await field('venue.city').fill('Vienna');
    await field('venue.country').selectOption('AT');
    await secretariat.locator('#field-topics-smuggling-of-migrants').check();
    await field('organisers').fill('UNODC Civil Society Unit');
    await field('workingGroup').selectOption('smuggling-of-migrants');
    await field('registration.mode').selectOption('open');
    await field('registration.opens').fill(wallClock(-1, 0));
    await field('registration.closes').fill(wallClock(20, 23));
    await field('registration.capacityOnline').fill('100');
    await secretariat.locator('#field-registration-eligibleTypes-ngo').check();
    await field('callForInput.opens').fill(wallClock(-1, 0));
    await field('callForInput.closes').fill(wallClock(15, 23));
    await field('callForInput.questions').fill('What has worked?');

    // The preview is the public page itself, marked as such; back to the form with everything typed.
    await secretariat.getByRole('button', { name: 'Preview' }).click();
    await secretariat.getByRole('heading', { name: 'Preview (not saved)' }).waitFor();
    await expect(secretariat.locator('h1').innerText()).resolves.toBe('Journey dialogue on smuggling of migrants');
    await expect(secretariat.locator('.event-body h2').innerText()).resolves.toBe('Programme');
    await expect(secretariat.locator('meta[name="robots"]').getAttribute('content')).resolves.toBe('noindex, nofollow');
    await expectAccessible(secretariat);
    await secretariat.getByRole('button', { name: 'Back to editing' }).click();
    await field('title').waitFor();
    await expect(field('title').inputValue()).resolves.toBe('Journey dialogue on smuggling of migrants');
    await expect(field('callForInput.questions').inputValue()).resolves.toBe('What has worked?');

    await Promise.all([secretariat.waitForURL(`**/admin/events${PATH}/edit?published=1**`), secretariat.getByRole('button', { name: 'Save and publish' }).click()]);
    const publishedAt = Date.now();
    await expect(secretariat.getByRole('status').innerText()).resolves.toContain('Version 1 is published');
    await expectAccessible(secretariat);

    // The NGO, on the other instance, within a second.
    const organisation = await createOrganisation(database.db, { name: 'Border Rights Network' });
    const person = await createMember(database.db, organisation, 'focal-point');
    const { token } = await createSession(database.db, person.id);
    const ngoPage = await browser.newPage({ baseURL: other.baseUrl });
    await ngoPage.context().addCookies([{ name: 'whatson_session', value: token, url: other.baseUrl }]);
    let response = await ngoPage.goto(PATH);
    while (response?.status() !== 200 && Date.now() - publishedAt < 1_000) response = await ngoPage.goto(PATH);
    expect(response?.status()).toBe(200);
    const programme = await ngoPage.getByRole('link', { name: 'programme', exact: true }).getAttribute('href');
    expect((await fetch(new URL(programme!, other.baseUrl))).headers.get('content-type')).toBe('application/pdf');
    await ngoPage.getByRole('link', { name: 'Apply' }).click();
    await ngoPage.getByLabel('Online').check();
    await Promise.all([ngoPage.waitForURL('**/account/registrations?applied=approved'), ngoPage.getByRole('button', { name: 'Send the application' }).click()]);
    const confirmed = await waitForMail(outboxDir, (mail) => mail.to === person.email && mail.subject.includes('Your place is confirmed'));
    expect(sequenceOf(calendarAttachments(confirmed[0]!)[0]!)).toBe(0);

    // Moved by a day: the editor says who will be told.
    await secretariat.goto(`/admin/events${PATH}/edit`);
    await expect(secretariat.locator('#people-to-tell').innerText()).resolves.toContain('One person has an active registration');
    await field('start').fill(wallClock(31));
    await field('end').fill(wallClock(31, 17));
    await Promise.all([secretariat.waitForURL('**published=2&told=1'), secretariat.getByRole('button', { name: 'Save and publish' }).click()]);
    const update = await waitForMail(outboxDir, (mail) => mail.to === person.email && mail.subject.startsWith('Changed:'));
    const updateIcs = calendarAttachments(update[0]!)[0]!;
    expect(updateIcs).toMatch(/^METHOD:REQUEST\r?$/m);
    expect(sequenceOf(updateIcs)).toBe(1);

    // Cancelled.
    await field('status').selectOption('cancelled');
    await field('statusNote').fill('The session is cancelled; written input stays open.');
    await Promise.all([secretariat.waitForURL('**published=3&told=1'), secretariat.getByRole('button', { name: 'Save and publish' }).click()]);
    const cancel = await waitForMail(outboxDir, (mail) => mail.to === person.email && mail.subject.startsWith('Cancelled:'));
    const cancelIcs = calendarAttachments(cancel[0]!)[0]!;
    expect(cancelIcs).toMatch(/^METHOD:CANCEL\r?$/m);
    expect(sequenceOf(cancelIcs)).toBe(2);

    // The feed on the other instance agrees, and the page keeps the notice.
    const started = Date.now();
    let feed = '';
    while (Date.now() - started < 1_500) {
      feed = await (await fetch(new URL('/dialogues/calendar.ics', other.baseUrl))).text();
      if (feed.includes(`UID:dialogues-${SLUG}@`) && /STATUS:CANCELLED/.test(feed.slice(feed.indexOf(`UID:dialogues-${SLUG}@`) - 2000))) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const vevent = ICAL.Component.fromString(feed).getAllSubcomponents('vevent').find((candidate) => String(candidate.getFirstPropertyValue('uid')).startsWith(`dialogues-${SLUG}@`))!;
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(Number(vevent.getFirstPropertyValue('sequence'))).toBe(2);
    await ngoPage.goto(PATH);
    await expect(ngoPage.getByRole('note').first().innerText()).resolves.toContain('cancelled');

    // History: three versions, restore the first.
    await secretariat.goto(`/admin/events${PATH}/history?from=1&to=3`);
    await expect(secretariat.locator('tbody tr[data-version]').count()).resolves.toBe(3);
    await expect(secretariat.locator('#differences').innerText()).resolves.toContain('status');
    await expectAccessible(secretariat);
    await Promise.all([secretariat.waitForURL('**restored=1&version=4'), secretariat.getByRole('button', { name: 'Restore version 1' }).click()]);
    await expect(secretariat.getByRole('status').innerText()).resolves.toContain('Version 1 is restored as version 4');
    await expect(field('status').inputValue()).resolves.toBe('scheduled');
    await expect(field('start').inputValue()).resolves.toBe(wallClock(30));

    // Taken off the site, so the shared test server's listings are as other journeys expect; the error state first.
    await secretariat.getByRole('button', { name: 'Unpublish' }).click();
    await secretariat.locator('#field-reason-error').waitFor();
    await expectAccessible(secretariat);
    await secretariat.getByLabel('Reason (kept in the audit log)').fill('Journey finished.');
    await Promise.all([secretariat.waitForURL('**unpublished=1'), secretariat.getByRole('button', { name: 'Unpublish' }).click()]);
    expect((await fetch(new URL(PATH, first.baseUrl))).status).toBe(404);
  });
});
