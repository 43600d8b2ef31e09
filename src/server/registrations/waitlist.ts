// The waitlist: who moves up when a place frees, where someone stands, and why
// they wait. Promotion runs inside the transaction that holds the event's lock,
// after every change of a registration, so that no place stays free while
// someone who could take it waits.
import type { Kysely } from 'kysely';
import type { Database, ParticipationMode } from '../db/schema';
import { prepare } from '../db/prepared-query';
import type { PortalEvent } from '../events/portal-event';
import { eventKey, PARTICIPATION_MODES } from './application-window';
import { countPlace, countPlaces, placeBlocker, seatFree, type PlaceCounts, type WaitReason } from './seats';

/** A cancelled or finished event has no places to hand out any more. */
function waitlistMoves(event: PortalEvent, now: Date): boolean {
  const mode = event.registration?.mode;
  return (mode === 'open' || mode === 'reviewed') && event.status !== 'cancelled' && event.end > now;
}

/**
 * Approves, in order of arrival, every waitlisted registration that can hold
 * a place (a seat of its mode AND room under its organisation's maximum), in
 * every mode. One pass is enough: a promotion only ever fills places, so
 * whoever was passed over could still not take one at the end. `counts` must
 * be the event's current counts; they are kept in step. Returns the ids
 * promoted, first in line first.
 */
export async function fillFreePlaces(trx: Kysely<Database>, event: PortalEvent, counts: PlaceCounts, now: Date): Promise<string[]> {
  if (!waitlistMoves(event, now)) return [];
  // Everyone waiting needs a seat of their mode: only the queues of modes
  // with a free seat can move. With every mode full there is nobody to look
  // at; at a hybrid event one mode (online, often) keeps free seats while the
  // other's queue grows, and only people held back by their organisation's
  // maximum wait in the mode with seats. Reading the whole waitlist instead
  // made each application cost more the longer the full mode's queue grew.
  const open = PARTICIPATION_MODES.filter((mode) => seatFree(event, counts, mode));
  if (open.length === 0) return [];
  const waiting = await trx
    .selectFrom('registrations')
    .select(['id', 'mode', 'organisation_id'])
    .where('event_key', '=', eventKey(event))
    .where('mode', 'in', open)
    .where('state', '=', 'waitlisted')
    .orderBy('queue_number')
    .execute();
  const promoted: string[] = [];
  for (const candidate of waiting) {
    if (placeBlocker(event, counts, candidate.mode, candidate.organisation_id)) continue;
    countPlace(counts, candidate.mode, candidate.organisation_id, 1);
    promoted.push(candidate.id);
  }
  const stamp = now.toISOString();
  // Kept well under the bound-parameter limits of both databases.
  for (let start = 0; start < promoted.length; start += 500) {
    await trx
      .updateTable('registrations')
      .set({ state: 'approved', decided_by: null, decided_at: stamp, decision_reason: null, updated_at: stamp })
      .where('id', 'in', promoted.slice(start, start + 500))
      .execute();
  }
  return promoted;
}

const earlierInQueue = prepare(['key', 'mode', 'queueNumber'], (db, { key, mode, queueNumber }: { key: string; mode: ParticipationMode; queueNumber: number }) =>
  db
    .selectFrom('registrations')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('event_key', '=', key)
    .where('mode', '=', mode)
    .where('state', '=', 'waitlisted')
    .where('queue_number', '<', queueNumber),
);

/** 1 for the first in line: waitlisted applications for the same mode that arrived earlier, plus one. */
export async function waitlistPosition(db: Kysely<Database>, key: string, mode: ParticipationMode, queueNumber: number): Promise<number> {
  const row = await earlierInQueue.first(db, { key, mode, queueNumber });
  return Number(row!.count) + 1;
}

const queueLength = prepare(['key', 'mode'], (db, { key, mode }: { key: string; mode: ParticipationMode }) =>
  db.selectFrom('waitlist_lengths').select('waiting').where('event_key', '=', key).where('mode', '=', mode),
);

/**
 * Where someone who has just joined a mode's waitlist stands: at the back (no
 * queue number is ever given out again), so the queue's length, which the
 * database keeps (migration 78) where counting the earlier entries grew with the queue.
 */
async function lastPosition(db: Kysely<Database>, key: string, mode: ParticipationMode): Promise<number> {
  const row = await queueLength.first(db, { key, mode });
  return Number(row?.waiting ?? 0);
}

export interface Waiting {
  reason?: WaitReason;
  /** Place in the queue of the mode; absent when only the organisation's maximum holds the person back (the queue does not). */
  position?: number;
}

/**
 * Why a waitlisted registration waits, and where it stands, from the event's
 * current counts. `joined: 'just now'` for one made in this transaction, which
 * holds the newest queue number of its event.
 */
export async function describeWaiting(
  db: Kysely<Database>,
  event: PortalEvent,
  registration: { mode: ParticipationMode; organisation_id: string; queue_number: number },
  counts?: PlaceCounts,
  joined: 'earlier' | 'just now' = 'earlier',
): Promise<Waiting> {
  const key = eventKey(event);
  const reason = placeBlocker(event, counts ?? (await countPlaces(db, key)), registration.mode, registration.organisation_id);
  if (reason === 'organisation-limit') return { reason };
  const position = joined === 'just now' ? await lastPosition(db, key, registration.mode) : await waitlistPosition(db, key, registration.mode, registration.queue_number);
  return { reason, position };
}
