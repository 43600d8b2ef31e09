// Writes the digests that are due: for each person and frequency, the last
// completed period is claimed by inserting a digest_sends row in the same
// transaction as the email (outbox). A second instance, a cron run beside the
// portal, or a run after a crash finds the claim and writes nothing; a crash
// before the commit leaves neither claim nor email, so the next run writes
// both. Nothing is sent when nothing is new, but the period is claimed all
// the same, so it is not weighed again.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Locale } from '../../i18n/index';
import type { PortalEvent } from '../events/portal-event';
import { eventKey } from '../registrations/application-window';
import { deliverMailSoon, enqueueMail } from '../mail/outgoing-mail';
import { composeDigest, digestItemCount, type PublishedInput } from './digest-content';
import { lastCompletedPeriod, type DigestPeriod, type DigestSchedule } from './digest-periods';
import { digestMail } from './digest-mail';
import { unsubscribeUrl } from './digest-preferences';
import { countryName } from '../countries/countries';

export interface DigestRunOptions {
  /** The job's clock: which periods have ended, and when events were first seen. */
  now: Date;
  events: readonly PortalEvent[];
  topicTitles: ReadonlyMap<string, string>;
  /** Which States an event concerns, for the countries people follow; none when left out. */
  countriesOf?: (event: PortalEvent) => ReadonlySet<string>;
}

export interface DigestRunReport {
  /** Digests written to the outbox. */
  sent: number;
  /** Periods claimed with nothing new in them: no email. */
  empty: number;
  /** Periods someone else (another instance, an earlier run) had claimed already. */
  alreadyClaimed: number;
}

/** Before digests existed, everything the portal showed was known: only what appears later is news. */
const KNOWN_BEFORE_DIGESTS = new Date(0).toISOString();

/** Notes when each event was first seen; the very first pass records the existing ones as known before. */
export async function recordFirstSeen(db: Kysely<Database>, events: readonly PortalEvent[], now: Date): Promise<void> {
  const { count } = await db.selectFrom('event_first_seen').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const at = Number(count) === 0 ? KNOWN_BEFORE_DIGESTS : now.toISOString();
  const keys = events.map(eventKey);
  for (let index = 0; index < keys.length; index += 200) {
    const rows = keys.slice(index, index + 200).map((event_key) => ({ event_key, first_seen_at: at }));
    await db.insertInto('event_first_seen').values(rows).onConflict((conflict) => conflict.column('event_key').doNothing()).execute();
  }
}

async function publishedInputIn(db: Kysely<Database>, period: DigestPeriod): Promise<PublishedInput[]> {
  const rows = await db
    .selectFrom('submissions')
    .innerJoin('organisations', 'organisations.id', 'submissions.organisation_id')
    .select(['submissions.id', 'submissions.title', 'submissions.topics', 'submissions.states', 'submissions.call_event_key', 'submissions.published_at', 'organisations.name'])
    .where('submissions.state', '=', 'published')
    .where('submissions.published_at', '>=', period.start.toISOString())
    .where('submissions.published_at', '<', period.end.toISOString())
    .orderBy('submissions.published_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    organisation: row.name,
    topics: JSON.parse(row.topics) as string[],
    states: JSON.parse(row.states) as string[],
    callEventKey: row.call_event_key,
    publishedAt: new Date(row.published_at!),
  }));
}

async function subscribersWithoutClaim(db: Kysely<Database>, period: DigestPeriod) {
  // Topics and countries followed with this frequency, read as one list of follows.
  const follows = db
    .selectFrom('followed_topics')
    .select(['user_id', sql<'topic' | 'country'>`'topic'`.as('kind'), 'topic as subject'])
    .where('digest', '=', period.frequency)
    .unionAll(
      db
        .selectFrom('followed_countries')
        .select(['user_id', sql<'topic' | 'country'>`'country'`.as('kind'), 'country as subject'])
        .where('digest', '=', period.frequency),
    )
    .as('follows');
  const rows = await db
    .selectFrom(follows)
    .innerJoin('users', 'users.id', 'follows.user_id')
    .leftJoin('digest_sends', (join) =>
      join
        .onRef('digest_sends.user_id', '=', 'follows.user_id')
        .on('digest_sends.frequency', '=', period.frequency)
        .on('digest_sends.period_start', '=', period.start.toISOString()),
    )
    .select(['users.id', 'users.email', 'users.name', 'users.locale', 'follows.kind', 'follows.subject'])
    .where('users.deleted_at', 'is', null)
    .where('users.email_verified_at', 'is not', null)
    .where('digest_sends.user_id', 'is', null)
    .orderBy('users.id')
    .orderBy('follows.subject')
    .execute();
  const people = new Map<string, { id: string; email: string; name: string; locale: Locale; topics: Set<string>; countries: Set<string> }>();
  for (const row of rows) {
    const person = people.get(row.id) ?? { id: row.id, email: row.email, name: row.name, locale: row.locale, topics: new Set<string>(), countries: new Set<string>() };
    people.set(row.id, person);
    (row.kind === 'topic' ? person.topics : person.countries).add(row.subject);
  }
  return [...people.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

async function sendPeriod(db: Kysely<Database>, frequency: DigestSchedule, options: DigestRunOptions, report: DigestRunReport): Promise<void> {
  const period = lastCompletedPeriod(frequency, options.now);
  const people = await subscribersWithoutClaim(db, period);
  if (people.length === 0) return;
  const firstSeen = new Map(
    (await db.selectFrom('event_first_seen').select(['event_key', 'first_seen_at']).where('first_seen_at', '>=', period.start.toISOString()).execute()).map((row) => [
      row.event_key,
      new Date(row.first_seen_at),
    ]),
  );
  const input = await publishedInputIn(db, period);
  for (const person of people) {
    const content = composeDigest(person.topics, period, options.events, firstSeen, input, { countries: person.countries, countriesOf: options.countriesOf ?? (() => new Set()) });
    const items = digestItemCount(content);
    // Followed topics and countries named in the reader's language where the portal has it.
    const names = [...[...person.topics].map((topic) => options.topicTitles.get(topic) ?? topic), ...[...person.countries].map((code) => countryName(code, person.locale))];
    const mail = items > 0 ? digestMail(person, names, period, content, await unsubscribeUrl(db, person.id, frequency, person.locale)) : null;
    const claimed = await db.transaction().execute(async (trx) => {
      const claim = await trx
        .insertInto('digest_sends')
        .values({ user_id: person.id, frequency, period_start: period.start.toISOString(), items, created_at: options.now.toISOString() })
        .onConflict((conflict) => conflict.columns(['user_id', 'frequency', 'period_start']).doNothing())
        .returning('user_id')
        .executeTakeFirst();
      // No row back: someone else claimed this period first (on PostgreSQL, after waiting for their commit).
      if (!claim) return false;
      if (mail) await enqueueMail(trx, mail);
      return true;
    });
    if (!claimed) report.alreadyClaimed += 1;
    else if (mail) report.sent += 1;
    else report.empty += 1;
  }
}

/** One pass: note new events, then write each due digest once. */
export async function sendDueDigests(db: Kysely<Database>, options: DigestRunOptions): Promise<DigestRunReport> {
  await recordFirstSeen(db, options.events, options.now);
  const report: DigestRunReport = { sent: 0, empty: 0, alreadyClaimed: 0 };
  await sendPeriod(db, 'daily', options, report);
  await sendPeriod(db, 'weekly', options, report);
  if (report.sent > 0) await deliverMailSoon(db);
  return report;
}
