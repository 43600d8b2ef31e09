// Each person's own feed: the events they are registered for (with their
// state) and the topics they follow, at a secret address they can rotate or
// revoke. Only the address's hash is stored, so it is shown once, when made.
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { generateToken, hashToken } from '../auth/tokens';
import type { PortalEvent } from '../events/portal-event';
import { eventKey } from '../registrations/application-window';
import { ACTIVE_STATES } from '../registrations/seats';
import { failure, success, type Result } from '../result';
import type { Locale } from '../../i18n/index';

export async function rotateCalendarToken(db: Kysely<Database>, actor: SessionUser | null, now = portalNow()): Promise<Result<{ token: string }>> {
  if (!actor) return failure('forbidden', 'permission.signInFirst');
  const token = generateToken();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('calendar_tokens').where('user_id', '=', actor.id).execute();
    await trx.insertInto('calendar_tokens').values({ user_id: actor.id, token_hash: hashToken(token), created_at: now.toISOString() }).execute();
  });
  return success({ token });
}

export async function revokeCalendarToken(db: Kysely<Database>, actor: SessionUser | null): Promise<Result<{ revoked: true }>> {
  if (!actor) return failure('forbidden', 'permission.signInFirst');
  await db.deleteFrom('calendar_tokens').where('user_id', '=', actor.id).execute();
  return success({ revoked: true as const });
}

export async function describePrivateCalendar(db: Kysely<Database>, actor: SessionUser): Promise<{ active: boolean; createdAt?: string; topics: string[] }> {
  const token = await db.selectFrom('calendar_tokens').select('created_at').where('user_id', '=', actor.id).executeTakeFirst();
  const topics = await db.selectFrom('followed_topics').select('topic').where('user_id', '=', actor.id).orderBy('topic').execute();
  return { active: Boolean(token), createdAt: token?.created_at, topics: topics.map((row) => row.topic) };
}

export async function setTopicFollowed(
  db: Kysely<Database>,
  actor: SessionUser | null,
  topic: string,
  follow: boolean,
  knownTopics: readonly string[],
  now = portalNow(),
): Promise<Result<{ following: boolean }>> {
  if (!actor) return failure('forbidden', 'calendar.signInToFollow');
  if (!knownTopics.includes(topic)) return failure('not_found', 'calendar.noSuchTopic');
  if (follow) {
    await db
      .insertInto('followed_topics')
      .values({ user_id: actor.id, topic, created_at: now.toISOString() })
      .onConflict((conflict) => conflict.columns(['user_id', 'topic']).doNothing())
      .execute();
  } else {
    await db.deleteFrom('followed_topics').where('user_id', '=', actor.id).where('topic', '=', topic).execute();
  }
  return success({ following: follow });
}

export interface PrivateFeedEntry {
  event: PortalEvent;
  /** The person's registration state, when the event is there because they applied. */
  registrationState?: 'pending' | 'approved' | 'waitlisted';
}

/** What a person's feed holds, and the language its text is in (theirs). */
export interface PrivateFeed {
  locale: Locale;
  entries: PrivateFeedEntry[];
}

/**
 * The events behind a secret address, or undefined when the address is
 * unknown or revoked. `countriesOf` says which States an event concerns
 * (review-mechanism.ts, countriesConcernedBy), for the countries followed.
 */
export async function privateFeedEntries(
  db: Kysely<Database>,
  token: string,
  events: readonly PortalEvent[],
  countriesOf: (event: PortalEvent) => ReadonlySet<string> = () => new Set(),
): Promise<PrivateFeed | undefined> {
  if (!/^[a-z2-7]{32}$/.test(token)) return undefined;
  // A deleted account's address ends with it, even one left from before deletion removed addresses.
  const owner = await db
    .selectFrom('calendar_tokens')
    .innerJoin('users', 'users.id', 'calendar_tokens.user_id')
    .select(['calendar_tokens.user_id', 'users.locale'])
    .where('calendar_tokens.token_hash', '=', hashToken(token))
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!owner) return undefined;
  const registrations = await db
    .selectFrom('registrations')
    .select(['event_key', 'state'])
    .where('user_id', '=', owner.user_id)
    .where('state', 'in', ACTIVE_STATES)
    .execute();
  const followed = new Set((await db.selectFrom('followed_topics').select('topic').where('user_id', '=', owner.user_id).execute()).map((row) => row.topic));
  const countries = new Set((await db.selectFrom('followed_countries').select('country').where('user_id', '=', owner.user_id).execute()).map((row) => row.country));
  const concernsFollowedCountry = (event: PortalEvent) => countries.size > 0 && [...countriesOf(event)].some((code) => countries.has(code));
  // Active states only (the query above): pending, approved or waitlisted.
  const states = new Map(registrations.map((row) => [row.event_key, row.state as PrivateFeedEntry['registrationState']]));
  const entries = events
    .filter((event) => states.has(eventKey(event)) || event.topics.some((topic) => followed.has(topic)) || concernsFollowedCountry(event))
    .map((event) => ({ event, registrationState: states.get(eventKey(event)) }));
  return { locale: owner.locale, entries };
}
