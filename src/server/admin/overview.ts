// What waits for the secretariat, across every queue, oldest first, with
// what closes soon: the /admin overview. Counts come from the database; the
// deadlines from the events the caller passes in (the catalogue).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireSecretariat } from '../auth/permissions';
import type { PortalEvent } from '../events/portal-event';
import { eventKey } from '../registrations/application-window';
import { success, type Result } from '../result';

/** Deadlines within this long are "closing soon". */
export const CLOSING_SOON_DAYS = 14;

export interface Waiting {
  count: number;
  /** When the oldest item arrived. */
  oldest: string | null;
}

export interface WaitingPerEvent extends Waiting {
  eventKey: string;
  /** Undefined when the catalogue no longer has the event (its key is shown instead). */
  event?: PortalEvent;
}

export interface ClosingSoon {
  event: PortalEvent;
  kind: 'registration' | 'call';
  closes: Date;
}

export interface SecretariatOverview {
  organisations: Waiting;
  identityChanges: Waiting;
  registrations: WaitingPerEvent[];
  /** Per call ('' for input on a topic, without a call). */
  submissions: WaitingPerEvent[];
  failedMail: Waiting;
  closingSoon: ClosingSoon[];
}

const waiting = (row: { count: unknown; oldest: unknown } | undefined): Waiting => ({ count: Number(row?.count ?? 0), oldest: (row?.oldest as string | null | undefined) ?? null });

const byOldest = (a: Waiting, b: Waiting) => (a.oldest ?? '').localeCompare(b.oldest ?? '');

export async function readSecretariatOverview(
  db: Kysely<Database>,
  actor: SessionUser | null,
  { events, now }: { events: readonly PortalEvent[]; now: Date },
): Promise<Result<SecretariatOverview>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const byKey = new Map(events.map((event) => [eventKey(event), event]));

  const organisations = await db
    .selectFrom('organisations')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('created_at').as('oldest')])
    .where('accreditation', '=', 'pending')
    .executeTakeFirst();
  const identityChanges = await db
    .selectFrom('identity_changes')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('requested_at').as('oldest')])
    .where('state', '=', 'pending')
    .executeTakeFirst();
  const registrations = await db
    .selectFrom('registrations')
    .select((eb) => ['event_key', eb.fn.countAll<number>().as('count'), eb.fn.min('created_at').as('oldest')])
    .where('state', '=', 'pending')
    .groupBy('event_key')
    .execute();
  const submissions = await db
    .selectFrom('submissions')
    .select((eb) => ['call_event_key', eb.fn.countAll<number>().as('count'), eb.fn.min('submitted_at').as('oldest')])
    .where('state', '=', 'submitted')
    .groupBy('call_event_key')
    .execute();
  const failedMail = await db
    .selectFrom('outgoing_mail')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('created_at').as('oldest')])
    .where('state', '=', 'failed')
    .executeTakeFirst();

  const horizon = now.getTime() + CLOSING_SOON_DAYS * 24 * 60 * 60 * 1000;
  const soon = (closes: Date | undefined) => closes !== undefined && now < closes && closes.getTime() <= horizon;
  const closingSoon: ClosingSoon[] = [];
  for (const event of events) {
    const registration = event.registration;
    if (registration && (registration.mode === 'open' || registration.mode === 'reviewed') && soon(registration.closes)) {
      closingSoon.push({ event, kind: 'registration', closes: registration.closes! });
    }
    if (event.callForInput && soon(event.callForInput.closes)) closingSoon.push({ event, kind: 'call', closes: event.callForInput.closes });
  }

  return success({
    organisations: waiting(organisations),
    identityChanges: waiting(identityChanges),
    registrations: registrations.map((row) => ({ eventKey: row.event_key, event: byKey.get(row.event_key), ...waiting(row) })).sort(byOldest),
    submissions: submissions.map((row) => ({ eventKey: row.call_event_key ?? '', event: row.call_event_key ? byKey.get(row.call_event_key) : undefined, ...waiting(row) })).sort(byOldest),
    failedMail: waiting(failedMail),
    closingSoon: closingSoon.sort((a, b) => a.closes.getTime() - b.closes.getTime()),
  });
}
