// What people and the secretariat see of registrations.
import type { Kysely } from 'kysely';
import type { AttendanceState, Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireSecretariat } from '../auth/permissions';
import type { PortalEvent } from '../events/portal-event';
import { failure, success, type Result } from '../result';
import { eventKey } from './application-window';
import { countPlaces, type PlaceCounts, type WaitReason } from './seats';
import { describeWaiting } from './waitlist';

export interface RegistrationSummary {
  id: string;
  eventKey: string;
  personName: string;
  mode: string;
  state: string;
  reason: string | null;
  position?: number;
  /** Why a waitlisted registration waits, when its event is known. */
  waitReason?: WaitReason;
  createdAt: string;
  mine: boolean;
}

/** The person's own registrations, and for a focal point the organisation's too. */
export async function listAccountRegistrations(
  db: Kysely<Database>,
  actor: SessionUser | null,
  findEvent: (key: string) => PortalEvent | undefined,
): Promise<Result<RegistrationSummary[]>> {
  if (!actor) return failure('forbidden', 'permission.signInFirst');
  let query = db
    .selectFrom('registrations')
    .innerJoin('users', 'users.id', 'registrations.user_id')
    .select(['registrations.id', 'registrations.event_key', 'registrations.user_id', 'registrations.organisation_id', 'registrations.mode', 'registrations.state', 'registrations.decision_reason', 'registrations.queue_number', 'registrations.created_at', 'users.name'])
    .orderBy('registrations.created_at', 'desc');
  query =
    actor.role === 'focal-point' && actor.organisationId
      ? query.where('registrations.organisation_id', '=', actor.organisationId)
      : query.where('registrations.user_id', '=', actor.id);
  const rows = await query.execute();
  const summaries: RegistrationSummary[] = [];
  const countsByEvent = new Map<string, PlaceCounts>();
  for (const row of rows) {
    const event = row.state === 'waitlisted' ? findEvent(row.event_key) : undefined;
    let waiting: { position?: number; reason?: WaitReason } = {};
    if (event) {
      if (!countsByEvent.has(row.event_key)) countsByEvent.set(row.event_key, await countPlaces(db, row.event_key));
      waiting = await describeWaiting(db, event, row, countsByEvent.get(row.event_key));
    }
    summaries.push({
      id: row.id,
      eventKey: row.event_key,
      personName: row.name,
      mode: row.mode,
      state: row.state,
      reason: row.decision_reason,
      position: waiting.position,
      waitReason: waiting.reason,
      createdAt: row.created_at,
      mine: row.user_id === actor.id,
    });
  }
  return success(summaries);
}

/** The person's active registration for one event, if any (shown on the event page). */
export async function findOwnRegistration(db: Kysely<Database>, actor: SessionUser | null, event: PortalEvent) {
  if (!actor) return undefined;
  return db
    .selectFrom('registrations')
    .select(['id', 'state', 'mode', 'organisation_id', 'queue_number', 'decision_reason'])
    .where('event_key', '=', eventKey(event))
    .where('user_id', '=', actor.id)
    // Arrival order, not the clock: a re-application can share its timestamp with the withdrawn one.
    .orderBy('queue_number', 'desc')
    .executeTakeFirst();
}

export interface EventRegistrationFilter {
  state?: string;
  mode?: string;
  type?: string;
  country?: string;
}

export interface EventRegistrationRow {
  id: string;
  queueNumber: number;
  personName: string;
  email: string;
  organisation: string;
  organisationType: string;
  country: string;
  ecosocStatus: string;
  mode: string;
  state: string;
  statement: string | null;
  travelSupport: boolean;
  wantsToSpeak: boolean;
  accessibilityNeeds: string | null;
  reason: string | null;
  /** Recorded once the event has started, for approved registrations only; null: not recorded. */
  attendance: AttendanceState | null;
  createdAt: string;
}

export interface EventRegistrations {
  rows: EventRegistrationRow[];
  counts: { byState: Record<string, number>; byMode: Record<string, number>; byType: Record<string, number>; byCountry: Record<string, number> };
}

function countBy(rows: EventRegistrationRow[], pick: (row: EventRegistrationRow) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[pick(row)] = (counts[pick(row)] ?? 0) + 1;
  return counts;
}

/** The secretariat's view of one event: counts over all applications, rows filtered. */
export async function listEventRegistrations(db: Kysely<Database>, actor: SessionUser | null, key: string, filter: EventRegistrationFilter = {}): Promise<Result<EventRegistrations>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const rows = await db
    .selectFrom('registrations')
    .innerJoin('users', 'users.id', 'registrations.user_id')
    .innerJoin('organisations', 'organisations.id', 'registrations.organisation_id')
    .select([
      'registrations.id',
      'registrations.queue_number',
      'users.name as personName',
      'users.email',
      'organisations.name as organisation',
      'organisations.type as organisationType',
      'organisations.country',
      'organisations.ecosoc_status as ecosocStatus',
      'registrations.mode',
      'registrations.state',
      'registrations.statement',
      'registrations.travel_support',
      'registrations.wants_to_speak',
      'registrations.accessibility_needs',
      'registrations.decision_reason',
      'registrations.attendance',
      'registrations.created_at',
    ])
    .where('registrations.event_key', '=', key)
    .orderBy('registrations.queue_number')
    .execute();
  const all: EventRegistrationRow[] = rows.map((row) => ({
    id: row.id,
    queueNumber: row.queue_number,
    personName: row.personName,
    email: row.email,
    organisation: row.organisation,
    organisationType: row.organisationType,
    country: row.country,
    ecosocStatus: row.ecosocStatus,
    mode: row.mode,
    state: row.state,
    statement: row.statement,
    travelSupport: row.travel_support === 1,
    wantsToSpeak: row.wants_to_speak === 1,
    accessibilityNeeds: row.accessibility_needs,
    reason: row.decision_reason,
    attendance: row.attendance,
    createdAt: row.created_at,
  }));
  const filtered = all.filter(
    (row) =>
      (!filter.state || row.state === filter.state) &&
      (!filter.mode || row.mode === filter.mode) &&
      (!filter.type || row.organisationType === filter.type) &&
      (!filter.country || row.country === filter.country),
  );
  return success({
    rows: filtered,
    counts: {
      byState: countBy(all, (row) => row.state),
      byMode: countBy(all.filter((row) => row.state === 'approved'), (row) => row.mode),
      byType: countBy(all, (row) => row.organisationType),
      byCountry: countBy(all, (row) => row.country),
    },
  });
}

/** Per event key, how many registrations are in each state (the secretariat's overview). */
export async function countRegistrationsByEvent(db: Kysely<Database>, actor: SessionUser | null): Promise<Result<Record<string, Record<string, number>>>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const rows = await db
    .selectFrom('registrations')
    .select(['event_key', 'state', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy(['event_key', 'state'])
    .execute();
  const counts: Record<string, Record<string, number>> = {};
  for (const row of rows) (counts[row.event_key] ??= {})[row.state] = Number(row.count);
  return success(counts);
}
