// The secretariat's workspace on both databases: bulk decisions with reasons
// and audit entries, the audit log's filters, pages and CSV, the overview,
// an event's applications a page at a time with places left, and writing to
// an event's participants once each.
import { saying } from '../support/messages-in-english';
import { translate } from '../../src/i18n/translate';
import { message as i18nMessage } from '../../src/i18n/message';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import type { SessionUser } from '../../src/server/auth/sessions';
import { decideAccreditations } from '../../src/server/organisations/accreditation';
import { moderateSubmissions } from '../../src/server/submissions/moderation';
import { exportAuditTrail, readAuditTrail } from '../../src/server/audit/audit-trail';
import { auditCsv } from '../../src/server/audit/audit-csv';
import { readSecretariatOverview } from '../../src/server/admin/overview';
import { pageEventRegistrations } from '../../src/server/admin/event-registrations';
import { listParticipantMessages, sendParticipantMessage } from '../../src/server/admin/participant-messages';
import { recordDecision } from '../../src/server/audit/audit-log';
import { DIALECTS, useMigratedDatabase } from '../support/databases';
import { portalEvent } from '../support/event-fixtures';
import { createMember } from '../support/members';
import { readOutbox, useTemporaryOutbox, waitForMail } from '../support/outbox';
import { seedOrganisation, seedPerson, seedRegistration } from '../support/workspace-seeds';

const outbox = useTemporaryOutbox();
const NOW = new Date('2027-03-01T09:00:00Z');

const dialogue = portalEvent('2027-04-firearms', {
  start: '2027-04-10T10:00',
  end: '2027-04-10T18:00',
  registration: { mode: 'reviewed', opens: '2027-02-01T00:00', closes: '2027-03-10T23:59', capacityInPerson: 40, capacityOnline: 100, maxPerOrganisation: 2, waitlist: true, eligibleTypes: ['ngo', 'academia'] },
});
const KEY = 'dialogues/2027-04-firearms';

async function submittedInput(handle: DatabaseHandle, author: SessionUser, organisationId: string, title: string, consent = true) {
  const id = `sub${Math.random().toString(36).slice(2, 12)}`;
  const stamp = '2027-02-20T10:00:00.000Z';
  await handle.db
    .insertInto('submissions')
    .values({
      id, organisation_id: organisationId, author_id: author.id, title, topics: '["firearms"]', call_event_key: KEY, body: 'Findings.', answers: '[]',
      consent_to_publish: consent ? 1 : 0, state: 'submitted', secretariat_note: null, attachment_stored_name: null, attachment_name: null, attachment_size: null,
      created_at: stamp, updated_at: stamp, submitted_at: stamp, decided_at: null, decided_by: null, published_at: null,
    })
    .execute();
  return id;
}

describe.each(DIALECTS)('the secretariat’s workspace on %s', (dialect) => {
  let handle: DatabaseHandle;
  let secretariat: SessionUser;
  useMigratedDatabase(dialect, async (opened) => {
    handle = opened;
    secretariat = await createMember(opened.db, null, 'secretariat');
  });

  it('accredits or rejects several organisations at once, with the reason in each audit entry and email', async () => {
    const ids = [await seedOrganisation(handle.db, { name: 'Delta Watch', accreditation: 'pending' }), await seedOrganisation(handle.db, { name: 'Echo Aid', accreditation: 'pending' })];
    const focal = await createMember(handle.db, ids[0]!, 'focal-point');
    expect(await decideAccreditations(handle.db, secretariat, { ids, decision: 'reject', reason: '' }, NOW)).toMatchObject({ ok: false, issues: { reason: saying('reason') } });
    expect(await decideAccreditations(handle.db, secretariat, { ids: [...ids, 'gone'], decision: 'reject', reason: 'Outside the scope of the Convention.' }, NOW)).toEqual({
      ok: true,
      value: { state: 'rejected', changed: 2, missing: ['gone'] },
    });
    const states = await handle.db.selectFrom('organisations').select(['id', 'accreditation', 'accreditation_reason']).where('id', 'in', ids).execute();
    expect(states.every((row) => row.accreditation === 'rejected' && row.accreditation_reason === 'Outside the scope of the Convention.')).toBe(true);
    const trail = await readAuditTrail(handle.db, secretariat, new URLSearchParams({ action: 'organisation.rejected' }));
    expect(trail.ok && trail.value.entries.map((entry) => [entry.subject.name, entry.reason]).sort()).toEqual([
      ['Delta Watch', 'Outside the scope of the Convention.'],
      ['Echo Aid', 'Outside the scope of the Convention.'],
    ]);
    const [mail] = await waitForMail(outbox, (message) => message.to === focal.email);
    expect(mail!.raw).toContain('Outside the scope of the Convention.');
    expect(await decideAccreditations(handle.db, focal, { ids, decision: 'accredit' }, NOW)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('moderates several inputs at once with one note, refusing the one without consent to publish, each in the audit log', async () => {
    const { person, organisationId } = await seedPerson(handle.db, { name: 'Arms Watch' });
    const first = await submittedInput(handle, person, organisationId, 'Tracing');
    const second = await submittedInput(handle, person, organisationId, 'Marking');
    const private_ = await submittedInput(handle, person, organisationId, 'Private notes', false);
    expect(await moderateSubmissions(handle.db, secretariat, { ids: [first, second], decision: 'return' }, NOW)).toMatchObject({ ok: false, issues: { note: saying('Write a note for the authors') } });
    const report = await moderateSubmissions(handle.db, secretariat, { ids: [first, second, private_], decision: 'publish', note: 'Thank you.' }, NOW);
    expect(report).toEqual({ ok: true, value: { state: 'published', changed: 2, refused: [{ id: private_, why: saying('consent') }] } });
    const trail = await readAuditTrail(handle.db, secretariat, new URLSearchParams({ subjectType: 'submission' }));
    expect(trail.ok && trail.value.entries.map((entry) => [entry.action, entry.subject.name, entry.reason]).sort()).toEqual([
      ['submission.published', 'Marking', 'Thank you.'],
      ['submission.published', 'Tracing', 'Thank you.'],
    ]);
  });

  it('filters the audit log by who, action, subject and Vienna days, pages it, and exports the same entries as CSV with formulas escaped', async () => {
    const other = await createMember(handle.db, null, 'secretariat');
    const { person, organisationId } = await seedPerson(handle.db, { name: '=HYPERLINK("http://evil")' });
    const registration = await seedRegistration(handle.db, { eventKey: KEY, person, organisationId });
    // 23:30 UTC on 1 March is 00:30 on 2 March in Vienna.
    for (let index = 0; index < 60; index++) {
      await recordDecision(handle.db, { actorUserId: secretariat.id, action: 'organisation.accredited', subjectType: 'organisation', subjectId: organisationId, reason: `Round ${index}` }, new Date(Date.UTC(2027, 1, 1, 0, index)));
    }
    await recordDecision(handle.db, { actorUserId: other.id, action: 'registration.rejected', subjectType: 'registration', subjectId: registration, reason: '@SUM(A1)' }, new Date('2027-03-01T23:30:00Z'));

    const all = await readAuditTrail(handle.db, secretariat, new URLSearchParams());
    expect(all.ok && [all.value.total, all.value.pageCount, all.value.entries.length]).toEqual([61, 2, 50]);
    const second = await readAuditTrail(handle.db, secretariat, new URLSearchParams({ page: '2', actor: secretariat.id }));
    expect(second.ok && [second.value.total, second.value.entries.length, second.value.entries.at(-1)!.reason]).toEqual([60, 10, 'Round 0']);
    expect(all.ok && all.value.actors.map((actor) => actor.id).sort()).toEqual([secretariat.id, other.id].sort());

    const byDay = await readAuditTrail(handle.db, secretariat, new URLSearchParams({ from: '2027-03-02', to: '2027-03-02' }));
    expect(byDay.ok && byDay.value.entries).toEqual([
      expect.objectContaining({ action: 'registration.rejected', actor: expect.objectContaining({ id: other.id }), subject: { type: 'registration', id: registration, name: null, person: `${person.name}, =HYPERLINK("http://evil")`, eventKey: KEY } }),
    ]);
    expect(await readAuditTrail(handle.db, secretariat, new URLSearchParams({ from: '2027-03-01', to: '2027-03-01', action: 'registration.rejected' }))).toMatchObject({ ok: true, value: { total: 0 } });
    const bySubject = await readAuditTrail(handle.db, secretariat, new URLSearchParams({ subjectType: 'organisation', subject: organisationId, from: 'yesterday' }));
    expect(bySubject.ok && [bySubject.value.total, bySubject.value.issues]).toEqual([60, { from: 'Enter a date as YYYY-MM-DD, such as 2026-12-01.' }]);

    const exported = await exportAuditTrail(handle.db, secretariat, new URLSearchParams({ actor: other.id }));
    if (!exported.ok) throw new Error(exported.code);
    const csv = auditCsv(exported.value.entries, { action: (action) => action, subject: (entry) => entry.subject.person ?? '' });
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"${person.name}, =HYPERLINK(""http://evil"")"`);
    expect(lines[1]).toContain(`,"'@SUM(A1)",`);
    expect(await exportAuditTrail(handle.db, person, new URLSearchParams())).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('shows what waits across every queue, oldest first, and what closes within two weeks', async () => {
    await seedOrganisation(handle.db, { name: 'Newer', accreditation: 'pending', createdAt: '2027-02-10T00:00:00.000Z' });
    await seedOrganisation(handle.db, { name: 'Older', accreditation: 'pending', createdAt: '2027-01-10T00:00:00.000Z' });
    const later = portalEvent('2027-05-smuggling', { topics: ['smuggling-of-migrants'], start: '2027-05-10T10:00', end: '2027-05-10T12:00', registration: { mode: 'reviewed', closes: '2027-05-01T23:59', waitlist: false, eligibleTypes: ['ngo'] } });
    const { person, organisationId } = await seedPerson(handle.db, { name: 'Applicant Org' });
    const { person: another, organisationId: anotherOrg } = await seedPerson(handle.db, { name: 'Second Org' });
    await seedRegistration(handle.db, { eventKey: 'dialogues/2027-05-smuggling', person, organisationId, createdAt: '2027-01-05T00:00:00.000Z' });
    await seedRegistration(handle.db, { eventKey: KEY, person, organisationId, createdAt: '2027-02-05T00:00:00.000Z' });
    await seedRegistration(handle.db, { eventKey: KEY, person: another, organisationId: anotherOrg, createdAt: '2027-02-06T00:00:00.000Z' });
    await submittedInput(handle, person, organisationId, 'Waiting input');
    await handle.db.insertInto('outgoing_mail').values({ id: 'm1', recipient: 'x@example.org', subject: 's', body: 'b', attachments: null, state: 'failed', attempts: 8, next_attempt_at: NOW.toISOString(), claimed_by: null, claimed_until: null, last_error: 'refused', created_at: NOW.toISOString(), sent_at: null }).execute();

    const overview = await readSecretariatOverview(handle.db, secretariat, { events: [dialogue, later], now: NOW });
    if (!overview.ok) throw new Error(overview.code);
    expect(overview.value.organisations).toEqual({ count: 2, oldest: '2027-01-10T00:00:00.000Z' });
    expect(overview.value.registrations.map((row) => [row.eventKey, row.count, row.event?.slug])).toEqual([
      ['dialogues/2027-05-smuggling', 1, '2027-05-smuggling'],
      [KEY, 2, '2027-04-firearms'],
    ]);
    expect(overview.value.submissions).toEqual([expect.objectContaining({ eventKey: KEY, count: 1 })]);
    expect(overview.value.failedMail.count).toBe(1);
    expect(overview.value.closingSoon.map((item) => [item.event.slug, item.kind])).toEqual([['2027-04-firearms', 'registration']]);
    expect(await readSecretariatOverview(handle.db, person, { events: [], now: NOW })).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('lists an event’s applications 50 to a page, filtered by country from the list, with places left per mode', async () => {
    const kenya = await seedOrganisation(handle.db, { name: 'Nairobi Network', country: 'KE' });
    const austria = await seedOrganisation(handle.db, { name: 'Vienna Forum', country: 'AT' });
    for (let index = 0; index < 120; index++) {
      const organisationId = index % 3 === 0 ? kenya : austria;
      await seedRegistration(handle.db, { eventKey: KEY, person: await createMember(handle.db, organisationId), organisationId, state: index < 5 ? 'approved' : 'pending', mode: index % 2 ? 'online' : 'in-person' });
    }
    const first = await pageEventRegistrations(handle.db, secretariat, dialogue, new URLSearchParams());
    if (!first.ok) throw new Error(first.code);
    expect([first.value.total, first.value.pageCount, first.value.rows.length]).toEqual([120, 3, 50]);
    expect(first.value.places).toEqual([
      { mode: 'in-person', capacity: 40, approved: 3, left: 37 },
      { mode: 'online', capacity: 100, approved: 2, left: 98 },
    ]);
    expect(first.value.counts.byCountry).toEqual({ KE: 40, AT: 80 });
    const third = await pageEventRegistrations(handle.db, secretariat, dialogue, new URLSearchParams({ page: '3' }));
    expect(third.ok && third.value.rows.length).toBe(20);
    expect(third.ok && third.value.rows[0]!.queueNumber).toBeGreaterThan(first.value.rows.at(-1)!.queueNumber);
    const kenyan = await pageEventRegistrations(handle.db, secretariat, dialogue, new URLSearchParams({ country: 'ke', state: 'pending' }));
    expect(kenyan.ok && [kenyan.value.total, kenyan.value.rows.every((row) => row.country === 'KE')]).toEqual([38, true]);
    const wrong = await pageEventRegistrations(handle.db, secretariat, dialogue, new URLSearchParams({ country: 'Kenya', page: '0' }));
    expect(wrong.ok && wrong.value.issues).toEqual({ country: 'Choose a country from the list.', page: 'Page numbers are whole numbers from 1.' });
    expect(wrong.ok && wrong.value.total).toBe(120);
  });

  it('writes to the approved participants once each, keeps the message with the event, and does not send a repeated submit again', async () => {
    const { person: one, organisationId } = await seedPerson(handle.db, { name: 'First' });
    const two = await createMember(handle.db, organisationId);
    const { person: waiting, organisationId: waitingOrg } = await seedPerson(handle.db, { name: 'Second' });
    await seedRegistration(handle.db, { eventKey: KEY, person: one, organisationId, state: 'withdrawn' });
    await seedRegistration(handle.db, { eventKey: KEY, person: one, organisationId, state: 'approved' });
    await seedRegistration(handle.db, { eventKey: KEY, person: two, organisationId, state: 'approved', mode: 'online' });
    await seedRegistration(handle.db, { eventKey: KEY, person: waiting, organisationId: waitingOrg, state: 'waitlisted' });
    await seedRegistration(handle.db, { eventKey: 'dialogues/other', person: waiting, organisationId: waitingOrg, state: 'approved' });

    const input = { audience: 'approved', subject: 'Room change', body: 'We meet in Boardroom B.' };
    expect(await sendParticipantMessage(handle.db, secretariat, dialogue, { ...input, body: ' ' }, NOW)).toMatchObject({ ok: false, issues: { body: 'Write the message.' } });
    const sent = await sendParticipantMessage(handle.db, secretariat, dialogue, input, NOW);
    expect(sent).toMatchObject({ ok: true, value: { recipients: 2, repeated: false } });
    expect(await sendParticipantMessage(handle.db, secretariat, dialogue, input, new Date(NOW.getTime() + 60_000))).toMatchObject({ ok: true, value: { repeated: true } });
    const everyone = await sendParticipantMessage(handle.db, secretariat, dialogue, { audience: 'all', subject: 'Badges', body: 'Bring your badge.' }, NOW);
    expect(everyone).toMatchObject({ ok: true, value: { recipients: 3 } });

    const ours = new Set([one.email, two.email, waiting.email]);
    // The frame of the subject is the catalogue's, in each recipient's language (English here); the subject as written.
    const received = (subject: string) => (message: { to: string; subjectText: string }) =>
      ours.has(message.to) && message.subjectText === translate('en', i18nMessage('mail.participants.subject', { title: dialogue.title, subject }));
    await waitForMail(outbox, received('Room change'), 2);
    await waitForMail(outbox, received('Badges'), 3);
    expect(readOutbox(outbox).filter(received('Room change')).map((message) => message.to).sort()).toEqual([one.email, two.email].sort());
    expect(readOutbox(outbox).filter(received('Badges')).map((message) => message.to).sort()).toEqual([one.email, two.email, waiting.email].sort());
    const history = await listParticipantMessages(handle.db, secretariat, dialogue);
    expect(history.ok && history.value.map((message) => [message.audience, message.recipients])).toEqual(expect.arrayContaining([['approved', 2], ['all', 3]]));
    expect(history.ok && history.value).toHaveLength(2);
    const trail = await readAuditTrail(handle.db, secretariat, new URLSearchParams({ action: 'event.message-sent' }));
    expect(trail.ok && trail.value.total).toBe(2);
    expect(await sendParticipantMessage(handle.db, one, dialogue, input, NOW)).toMatchObject({ ok: false, code: 'forbidden' });
  });
});
