// Seats under interleavings: applications, withdrawals, decisions and account
// deletions at once, on PostgreSQL through two connection pools (as two
// instances would) and on SQLite. After every round: no mode over capacity, no
// organisation over its maximum, no free place while someone who could take
// it waits, and nothing live left of a deleted account.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle, DialectName } from '../../src/server/db/connection';
import { migrateToLatest } from '../../src/server/db/migrate';
import { applyForEvent } from '../../src/server/registrations/apply';
import { decideRegistrations } from '../../src/server/registrations/decide';
import { withdrawRegistration } from '../../src/server/registrations/withdraw';
import { eventKey } from '../../src/server/registrations/application-window';
import { deleteAccount } from '../../src/server/accounts/personal-data';
import { hashPassword } from '../../src/server/auth/passwords';
import type { SessionUser } from '../../src/server/auth/sessions';
import type { EventEntryData, PortalEvent } from '../../src/server/events/portal-event';
import type { Result } from '../../src/server/result';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases';
import { portalEvent } from '../support/event-fixtures';
import { createMember, createOrganisation } from '../support/members';
import { calendarAttachments, mailTo, useTemporaryOutbox, waitForMail } from '../support/outbox';
import { seatViolations, type SeatLimits } from '../support/seat-invariants';

const outbox = useTemporaryOutbox();

const NOW = new Date('2027-05-01T12:00:00Z');
const PASSWORD = 'correct horse battery staple';
const STATEMENT = 'Fifteen years of casework with survivors of trafficking.';

function eventWith(slug: string, registration: Partial<NonNullable<EventEntryData['registration']>>): PortalEvent {
  return portalEvent(slug, {
    start: '2027-07-06T10:00',
    end: '2027-07-06T18:00',
    registration: { mode: 'open', opens: '2027-04-01T00:00', closes: '2027-06-15T23:59', maxPerOrganisation: 2, waitlist: true, eligibleTypes: ['ngo'], ...registration },
  });
}

function limitsOf(event: PortalEvent): SeatLimits {
  const registration = event.registration!;
  return { capacity: { 'in-person': registration.capacityInPerson, online: registration.capacityOnline }, maxPerOrganisation: registration.maxPerOrganisation };
}

const FORCED = ['apply', 'withdraw', 'approve', 'waitlist', 'reject', 'delete'] as const;

/** A small seeded generator, so a failing run can be replayed with SEATS_SEED. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

/** Two pools on one PostgreSQL database behave as two instances; SQLite has one connection per process. */
function useInstances(dialect: DialectName) {
  const instances: DatabaseHandle[] = [];
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    instances.push(database.open());
    await migrateToLatest(instances[0]!);
    if (dialect === 'postgres') instances.push(database.open());
  });
  afterEach(async () => {
    await Promise.all(instances.splice(0).map((instance) => instance.close()));
    await database.drop();
  });
  return instances;
}

/** Whatever the interleaving, every call answers: a success or a failure the page can show, never a thrown error. */
function expectAnswer(result: Result<unknown>, context: string) {
  if (!result.ok) expect(['conflict', 'not_found', 'forbidden'], `${context}: ${JSON.stringify(result)}`).toContain(result.code);
}

describe.each(DIALECTS)('seats under interleavings on %s', (dialect) => {
  const instances = useInstances(dialect);
  const db = () => instances[0]!.db;
  const instance = (index: number) => instances[index % instances.length]!.db;

  it('keeps every place filled over 20 rounds of an approved person and the first in line withdrawing at once on two instances', async () => {
    const event = eventWith('2027-07-race', { capacityInPerson: 5, capacityOnline: 100 });
    const findEvent = () => event;
    const people = new Map<string, SessionUser>();
    for (let index = 0; index < 50; index++) {
      const person = await createMember(db(), await createOrganisation(db()));
      people.set(person.id, person);
      await applyForEvent(db(), person, event, { mode: 'in-person' }, NOW);
    }
    let promotedThenWithdrawn = 0;
    for (let round = 0; round < 20; round++) {
      const rows = await db().selectFrom('registrations').select(['id', 'user_id', 'state']).where('state', 'in', ['approved', 'waitlisted']).orderBy('queue_number').execute();
      const leaving = rows.filter((row) => row.state === 'approved')[round % 5]!;
      const firstInLine = rows.find((row) => row.state === 'waitlisted')!;
      const [a, b] = await Promise.all([
        withdrawRegistration(instance(0), people.get(leaving.user_id)!, leaving.id, findEvent, NOW),
        withdrawRegistration(instance(1), people.get(firstInLine.user_id)!, firstInLine.id, findEvent, NOW),
      ]);
      expect(a.ok && b.ok, `round ${round}: ${JSON.stringify([a, b])}`).toBe(true);
      expect(await seatViolations(db(), eventKey(event), limitsOf(event)), `round ${round}`).toEqual([]);
      const approved = await db().selectFrom('registrations').select('id').where('state', '=', 'approved').execute();
      expect(approved, `round ${round}`).toHaveLength(5);

      // Told that a place became theirs, the first in line is then told, with
      // the calendar entry cancelled, that their withdrawal took it back. Whether
      // they were promoted first is the race's to decide: the mail queue says
      // whether they were told; the outbox has those emails a moment later.
      const email = people.get(firstInLine.user_id)!.email;
      const told = await db().selectFrom('outgoing_mail').select('id').where('recipient', '=', email).where('subject', 'like', 'A place became free%').executeTakeFirst();
      if (told) {
        await mailTo(outbox, email, 'A place became free');
        promotedThenWithdrawn += 1;
        const [withdrawal] = await waitForMail(outbox, (mail) => mail.to === email && mail.subject.startsWith('Your registration is withdrawn'));
        expect(withdrawal, `round ${round}`).toBeDefined();
        expect(calendarAttachments(withdrawal!)[0]).toContain('METHOD:CANCEL');
      }
    }
    console.info(`[seats] ${dialect}: the first in line was promoted before their own withdrawal in ${promotedThenWithdrawn} of 20 rounds`);
  }, 120_000);

  it('keeps the three promises after every round of random applications, withdrawals, decisions and deletions', async () => {
    const seed = Number(process.env.SEATS_SEED ?? Date.now() % 1_000_000);
    const chance = random(seed);
    const open = eventWith('2027-07-open', { capacityInPerson: 3, capacityOnline: 2 });
    const reviewed = eventWith('2027-07-reviewed', { mode: 'reviewed', capacityInPerson: 3, capacityOnline: 2 });
    const events = [open, reviewed];
    const findEvent = (key: string) => events.find((event) => eventKey(event) === key);
    const organisations = await Promise.all(Array.from({ length: 4 }, () => createOrganisation(db())));
    const secretariat = await createMember(db(), null, 'secretariat');
    const passwordHash = await hashPassword(PASSWORD);
    const people = new Map<string, SessionUser>();
    const seen = new Set<string>();

    for (let round = 0; round < 30; round++) {
      const rows = await db().selectFrom('registrations').select(['id', 'event_key', 'user_id', 'state']).execute();
      const active = rows.filter((row) => ['pending', 'approved', 'waitlisted'].includes(row.state));
      const living = [...people.values()];
      const operations: { name: string; run: (instanceIndex: number) => Promise<Result<unknown>> }[] = [];
      for (let count = 0; count < 8; count++) {
        // Each round's first operation takes every kind in turn, so no run leaves one out.
        const forced = count === 0 ? FORCED[round % FORCED.length]! : undefined;
        const roll = forced ? { apply: 0.1, withdraw: 0.6, approve: 0.8, waitlist: 0.8, reject: 0.8, delete: 0.97 }[forced] : chance.next();
        const event = chance.pick(events);
        if (roll < 0.55 || active.length === 0) {
          const known = living.length > 0 && chance.next() < 0.3;
          const person = known ? chance.pick(living) : await createMember(db(), chance.pick(organisations));
          if (!known) {
            await db().updateTable('users').set({ password_hash: passwordHash }).where('id', '=', person.id).execute();
            people.set(person.id, person);
          }
          const mode = chance.pick(['in-person', 'online'] as const);
          operations.push({ name: `apply ${person.id} ${eventKey(event)} ${mode}`, run: (index) => applyForEvent(instance(index), person, event, { mode, statement: STATEMENT }, NOW) });
        } else if (roll < 0.72) {
          const row = chance.pick(active);
          operations.push({ name: `withdraw ${row.id}`, run: (index) => withdrawRegistration(instance(index), people.get(row.user_id)!, row.id, findEvent, NOW) });
        } else if (roll < 0.94) {
          const ofEvent = rows.filter((row) => row.event_key === eventKey(event));
          const activeOfEvent = ofEvent.filter((row) => active.includes(row));
          const candidates = activeOfEvent.length > 0 && chance.next() < 0.8 ? activeOfEvent : ofEvent;
          if (candidates.length === 0) continue;
          const ids = [...new Set(Array.from({ length: 1 + Math.floor(chance.next() * 3) }, () => chance.pick(candidates).id))];
          const decision = forced === 'approve' || forced === 'waitlist' || forced === 'reject' ? forced : chance.pick(['approve', 'waitlist', 'reject'] as const);
          operations.push({ name: `${decision} ${ids.join(',')}`, run: (index) => decideRegistrations(instance(index), secretariat, event, { ids, decision, reason: 'Decided in a test.' }, NOW) });
        } else {
          const deletable = active.filter((row) => people.has(row.user_id));
          if (deletable.length === 0) continue;
          const person = people.get(chance.pick(deletable).user_id)!;
          people.delete(person.id);
          operations.push({ name: `delete ${person.id}`, run: (index) => deleteAccount(instance(index), person, { password: PASSWORD }, findEvent, NOW) });
        }
      }
      const results = await Promise.all(operations.map((operation, index) => operation.run(index).catch((error: unknown) => ({ thrown: String(error) }))));
      results.forEach((result, index) => {
        const context = `seed ${seed}, round ${round}, ${operations[index]!.name}`;
        expect(result, context).not.toHaveProperty('thrown');
        expectAnswer(result as Result<unknown>, context);
      });
      for (const event of events) expect(await seatViolations(db(), eventKey(event), limitsOf(event)), `seed ${seed}, round ${round}, ${eventKey(event)}`).toEqual([]);
      for (const row of await db().selectFrom('registrations').select('state').execute()) seen.add(row.state);
    }
    // The rounds went through every state, so the promises were tested, not idle.
    expect([...seen].sort(), `seed ${seed}`).toEqual(['approved', 'pending', 'rejected', 'waitlisted', 'withdrawn']);
    expect(await db().selectFrom('users').select('id').where('deleted_at', 'is not', null).execute(), `seed ${seed}`).not.toEqual([]);
  }, 180_000);
});
