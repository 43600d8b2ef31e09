// Apply in the browser → the secretariat approves → the applicant sees it →
// withdraws → the first waitlisted person is promoted and emailed.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/connection';
import { browserAvailable, checkAccessibility, explainSkippedBrowserTests, launchBrowser, signedInContext } from '../support/browser';
import { createMember, createOrganisation } from '../support/members';
import { calendarAttachments, readOutbox } from '../support/outbox';

const baseUrl = inject('baseUrl');
const outboxDir = inject('outboxDir');
const databaseUrl = inject('databaseUrl');
// A reviewed dialogue with 50 places in person, open for applications until February 2027 (demo content).
const DIALOGUE = '/dialogues/2027-03-firearms';
const EVENT_KEY = 'dialogues/2027-03-firearms';

explainSkippedBrowserTests('registration journey');

describe.skipIf(!browserAvailable)('registration journey in a browser', () => {
  let browser: Browser;
  let handle: DatabaseHandle;
  const contexts: BrowserContext[] = [];

  async function signedInPage(organisationId: string | null, role: 'representative' | 'secretariat' = 'representative') {
    const signedIn = await signedInContext(browser, baseUrl, handle.db, organisationId, role);
    contexts.push(signedIn.context);
    return signedIn;
  }

  async function seedRegistration(state: string, queueNumber: number) {
    const person = await createMember(handle.db, await createOrganisation(handle.db));
    const stamp = new Date().toISOString();
    await handle.db
      .insertInto('registrations')
      .values({ id: `seed${queueNumber}`, event_key: EVENT_KEY, user_id: person.id, organisation_id: person.organisationId!, mode: 'in-person', state, queue_number: queueNumber, statement: 'Seeded applicant with expertise.', travel_support: 0, wants_to_speak: 0, accessibility_needs: null, decision_reason: null, decided_by: null, decided_at: stamp, created_at: stamp, updated_at: stamp })
      .execute();
    return person;
  }

  async function expectAccessible(page: Page) {
    expect(await checkAccessibility(page)).toEqual([]);
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    handle = openDatabase({ kind: 'sqlite', file: databaseUrl });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await handle?.close();
  });

  it('applies, is approved, withdraws, and the first waitlisted person is promoted', async () => {
    const applicant = await signedInPage(await createOrganisation(handle.db, { name: 'Firearms Research Institute', type: 'academia' }));
    const { page } = applicant;
    await page.goto(DIALOGUE);
    await Promise.all([page.waitForURL(`**${DIALOGUE}/apply`), page.getByRole('link', { name: 'Apply' }).click()]);
    await expectAccessible(page);

    // Error state first: no statement of expertise.
    await page.getByRole('button', { name: 'Send the application' }).click();
    await page.getByText(/at least 20 characters/).waitFor();
    await expectAccessible(page);

    await page.getByLabel('In person').check();
    await page.getByLabel('Your expertise on the topic').fill('We run the regional observatory on the tracing of illicit firearms.');
    await page.getByLabel('I would like to take the floor').check();
    await Promise.all([page.waitForURL('**/account/registrations?applied=pending'), page.getByRole('button', { name: 'Send the application' }).click()]);
    await expect(page.getByRole('table').innerText()).resolves.toContain('Pending review');
    await expectAccessible(page);

    // 49 other people already hold places; one more waits in line.
    for (let index = 1; index <= 49; index++) await seedRegistration('approved', 1000 + index);
    const waiting = await seedRegistration('waitlisted', 2000);

    const { page: secretariat } = await signedInPage(null, 'secretariat');
    await secretariat.goto(`/admin/events${DIALOGUE}?state=pending`);
    await expectAccessible(secretariat);
    await secretariat.getByRole('checkbox', { name: /Firearms Research Institute/ }).check();
    await secretariat.getByLabel('Decision for the ticked applications').selectOption('approve');
    await Promise.all([secretariat.waitForURL(`**/admin/events${DIALOGUE}?**changed=1**`), secretariat.getByRole('button', { name: 'Apply the decision' }).click()]);
    await expect(secretariat.getByRole('status').first().innerText()).resolves.toContain('1 application(s) changed');

    await page.goto(DIALOGUE);
    await expect(page.getByRole('main').innerText()).resolves.toContain('Your registration: Approved');
    const approval = readOutbox(outboxDir).filter((mail) => mail.to === applicant.person.email).at(-1)!;
    expect(approval.subject).toContain('Your place is confirmed');
    const [invitation] = calendarAttachments(approval);
    expect(invitation).toMatch(/^METHOD:REQUEST\r?$/m);
    expect(invitation).toMatch(/^UID:dialogues-2027-03-firearms@/m);
    expect(invitation).toMatch(/^DTSTART;TZID=Europe\/Vienna:20270316T100000\r?$/m);

    await page.goto('/account/registrations');
    await Promise.all([page.waitForURL('**/account/registrations?withdrawn=1'), page.getByRole('button', { name: /Withdraw/ }).click()]);
    await expect(page.getByRole('table').innerText()).resolves.toContain('Withdrawn');

    const promoted = await handle.db.selectFrom('registrations').select('state').where('user_id', '=', waiting.id).executeTakeFirstOrThrow();
    expect(promoted.state).toBe('approved');
    const withdrawal = readOutbox(outboxDir).filter((mail) => mail.to === applicant.person.email).at(-1)!;
    expect(calendarAttachments(withdrawal)[0]).toMatch(/^METHOD:CANCEL\r?$/m);
    expect(readOutbox(outboxDir).filter((mail) => mail.to === waiting.email).at(-1)!.subject).toContain('A place became free');
  }, 120_000);
});
