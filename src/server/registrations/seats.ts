// Seat and quota arithmetic inside a locked transaction for one event.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { PortalEvent } from '../events/portal-event';
import { capacityFor, eventKey, type ParticipationMode } from './application-window';

export const ACTIVE_STATES = ['pending', 'approved', 'waitlisted'] as const;

/**
 * Queues every seat-changing transaction of this event behind the current one.
 * Returns the lock's new version: rising with every such transaction, it
 * doubles as the order of arrival, without scanning the queue.
 */
export async function lockEvent(trx: Kysely<Database>, key: string): Promise<number> {
  await trx.insertInto('registration_locks').values({ event_key: key, version: 0 }).onConflict((conflict) => conflict.column('event_key').doNothing()).execute();
  const row = await trx
    .updateTable('registration_locks')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('event_key', '=', key)
    .returning('version')
    .executeTakeFirstOrThrow();
  return Number(row.version);
}

export async function approvedCount(trx: Kysely<Database>, key: string, mode: ParticipationMode): Promise<number> {
  const row = await trx
    .selectFrom('registrations')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('event_key', '=', key)
    .where('mode', '=', mode)
    .where('state', '=', 'approved')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function organisationApprovedCount(trx: Kysely<Database>, key: string, organisationId: string): Promise<number> {
  const row = await trx
    .selectFrom('registrations')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('event_key', '=', key)
    .where('organisation_id', '=', organisationId)
    .where('state', '=', 'approved')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function hasSeat(trx: Kysely<Database>, event: PortalEvent, mode: ParticipationMode): Promise<boolean> {
  const capacity = capacityFor(event, mode);
  return capacity === undefined || (await approvedCount(trx, eventKey(event), mode)) < capacity;
}

export async function underQuota(trx: Kysely<Database>, event: PortalEvent, organisationId: string): Promise<boolean> {
  const max = event.registration?.maxPerOrganisation;
  return max === undefined || (await organisationApprovedCount(trx, eventKey(event), organisationId)) < max;
}

/** 1 for the first in line: waitlisted applications for the same mode that arrived earlier, plus one. */
export async function waitlistPosition(trx: Kysely<Database>, key: string, mode: string, queueNumber: number): Promise<number> {
  const row = await trx
    .selectFrom('registrations')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('event_key', '=', key)
    .where('mode', '=', mode)
    .where('state', '=', 'waitlisted')
    .where('queue_number', '<', queueNumber)
    .executeTakeFirstOrThrow();
  return Number(row.count) + 1;
}

/**
 * While a seat of `mode` is free, approves the first waitlisted application
 * of that mode whose organisation is under its maximum. Returns the ids promoted.
 */
export async function promoteFromWaitlist(trx: Kysely<Database>, event: PortalEvent, mode: ParticipationMode, now: Date): Promise<string[]> {
  const key = eventKey(event);
  const promoted: string[] = [];
  const waiting = await trx
    .selectFrom('registrations')
    .select(['id', 'organisation_id'])
    .where('event_key', '=', key)
    .where('mode', '=', mode)
    .where('state', '=', 'waitlisted')
    .orderBy('queue_number')
    .execute();
  for (const candidate of waiting) {
    if (!(await hasSeat(trx, event, mode))) break;
    if (!(await underQuota(trx, event, candidate.organisation_id))) continue;
    await trx
      .updateTable('registrations')
      .set({ state: 'approved', decided_by: null, decided_at: now.toISOString(), decision_reason: null, updated_at: now.toISOString() })
      .where('id', '=', candidate.id)
      .execute();
    promoted.push(candidate.id);
  }
  return promoted;
}
