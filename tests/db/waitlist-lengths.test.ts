// The queue lengths the database keeps for each mode of each event (migration
// 78, by triggers): right after every kind of change to a registration, from
// the registrations already waiting when it is applied, and what a newcomer is
// told of their place, on both databases.
import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database, RegistrationsTable } from '../../src/server/db/schema';
import { migrateToLatest } from '../../src/server/db/migrate';
import { migrations } from '../../db/migrations/index';
import { applyForEvent } from '../../src/server/registrations/apply';
import { withdrawRegistration } from '../../src/server/registrations/withdraw';
import { eventKey } from '../../src/server/registrations/application-window';
import { waitlistPosition } from '../../src/server/registrations/waitlist';
import { createTestDatabase, DIALECTS, useMigratedDatabase } from '../support/databases';
import { portalEvent } from '../support/event-fixtures';
import { createMember, createOrganisation } from '../support/members';
import { useTemporaryOutbox } from '../support/outbox';

useTemporaryOutbox();

const NOW = new Date('2027-05-01T12:00:00Z');
const STAMP = NOW.toISOString();
const MIGRATION = '2026-12-01-78-waitlist-lengths';

/** The lengths kept, as `event mode: n`, without the queues that are empty. */
async function keptLengths(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('waitlist_lengths').select(['event_key', 'mode', 'waiting']).orderBy('event_key').orderBy('mode').execute();
  return rows.filter((row) => Number(row.waiting) !== 0).map((row) => `${row.event_key} ${row.mode}: ${row.waiting}`);
}

/** The same, counted from the registrations. */
async function countedLengths(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('registrations')
    .select(['event_key', 'mode', (eb) => eb.fn.countAll<number>().as('waiting')])
    .where('state', '=', 'waitlisted')
    .groupBy(['event_key', 'mode'])
    .orderBy('event_key')
    .orderBy('mode')
    .execute();
  return rows.map((row) => `${row.event_key} ${row.mode}: ${row.waiting}`);
}

async function insertRegistrations(db: Kysely<Database>, rows: { id: string; event: string; mode: 'in-person' | 'online'; state: RegistrationsTable['state']; queue: number }[]): Promise<void> {
  const organisation = await createOrganisation(db);
  for (const row of rows) {
    const person = await createMember(db, organisation);
    await db
      .insertInto('registrations')
      .values({ id: row.id, event_key: row.event, user_id: person.id, organisation_id: organisation, mode: row.mode, state: row.state, queue_number: row.queue, statement: null, travel_support: 0, wants_to_speak: 0, accessibility_needs: null, decision_reason: null, decided_by: null, decided_at: null, created_at: STAMP, updated_at: STAMP })
      .execute();
  }
}

describe.each(DIALECTS)('the waitlist lengths kept on %s', (dialect) => {
  let db: Kysely<Database>;
  useMigratedDatabase(dialect, (opened) => {
    db = opened.db;
  });

  it('follows every change of a registration: joining, leaving, moving between modes and events, and deletion', async () => {
    await insertRegistrations(db, [
      { id: 'a', event: 'events/one', mode: 'in-person', state: 'waitlisted', queue: 1 },
      { id: 'b', event: 'events/one', mode: 'in-person', state: 'waitlisted', queue: 2 },
      { id: 'c', event: 'events/one', mode: 'online', state: 'waitlisted', queue: 3 },
      { id: 'd', event: 'events/two', mode: 'in-person', state: 'approved', queue: 1 },
    ]);
    expect(await keptLengths(db)).toEqual(['events/one in-person: 2', 'events/one online: 1']);

    const steps: [string, () => Promise<unknown>, string[]][] = [
      ['promoted', () => db.updateTable('registrations').set({ state: 'approved' }).where('id', '=', 'a').execute(), ['events/one in-person: 1', 'events/one online: 1']],
      ['back on the waitlist', () => db.updateTable('registrations').set({ state: 'waitlisted' }).where('id', '=', 'd').execute(), ['events/one in-person: 1', 'events/one online: 1', 'events/two in-person: 1']],
      ['moved to the other mode while waiting', () => db.updateTable('registrations').set({ mode: 'online' }).where('id', '=', 'b').execute(), ['events/one online: 2', 'events/two in-person: 1']],
      ['moved to another event while waiting', () => db.updateTable('registrations').set({ event_key: 'events/two', mode: 'in-person' }).where('id', '=', 'c').execute(), ['events/one online: 1', 'events/two in-person: 2']],
      ['set to waiting again (no change)', () => db.updateTable('registrations').set({ state: 'waitlisted', updated_at: STAMP }).where('id', '=', 'c').execute(), ['events/one online: 1', 'events/two in-person: 2']],
      ['something else changed', () => db.updateTable('registrations').set({ accessibility_needs: 'step-free access' }).where('id', '=', 'b').execute(), ['events/one online: 1', 'events/two in-person: 2']],
      ['withdrawn', () => db.updateTable('registrations').set({ state: 'withdrawn' }).where('id', '=', 'b').execute(), ['events/two in-person: 2']],
      ['deleted', () => db.deleteFrom('registrations').where('id', 'in', ['c', 'd']).execute(), []],
    ];
    for (const [step, change, expected] of steps) {
      await change();
      expect({ step, kept: await keptLengths(db) }).toEqual({ step, kept: expected });
      expect(await keptLengths(db)).toEqual(await countedLengths(db));
    }
  });

  it('tells a newcomer the place that counting the earlier entries gives, after people ahead have left the queue', async () => {
    const event = portalEvent('2027-07-lengths', {
      start: '2027-07-06T10:00',
      end: '2027-07-06T18:00',
      registration: { mode: 'open', opens: '2027-04-01T00:00', closes: '2027-06-15T23:59', capacityInPerson: 1, capacityOnline: 100, waitlist: true, eligibleTypes: ['ngo'] },
    });
    const key = eventKey(event);
    const applicant = async () => createMember(db, await createOrganisation(db));
    const apply = async (person: Awaited<ReturnType<typeof applicant>>) => {
      const result = await applyForEvent(db, person, event, { mode: 'in-person' }, NOW);
      if (!result.ok) throw new Error(JSON.stringify(result));
      return result.value;
    };
    await apply(await applicant());
    const waiting = [await applicant(), await applicant(), await applicant()];
    const applications = [];
    for (const person of waiting) applications.push(await apply(person));
    expect(applications.map((application) => application.position)).toEqual([1, 2, 3]);

    // The second in line leaves: the newcomer is third, not fourth.
    expect(await withdrawRegistration(db, waiting[1]!, applications[1]!.registrationId, () => event, NOW)).toMatchObject({ ok: true });
    const newcomer = await apply(await applicant());
    const queueNumber = (await db.selectFrom('registrations').select('queue_number').where('id', '=', newcomer.registrationId).executeTakeFirstOrThrow()).queue_number;
    expect(newcomer).toMatchObject({ state: 'waitlisted', position: 3 });
    expect(await waitlistPosition(db, key, 'in-person', Number(queueNumber))).toBe(3);
  });
});

describe.each(DIALECTS)('the migration that keeps waitlist lengths, on %s', (dialect) => {
  it('starts from the registrations already waiting', async () => {
    const database = await createTestDatabase(dialect);
    const handle = database.open();
    try {
      const before = migrations.findIndex(([name]) => name === MIGRATION);
      await migrateToLatest(handle, migrations.slice(0, before));
      await insertRegistrations(handle.db, [
        { id: 'a', event: 'events/one', mode: 'in-person', state: 'waitlisted', queue: 1 },
        { id: 'b', event: 'events/one', mode: 'in-person', state: 'approved', queue: 2 },
        { id: 'c', event: 'events/one', mode: 'in-person', state: 'waitlisted', queue: 3 },
        { id: 'd', event: 'events/two', mode: 'online', state: 'waitlisted', queue: 1 },
      ]);

      expect(await migrateToLatest(handle)).toContain(MIGRATION);
      expect(await keptLengths(handle.db)).toEqual(['events/one in-person: 2', 'events/two online: 1']);
      // And follows from there.
      await handle.db.updateTable('registrations').set({ state: 'approved' }).where('id', '=', 'a').execute();
      expect(await keptLengths(handle.db)).toEqual(['events/one in-person: 1', 'events/two online: 1']);
    } finally {
      await handle.close();
      await database.drop();
    }
  });
});
