// Applying, deciding and withdrawing through HTTP, on SQLite with one server
// and on PostgreSQL with two servers sharing the database.
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/server/auth/sessions';
import { DIALECTS } from '../support/databases';
import { postForm } from '../support/forms';
import { createMember, createOrganisation } from '../support/members';
import { readOutbox, waitForMail } from '../support/outbox';
import { usePortal } from '../support/portal';

// Demo content: a CCPCJ side event taking open registrations (50 in person, 2 per organisation, waitlist),
// and the spring firearms dialogue taking reviewed applications. Both windows are open until May / February 2027.
const SIDE_EVENT = '/side-events/2027-05-ccpcj-ammunition-diversion';
const DIALOGUE = '/dialogues/2027-03-firearms';

describe.each(DIALECTS)('registrations over HTTP on %s', (dialect) => {
  const portal = usePortal(dialect);

  const base = (index = 0) => portal.servers[index % portal.servers.length]!.baseUrl;

  async function signedIn(organisationId: string | null, role: 'representative' | 'focal-point' | 'secretariat' = 'representative') {
    const person = await createMember(portal.handle.db, organisationId, role);
    const { token } = await createSession(portal.handle.db, person.id);
    return { person, cookie: `whatson_session=${token}` };
  }

  async function page(path: string, cookie: string, index = 0) {
    const response = await fetch(new URL(path, base(index)), { redirect: 'manual', headers: { Cookie: cookie } });
    return { status: response.status, headers: response.headers, body: await response.text() };
  }

  it('shows an accredited representative the Apply button, and a pending one why not', async () => {
    const { cookie } = await signedIn(await createOrganisation(portal.handle.db));
    expect((await page(SIDE_EVENT, cookie)).body).toContain(`href="${SIDE_EVENT}/apply"`);
    const pending = await signedIn(await createOrganisation(portal.handle.db, { accreditation: 'pending' }));
    expect((await page(SIDE_EVENT, pending.cookie)).body).toContain('waiting for accreditation');
    expect((await page(SIDE_EVENT, '')).body).toContain('Sign in to apply');
  });

  it('approves an application at once, and a repeated submit changes nothing', async () => {
    const { person, cookie } = await signedIn(await createOrganisation(portal.handle.db));
    const first = await postForm(base(), `${SIDE_EVENT}/apply`, { mode: 'in-person' }, cookie);
    expect(first.location).toBe('/account/registrations?applied=approved');
    const again = await postForm(base(1), `${SIDE_EVENT}/apply`, { mode: 'in-person' }, cookie);
    expect(again.location).toBe('/account/registrations?applied=approved');
    expect(await portal.handle.db.selectFrom('registrations').select('id').where('user_id', '=', person.id).execute()).toHaveLength(1);
    expect((await page(SIDE_EVENT, cookie, 1)).body).toContain('<strong>Approved</strong>');
    await waitForMail(portal.outbox, (mail) => mail.to === person.email && mail.subjectText.startsWith('Your place is confirmed'));
    expect(readOutbox(portal.outbox).filter((mail) => mail.to === person.email).map((mail) => mail.subject)).toEqual([expect.stringContaining('Your place is confirmed')]);
  });

  it('re-renders the application form with a 422 when the statement of expertise is missing', async () => {
    const { cookie } = await signedIn(await createOrganisation(portal.handle.db));
    const result = await postForm(base(), `${DIALOGUE}/apply`, { mode: 'online', statement: 'short' }, cookie);
    expect(result.status).toBe(422);
    expect(result.html).toContain('id="field-statement-error"');
    expect(result.html).toContain('at least 20 characters');
  });

  it('lets the secretariat reject with a reason, which the applicant sees, and logs the decision', async () => {
    const { person, cookie } = await signedIn(await createOrganisation(portal.handle.db));
    const applied = await postForm(base(), `${DIALOGUE}/apply`, { mode: 'in-person', statement: 'We run the regional firearms tracing observatory.' }, cookie);
    expect(applied.location).toBe('/account/registrations?applied=pending');
    const registration = await portal.handle.db.selectFrom('registrations').select('id').where('user_id', '=', person.id).executeTakeFirstOrThrow();

    const secretariat = await signedIn(null, 'secretariat');
    expect((await postForm(base(1), `/admin/events${DIALOGUE}`, { ids: registration.id, decision: 'reject' }, secretariat.cookie)).status).toBe(422);
    const decided = await postForm(base(1), `/admin/events${DIALOGUE}`, { ids: registration.id, decision: 'reject', reason: 'Places go to organisations working on tracing in the region.' }, secretariat.cookie);
    expect(decided.status).toBe(303);
    const mine = await page('/account/registrations', cookie);
    expect(mine.body).toContain('Not approved');
    expect(mine.body).toContain('Places go to organisations working on tracing in the region.');
    const audit = await portal.handle.db.selectFrom('audit_log').selectAll().where('subject_id', '=', registration.id).execute();
    expect(audit).toMatchObject([{ action: 'registration.rejected', actor_user_id: secretariat.person.id, reason: 'Places go to organisations working on tracing in the region.' }]);
  });

  it('keeps the secretariat pages and the export from everyone else', async () => {
    const focal = await signedIn(await createOrganisation(portal.handle.db), 'focal-point');
    expect((await page(`/admin/events${SIDE_EVENT}`, focal.cookie)).status).toBe(403);
    expect((await page(`/admin/events${SIDE_EVENT}.csv`, focal.cookie)).status).toBe(403);
    expect((await postForm(base(), `/admin/events${SIDE_EVENT}`, { ids: 'x', decision: 'approve' }, focal.cookie)).status).toBe(403);
  });

  it('exports registrants as CSV with spreadsheet formulas escaped', async () => {
    const organisationId = await createOrganisation(portal.handle.db, { name: '=HYPERLINK("http://evil.example","click")' });
    const { cookie } = await signedIn(organisationId);
    await postForm(base(), `${SIDE_EVENT}/apply`, { mode: 'online', accessibilityNeeds: '+1 sign language interpreter' }, cookie);
    const secretariat = await signedIn(null, 'secretariat');
    const csv = await page(`/admin/events${SIDE_EVENT}.csv`, secretariat.cookie);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv.body).toContain(`"'+1 sign language interpreter"`);
    expect(csv.body).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('withdraws a registration and promotes the first waitlisted person, who is emailed', async () => {
    // Fill the remaining in-person places of the side event, then queue one more person.
    const key = 'side-events/2027-05-ccpcj-ammunition-diversion';
    const approved = async () => Number((await portal.handle.db.selectFrom('registrations').select((eb) => eb.fn.countAll<number>().as('n')).where('event_key', '=', key).where('mode', '=', 'in-person').where('state', '=', 'approved').executeTakeFirstOrThrow()).n);
    const holders = [];
    while ((await approved()) < 50) {
      const holder = await signedIn(await createOrganisation(portal.handle.db));
      await postForm(base(), `${SIDE_EVENT}/apply`, { mode: 'in-person' }, holder.cookie);
      holders.push(holder);
    }
    const waiting = await signedIn(await createOrganisation(portal.handle.db));
    expect((await postForm(base(), `${SIDE_EVENT}/apply`, { mode: 'in-person' }, waiting.cookie)).location).toBe('/account/registrations?applied=waitlisted');
    expect((await page('/account/registrations', waiting.cookie)).body).toContain('position 1 on the waitlist');

    const leaving = holders.at(-1)!;
    const registration = await portal.handle.db.selectFrom('registrations').select('id').where('user_id', '=', leaving.person.id).executeTakeFirstOrThrow();
    expect((await postForm(base(1), '/account/registrations', { registrationId: registration.id }, leaving.cookie)).location).toBe('/account/registrations?withdrawn=1');
    expect((await page('/account/registrations', waiting.cookie)).body).toMatch(/data-state="approved"/);
    await waitForMail(portal.outbox, (mail) => mail.to === waiting.person.email && mail.subjectText.startsWith('A place became free'));
    expect(readOutbox(portal.outbox).filter((mail) => mail.to === waiting.person.email).map((mail) => mail.subject)).toEqual([
      expect.stringContaining('You are on the waitlist'),
      expect.stringContaining('A place became free'),
    ]);
  }, 60_000);
});

describe.each(DIALECTS)('200 concurrent applications over HTTP on %s', (dialect) => {
  const portal = usePortal(dialect);

  it('approves exactly 50, no organisation above 2, waitlists the rest in order, with no 5xx', async () => {
    const organisations = [];
    for (let index = 0; index < 120; index++) organisations.push(await createOrganisation(portal.handle.db));
    const cookies: string[] = [];
    for (let index = 0; index < 200; index++) {
      const person = await createMember(portal.handle.db, organisations[index % 120]!);
      cookies.push(`whatson_session=${(await createSession(portal.handle.db, person.id)).token}`);
    }
    const responses = await Promise.all(
      cookies.map((cookie, index) => postForm(portal.servers[index % portal.servers.length]!.baseUrl, `${SIDE_EVENT}/apply`, { mode: 'in-person' }, cookie)),
    );
    expect(responses.filter((response) => response.status >= 500)).toEqual([]);
    expect(responses.every((response) => response.status === 303)).toBe(true);

    const rows = await portal.handle.db
      .selectFrom('registrations')
      .select(['state', 'organisation_id', 'queue_number'])
      .where('event_key', '=', 'side-events/2027-05-ccpcj-ammunition-diversion')
      .orderBy('queue_number')
      .execute();
    const approved = rows.filter((row) => row.state === 'approved');
    expect(approved).toHaveLength(50);
    expect(rows.filter((row) => row.state === 'waitlisted')).toHaveLength(150);
    const perOrganisation = new Map<string, number>();
    for (const row of approved) perOrganisation.set(row.organisation_id, (perOrganisation.get(row.organisation_id) ?? 0) + 1);
    expect(Math.max(...perOrganisation.values())).toBeLessThanOrEqual(2);
    expect(rows.map((row) => row.queue_number)).toEqual(Array.from({ length: 200 }, (_, index) => index + 1));
  }, 120_000);
});
