// Attendance on both databases: the secretariat records approved registrations
// as attended or absent once the event has started, one or many at a time,
// each in the audit log; anything else is refused with why. The participation
// figures count "took part" from what was recorded, and say where it was not.
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import type { SessionUser } from '../../src/server/auth/sessions';
import { recordAttendance } from '../../src/server/registrations/attendance';
import { computeParticipationFigures } from '../../src/server/admin/participation-figures';
import { figuresCsv } from '../../src/server/admin/figures-csv';
import { message } from '../../src/i18n/message';
import { DIALECTS, useMigratedDatabase } from '../support/databases';
import { portalEvent, TOPIC_TITLES } from '../support/event-fixtures';
import { createMember } from '../support/members';
import { seedOrganisation, seedRegistration } from '../support/workspace-seeds';
import type { RegistrationState } from '../../src/server/db/schema';

// The dialogue runs 10:00 to 18:00 Vienna time (08:00 to 16:00 UTC) on 10 April 2027.
const dialogue = portalEvent('2027-04-firearms', { title: 'Firearms dialogue', start: '2027-04-10T10:00', end: '2027-04-10T18:00' });
const other = portalEvent('2027-05-firearms', { title: 'Other dialogue', start: '2027-05-10T10:00', end: '2027-05-10T18:00' });
const cancelled = portalEvent('2027-04-cancelled', { title: 'Cancelled dialogue', start: '2027-04-12T10:00', end: '2027-04-12T18:00', status: 'cancelled' });
const BEFORE_START = new Date('2027-04-10T07:59:00Z');
const DURING = new Date('2027-04-10T09:00:00Z');
const AFTER = new Date('2027-08-01T09:00:00Z');
const COLLECTIONS = { events: 'Event', 'side-events': 'Side event', dialogues: 'Constructive dialogue' };
const key = (event: typeof dialogue) => `${event.collection}/${event.slug}`;

describe.each(DIALECTS)('attendance on %s', (dialect) => {
  let handle: DatabaseHandle;
  let secretariat: SessionUser;
  useMigratedDatabase(dialect, async (opened) => {
    handle = opened;
    secretariat = await createMember(opened.db, null, 'secretariat');
  });

  /** Three approved people of two organisations, one pending and one rejected, at the dialogue. */
  async function seed() {
    const kenya = await seedOrganisation(handle.db, { name: 'Nairobi NGO', type: 'ngo', country: 'KE' });
    const austria = await seedOrganisation(handle.db, { name: 'Vienna Institute', type: 'academia', country: 'AT' });
    const register = async (organisationId: string, state: RegistrationState, event = dialogue) => seedRegistration(handle.db, { eventKey: key(event), person: await createMember(handle.db, organisationId), organisationId, state });
    return {
      approved: [await register(kenya, 'approved'), await register(kenya, 'approved'), await register(austria, 'approved')],
      pending: await register(austria, 'pending'),
      rejected: await register(kenya, 'rejected'),
      elsewhere: await register(kenya, 'approved', other),
    };
  }

  const attendanceOf = async (id: string) => (await handle.db.selectFrom('registrations').select(['attendance', 'attendance_marked_by']).where('id', '=', id).executeTakeFirstOrThrow());

  it('records approved registrations as attended or absent, one and in bulk, each in the audit log', async () => {
    const seeded = await seed();
    const [a, b, c] = seeded.approved as [string, string, string];
    expect(await recordAttendance(handle.db, secretariat, dialogue, { ids: [a], attendance: 'attended' }, DURING)).toEqual({ ok: true, value: { changed: 1, refused: [] } });
    expect(await recordAttendance(handle.db, secretariat, dialogue, { ids: [a, b, c], attendance: 'absent' }, AFTER)).toEqual({ ok: true, value: { changed: 3, refused: [] } });
    // Recording what is already recorded changes nothing and logs nothing.
    expect(await recordAttendance(handle.db, secretariat, dialogue, { ids: [b, c], attendance: 'absent' }, AFTER)).toEqual({ ok: true, value: { changed: 0, refused: [] } });
    expect(await attendanceOf(a)).toEqual({ attendance: 'absent', attendance_marked_by: secretariat.id });
    const log = await handle.db.selectFrom('audit_log').select(['action', 'subject_id', 'actor_user_id', 'details']).where('action', 'in', ['registration.attended', 'registration.absent']).orderBy('at').orderBy('action').execute();
    expect(log.map((entry) => [entry.action, entry.subject_id, entry.actor_user_id])).toEqual(
      expect.arrayContaining([['registration.attended', a, secretariat.id], ['registration.absent', a, secretariat.id], ['registration.absent', b, secretariat.id], ['registration.absent', c, secretariat.id]]),
    );
    expect(log).toHaveLength(4);
    expect(JSON.parse(log.find((entry) => entry.action === 'registration.absent' && entry.subject_id === a)!.details!)).toMatchObject({ event: key(dialogue), from: 'attended' });
  });

  it('refuses registrations that are not approved or not of this event, with why, and records the others', async () => {
    const seeded = await seed();
    const result = await recordAttendance(handle.db, secretariat, dialogue, { ids: [seeded.approved[0], seeded.pending, seeded.rejected, seeded.elsewhere], attendance: 'attended' }, AFTER);
    expect(result).toEqual({
      ok: true,
      value: {
        changed: 1,
        refused: [
          { id: seeded.pending, why: message('attendance.onlyApproved') },
          { id: seeded.rejected, why: message('attendance.onlyApproved') },
          { id: seeded.elsewhere, why: message('attendance.notThisEvent') },
        ],
      },
    });
    for (const id of [seeded.pending, seeded.rejected, seeded.elsewhere]) expect((await attendanceOf(id)).attendance).toBeNull();
  });

  it('refuses attendance before the event starts, at a cancelled event, without a choice, and to anyone but the secretariat', async () => {
    const seeded = await seed();
    const ids = [seeded.approved[0]];
    expect(await recordAttendance(handle.db, secretariat, dialogue, { ids, attendance: 'attended' }, BEFORE_START)).toEqual({ ok: false, code: 'conflict', message: message('attendance.notStarted') });
    expect(await recordAttendance(handle.db, secretariat, cancelled, { ids, attendance: 'attended' }, AFTER)).toEqual({ ok: false, code: 'conflict', message: message('attendance.cancelled') });
    expect(await recordAttendance(handle.db, secretariat, dialogue, { ids, attendance: 'maybe' }, AFTER)).toMatchObject({ ok: false, code: 'invalid', issues: { attendance: { key: 'attendance.chooseAttendance' } } });
    expect(await recordAttendance(handle.db, secretariat, dialogue, { ids: [], attendance: 'attended' }, AFTER)).toMatchObject({ ok: false, code: 'invalid', issues: { ids: { key: 'registration.tickOne' } } });
    const member = await createMember(handle.db, await seedOrganisation(handle.db, { name: 'Someone' }));
    expect(await recordAttendance(handle.db, member, dialogue, { ids, attendance: 'attended' }, AFTER)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await recordAttendance(handle.db, null, dialogue, { ids, attendance: 'attended' }, AFTER)).toMatchObject({ ok: false, code: 'forbidden' });
    expect((await attendanceOf(ids[0]!)).attendance).toBeNull();
    expect(await handle.db.selectFrom('audit_log').selectAll().where('action', 'in', ['registration.attended', 'registration.absent']).execute()).toEqual([]);
  });

  it('counts "took part" from recorded attendance, and flags events where it was not recorded in the table and the CSV', async () => {
    const seeded = await seed();
    const [a, b, c] = seeded.approved as [string, string, string];
    await recordAttendance(handle.db, secretariat, dialogue, { ids: [a], attendance: 'attended' }, AFTER);
    await recordAttendance(handle.db, secretariat, dialogue, { ids: [b, c], attendance: 'absent' }, AFTER);
    const figuresAt = (now: Date) =>
      computeParticipationFigures(handle.db, secretariat, new URLSearchParams({ from: '2027-01-01', to: '2027-12-31' }), { events: [dialogue, other], topicTitles: TOPIC_TITLES, collectionNames: COLLECTIONS, now });
    const figures = await figuresAt(AFTER);
    if (!figures.ok) throw new Error(figures.code);
    const row = (eventKey: string) => figures.value.groups.find((group) => group.key === eventKey)!;
    // Recorded: one of three approved people attended. Not recorded: the one approved place counts, flagged.
    expect(row(key(dialogue))).toMatchObject({ approved: { organisations: 2, people: 3 }, tookPart: { organisations: 1, people: 1 }, attendanceNotRecorded: 0 });
    expect(row(key(other))).toMatchObject({ approved: { organisations: 1, people: 1 }, tookPart: { organisations: 1, people: 1 }, attendanceNotRecorded: 1 });
    expect(figures.value.total).toMatchObject({ tookPart: { organisations: 1, people: 2 }, attendanceNotRecorded: 1 });
    const csv = figuresCsv(figures.value, [{ name: 'per event', rows: figures.value.groups, label: (group) => group.label }], (_key, label) => label);
    const lines = csv.split('\r\n');
    expect(lines[0]).toContain('took part: people,attendance,attendance not recorded: events');
    expect(lines).toEqual(expect.arrayContaining(['per event,Firearms dialogue,dialogues/2027-04-firearms,2,5,2,3,1,1,,0', 'per event,Other dialogue,dialogues/2027-05-firearms,1,1,1,1,1,1,not recorded,1']));
    // While the event runs, the attended count already; nobody is assumed to have taken part.
    const during = await figuresAt(DURING);
    if (!during.ok) throw new Error(during.code);
    expect(during.value.groups.find((group) => group.key === key(other))).toMatchObject({ tookPart: { organisations: 0, people: 0 }, attendanceNotRecorded: 0 });
  });
});
