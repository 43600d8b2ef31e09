// Apply in the browser → the secretariat approves → the applicant sees it →
// withdraws → the first waitlisted person is promoted and emailed.
import { fixtureIcalLocal } from '../support/fixture-dates';
import { describe, expect, inject, it } from 'vitest';
import { useDatabaseFile } from '../support/databases';
import { browserAvailable, expectAccessible, explainSkippedBrowserTests, useBrowser } from '../support/browser';
import { createMember, createOrganisation } from '../support/members';
import type { RegistrationState } from '../../src/server/db/schema';
import { calendarAttachments, mailTo } from '../support/outbox';

const baseUrl = inject('baseUrl');
const outboxDir = inject('outboxDir');
const databaseUrl = inject('databaseUrl');
// A reviewed dialogue with 50 places in person, open for applications until February 2027 (demo content).
const DIALOGUE = '/dialogues/2027-03-firearms';
const EVENT_KEY = 'dialogues/2027-03-firearms';

explainSkippedBrowserTests('registration journey');

describe.skipIf(!browserAvailable)('registration journey in a browser', () => {
  const browser = useBrowser(baseUrl);
  const database = useDatabaseFile(databaseUrl);

  async function seedRegistration(state: RegistrationState, queueNumber: number) {
    const person = await createMember(database.db, await createOrganisation(database.db));
    const stamp = new Date().toISOString();
    await database.db
      .insertInto('registrations')
      .values({ id: `seed${queueNumber}`, event_key: EVENT_KEY, user_id: person.id, organisation_id: person.organisationId!, mode: 'in-person', state, queue_number: queueNumber, statement: 'Seeded applicant with expertise.', travel_support: 0, wants_to_speak: 0, accessibility_needs: null, decision_reason: null, decided_by: null, decided_at: stamp, created_at: stamp, updated_at: stamp })
      .execute();
    return person;
  }

  it('applies, is approved, withdraws, and the first waitlisted person is promoted', async () => {
    const applicant = await browser.signedInPage(database.db, await createOrganisation(database.db, { name: 'Firearms Research Institute', type: 'academia' }));
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

    // 49 other people already hold places.
    for (let index = 1; index <= 49; index++) await seedRegistration('approved', 1000 + index);

    const { page: secretariat } = await browser.signedInPage(database.db, null, 'secretariat');
    await secretariat.goto(`/admin/events${DIALOGUE}?state=pending`);
    await expectAccessible(secretariat);
    await secretariat.getByRole('checkbox', { name: /Firearms Research Institute/ }).check();
    await secretariat.getByLabel('Decision for the ticked applications').selectOption('approve');
    await Promise.all([secretariat.waitForURL(`**/admin/events${DIALOGUE}?**changed=1**`), secretariat.getByRole('button', { name: 'Apply the decision' }).click()]);
    await expect(secretariat.getByRole('status').first().innerText()).resolves.toContain('1 application(s) changed');
    // Every place is taken now; one more person waits in line. (Seeded earlier,
    // with a place free, they would have been given it before this approval.)
    const waiting = await seedRegistration('waitlisted', 2000);

    await page.goto(DIALOGUE);
    await expect(page.getByRole('main').innerText()).resolves.toContain('Your registration: Approved');
    const approval = await mailTo(outboxDir, applicant.person.email, 'Your place is confirmed');
    expect(approval.subject).toContain('Your place is confirmed');
    const [invitation] = calendarAttachments(approval);
    expect(invitation).toMatch(/^METHOD:REQUEST\r?$/m);
    expect(invitation).toMatch(/^UID:dialogues-2027-03-firearms@/m);
    expect(invitation).toMatch(new RegExp(`^DTSTART;TZID=Europe/Vienna:${fixtureIcalLocal('2027-03-16T10:00')}\r?$`, 'm'));

    await page.goto('/account/registrations');
    await Promise.all([page.waitForURL('**/account/registrations?withdrawn=1'), page.getByRole('button', { name: /Withdraw/ }).click()]);
    await expect(page.getByRole('table').innerText()).resolves.toContain('Withdrawn');

    const promoted = await database.db.selectFrom('registrations').select('state').where('user_id', '=', waiting.id).executeTakeFirstOrThrow();
    expect(promoted.state).toBe('approved');
    const withdrawal = await mailTo(outboxDir, applicant.person.email, 'Your registration is withdrawn');
    expect(calendarAttachments(withdrawal)[0]).toMatch(/^METHOD:CANCEL\r?$/m);
    expect((await mailTo(outboxDir, waiting.email, 'A place became free')).subject).toContain('A place became free');
  }, 300_000);
});
