// Seats through the running portal: the withdrawal race through two instances
// on PostgreSQL (one instance on SQLite), the real reason someone waits, and
// an account deletion that hands its place on and ends its private feed.
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/server/auth/sessions';
import { hashPassword } from '../../src/server/auth/passwords';
import { DIALECTS } from '../support/databases';
import { postForm } from '../support/forms';
import { createMember, createOrganisation } from '../support/members';
import { calendarAttachments, mailTo, waitForMail } from '../support/outbox';
import { seatViolations } from '../support/seat-invariants';
import { usePortal } from '../support/portal';

// Demo content: a CCPCJ side event taking open registrations (50 in person,
// 300 online, 2 per organisation, waitlist), open until May 2027. The server
// takes its clock from the machine until the suite's clock setting lands.
const SIDE_EVENT = '/side-events/2027-05-ccpcj-ammunition-diversion';
const KEY = 'side-events/2027-05-ccpcj-ammunition-diversion';
const LIMITS = { capacity: { 'in-person': 50, online: 300 }, maxPerOrganisation: 2 };
const PASSWORD = 'correct horse battery staple';

describe.each(DIALECTS)('seats through the portal on %s', (dialect) => {
  const portal = usePortal(dialect);
  const base = (index: number) => portal.servers[index % portal.servers.length]!.baseUrl;

  async function signedIn(organisationId: string) {
    const person = await createMember(portal.handle.db, organisationId);
    return { person, cookie: `whatson_session=${(await createSession(portal.handle.db, person.id)).token}` };
  }

  async function page(path: string, cookie: string, index = 0) {
    const response = await fetch(new URL(path, base(index)), { headers: { Cookie: cookie } });
    return { status: response.status, body: await response.text() };
  }

  const registrationOf = async (userId: string) =>
    portal.handle.db.selectFrom('registrations').select(['id', 'state']).where('user_id', '=', userId).where('event_key', '=', KEY).orderBy('queue_number', 'desc').executeTakeFirstOrThrow();

  it('tells a representative held back by their organisation’s maximum that this, not a full event, is why they wait', async () => {
    const organisation = await createOrganisation(portal.handle.db);
    for (let index = 0; index < 2; index++) {
      const { cookie } = await signedIn(organisation);
      expect((await postForm(base(index), `${SIDE_EVENT}/apply`, { mode: 'in-person' }, cookie)).location).toBe('/account/registrations?applied=approved');
    }
    const third = await signedIn(organisation);
    expect((await postForm(base(1), `${SIDE_EVENT}/apply`, { mode: 'in-person' }, third.cookie)).location).toBe('/account/registrations?applied=waitlisted');
    const list = await page('/account/registrations', third.cookie);
    expect(list.body).toContain('Waitlisted: places are free, but your organisation has its maximum of 2 places');
    expect(list.body).not.toContain('All places are taken');
    expect((await page(SIDE_EVENT, third.cookie, 1)).body).toContain('places are free, but your organisation has its maximum of 2 places');
    const [mail] = await waitForMail(portal.outbox, (message) => message.to === third.person.email);
    expect(mail!.raw).toContain('Places are still free, but your organisation already has its maximum of 2 places at this event');
  });

  it('keeps every place filled over 20 rounds of an approved person and the first in line withdrawing at once through two instances', async () => {
    const cookies = new Map<string, string>();
    const emails = new Map<string, string>();
    const approved = async () => (await portal.handle.db.selectFrom('registrations').select('id').where('event_key', '=', KEY).where('mode', '=', 'in-person').where('state', '=', 'approved').execute()).length;
    // The remaining places, then a queue long enough for every round.
    const remaining = 50 - (await approved());
    for (let index = 0; index < remaining + 45; index++) {
      const { person, cookie } = await signedIn(await createOrganisation(portal.handle.db));
      cookies.set(person.id, cookie);
      emails.set(person.id, person.email);
      expect((await postForm(base(index), `${SIDE_EVENT}/apply`, { mode: 'in-person' }, cookie)).status).toBe(303);
    }
    expect(await approved()).toBe(50);

    let promotedThenWithdrawn = 0;
    for (let round = 0; round < 20; round++) {
      const rows = await portal.handle.db.selectFrom('registrations').select(['id', 'user_id', 'state']).where('event_key', '=', KEY).where('state', 'in', ['approved', 'waitlisted']).orderBy('queue_number').execute();
      const ours = rows.filter((row) => cookies.has(row.user_id));
      const leaving = ours.filter((row) => row.state === 'approved').at(-1)!;
      const firstInLine = ours.find((row) => row.state === 'waitlisted')!;
      const [a, b] = await Promise.all([
        postForm(base(0), '/account/registrations', { registrationId: leaving.id }, cookies.get(leaving.user_id)),
        postForm(base(1), '/account/registrations', { registrationId: firstInLine.id }, cookies.get(firstInLine.user_id)),
      ]);
      expect([a.location, b.location], `round ${round}`).toEqual(['/account/registrations?withdrawn=1', '/account/registrations?withdrawn=1']);
      expect(await seatViolations(portal.handle.db, KEY, LIMITS), `round ${round}`).toEqual([]);
      expect(await approved(), `round ${round}`).toBe(50);

      // Whether the first in line was promoted before their own withdrawal is the race's to decide: the mail
      // queue says whether they were told; the outbox has that email a moment later.
      const email = emails.get(firstInLine.user_id)!;
      const told = await portal.handle.db.selectFrom('outgoing_mail').select('id').where('recipient', '=', email).where('subject', 'like', 'A place became free%').executeTakeFirst();
      if (told) {
        await mailTo(portal.outbox, email, 'A place became free');
        promotedThenWithdrawn += 1;
        const [withdrawal] = await waitForMail(portal.outbox, (mail) => mail.to === email && mail.subject.startsWith('Your registration is withdrawn'));
        expect(withdrawal, `round ${round}: told of a place, then withdrawn without a word`).toBeDefined();
        expect(calendarAttachments(withdrawal!)[0]).toContain('METHOD:CANCEL');
      }
    }
    console.info(`[seats] ${dialect} over HTTP: the first in line was promoted before their own withdrawal in ${promotedThenWithdrawn} of 20 rounds`);
  }, 180_000);

  it('hands a deleted account’s place to the first in line and stops answering its private feed', async () => {
    // Someone holding one of the 50 places, who then deletes their account.
    const holder = await portal.handle.db.selectFrom('registrations').select('user_id').where('event_key', '=', KEY).where('state', '=', 'approved').where('mode', '=', 'in-person').executeTakeFirstOrThrow();
    const person = { id: holder.user_id };
    const cookie = `whatson_session=${(await createSession(portal.handle.db, person.id)).token}`;
    await portal.handle.db.updateTable('users').set({ password_hash: await hashPassword(PASSWORD) }).where('id', '=', person.id).execute();
    const calendar = await postForm(base(0), '/account/calendar', { action: 'rotate' }, cookie);
    const feed = new URL(/data-calendar-address>([^<]+)</.exec(calendar.html)![1]!).pathname;
    expect((await fetch(new URL(feed, base(1)))).status).toBe(200);
    const firstInLine = await portal.handle.db.selectFrom('registrations').select(['id', 'user_id']).where('event_key', '=', KEY).where('state', '=', 'waitlisted').where('mode', '=', 'in-person').orderBy('queue_number').executeTakeFirstOrThrow();

    expect((await postForm(base(1), '/account/delete', { password: PASSWORD }, cookie)).location).toBe('/?account=deleted');
    expect((await registrationOf(person.id)).state).toBe('withdrawn');
    expect((await registrationOf(firstInLine.user_id)).state).toBe('approved');
    expect((await fetch(new URL(feed, base(0)))).status).toBe(404);
    expect((await fetch(new URL(feed, base(1)))).status).toBe(404);
    expect(await seatViolations(portal.handle.db, KEY, LIMITS)).toEqual([]);
  });
});
