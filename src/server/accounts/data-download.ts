// The person's data download (/account/data.json): everything stored about
// them (security note, "Data"; issue 14, point 7). Secrets the portal keeps
// only as hashes (session and one-time tokens, the private feed's address)
// are described, never given. Other people's data is left out: a focal point
// gets their own registrations and input, not their colleagues'.
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { SESSION_LIFETIME_MS } from '../auth/sessions';
import { accountAttempts } from '../auth/password-attempts';
import { RATE_LIMITS } from '../auth/rate-limits';
import type { PortalEvent } from '../events/portal-event';
import { healthDataErasureDate } from '../privacy/erase-health-data';
import { failure, success, type Result } from '../result';

/**
 * What the download takes from each table. Typed over every table, so a new
 * one does not compile until someone says what of it belongs here.
 */
export const DOWNLOAD_COVERAGE: Record<Exclude<keyof Database, 'schema_migrations'>, string> = {
  users: 'person',
  organisations: 'organisation (the person belongs to it)',
  registrations: 'registrations, with statements, requests and accessibility needs',
  submissions: 'writtenInput: what the person wrote, drafts and published',
  followed_topics: 'followedTopics, with the email digest chosen for each',
  followed_countries: 'followedCountries, with the email digest chosen for each',
  digest_sends: 'digestsSent: the digest periods weighed for the person, and how many items each held',
  event_first_seen: 'nothing: when the portal first showed each event',
  participant_messages: 'nothing: what the secretariat wrote to an event’s participants (the email itself is under emails)',
  signing_keys: 'nothing: the portal’s own secrets',
  calendar_tokens: 'privateCalendarFeed: whether it exists and since when, never the secret',
  sessions: 'sessions: when made, last active and expiry, never the token',
  one_time_tokens: 'links: emailed or printed links, without the token',
  outgoing_mail: 'emails: subject, state and dates of messages to the person (bodies may hold a link)',
  audit_log: 'decisionsAboutYou and decisionsYouMade',
  password_attempts: 'limits.signInAttempts: the count on the account (other rows are keyed by hashed addresses)',
  rate_limits: 'limits.requests: the counters keyed by the person',
  invitations: 'invitations: those addressed to the person, and those they sent (without the invitee’s address)',
  identity_changes: 'identityChangesRequested: the organisation identity changes the person asked for',
  event_fingerprints: 'nothing: about events',
  registration_locks: 'nothing: about events',
  waitlist_lengths: 'nothing: about events',
  public_data_version: 'nothing: one number for the page cache',
  stored_events: 'nothing: events the secretariat publishes (who made one is kept with it, for the audit)',
  stored_event_versions: 'nothing: versions of those events (who saved each is kept with it, for the audit)',
  stored_event_changes: 'nothing: the counters the catalogue and the Review Mechanism content follow',
  stored_review_entries: 'nothing: review phases and country reviews the secretariat publishes (who made one is kept with it, for the audit)',
  stored_review_entry_versions: 'nothing: versions of those entries (who saved each is kept with it, for the audit)',
  event_documents: 'nothing: PDFs the secretariat publishes with events (who uploaded each is kept with it, for the audit)',
};

export interface DataDownloadContext {
  now?: Date;
  /** Event titles and, with retentionDays, when accessibility needs will be erased. */
  findEvent?: (eventKey: string) => PortalEvent | undefined;
  retentionDays?: number;
}

const parseList = (json: string): unknown => JSON.parse(json) as unknown;

export async function exportPersonalData(db: Kysely<Database>, actor: SessionUser | null, context: DataDownloadContext = {}): Promise<Result<Record<string, unknown>>> {
  if (!actor) return failure('forbidden', 'permission.signInFirst');
  const now = context.now ?? portalNow();
  const person = await db
    .selectFrom('users')
    .select(['email', 'name', 'job_title', 'role', 'organisation_id', 'created_at', 'updated_at', 'email_verified_at'])
    .where('id', '=', actor.id)
    .executeTakeFirstOrThrow();
  const organisation = person.organisation_id
    ? await db
        .selectFrom('organisations')
        .select(['name', 'acronym', 'type', 'country', 'website', 'description', 'ecosoc_status', 'topics', 'accreditation', 'accreditation_reason', 'listed', 'created_at'])
        .where('id', '=', person.organisation_id)
        .executeTakeFirst()
    : undefined;
  const registrations = await db.selectFrom('registrations').selectAll().where('user_id', '=', actor.id).orderBy('created_at').execute();
  const submissions = await db.selectFrom('submissions').selectAll().where('author_id', '=', actor.id).orderBy('created_at').execute();
  const followed = await db.selectFrom('followed_topics').select(['topic', 'created_at', 'digest']).where('user_id', '=', actor.id).orderBy('topic').execute();
  const countries = await db.selectFrom('followed_countries').select(['country', 'created_at', 'digest']).where('user_id', '=', actor.id).orderBy('country').execute();
  const digests = await db.selectFrom('digest_sends').select(['frequency', 'period_start', 'items', 'created_at']).where('user_id', '=', actor.id).orderBy('period_start').execute();
  const feed = await db.selectFrom('calendar_tokens').select('created_at').where('user_id', '=', actor.id).executeTakeFirst();
  const sessions = await db.selectFrom('sessions').select(['created_at', 'expires_at']).where('user_id', '=', actor.id).orderBy('created_at').execute();
  const links = await db.selectFrom('one_time_tokens').select(['purpose', 'created_at', 'expires_at', 'used_at']).where('user_id', '=', actor.id).orderBy('created_at').execute();
  const emails = await db.selectFrom('outgoing_mail').select(['subject', 'state', 'created_at', 'sent_at']).where('recipient', '=', person.email).orderBy('id').execute();
  const subjects = [actor.id, ...registrations.map((row) => row.id), ...submissions.map((row) => row.id)];
  const aboutYou = await db.selectFrom('audit_log').select(['at', 'action', 'subject_type', 'subject_id', 'reason']).where('subject_id', 'in', subjects).orderBy('at').execute();
  const byYou = await db.selectFrom('audit_log').select(['at', 'action', 'subject_type', 'subject_id']).where('actor_user_id', '=', actor.id).orderBy('at').execute();
  const invitedHere = await db.selectFrom('invitations').select(['created_at', 'expires_at', 'accepted_at']).where('email', '=', person.email).orderBy('created_at').execute();
  const invitedByYou = await db.selectFrom('invitations').select(['created_at', 'expires_at', 'accepted_at']).where('invited_by', '=', actor.id).orderBy('created_at').execute();
  const identityChanges = await db
    .selectFrom('identity_changes')
    .select(['name', 'acronym', 'type', 'country', 'state', 'requested_at', 'decided_at', 'reason'])
    .where('requested_by', '=', actor.id)
    .orderBy('requested_at')
    .execute();
  const requestKeys = Object.values(RATE_LIMITS).flatMap((rule) => [`${rule.name}:${person.email}`, `${rule.name}:${actor.id.toLowerCase()}`]);
  const requests = await db.selectFrom('rate_limits').select(['key', 'window_started_at', 'hits']).where('key', 'in', requestKeys).orderBy('key').execute();

  return success({
    exportedAt: now.toISOString(),
    person: {
      email: person.email,
      name: person.name,
      function: person.job_title,
      role: person.role,
      createdAt: person.created_at,
      updatedAt: person.updated_at,
      emailConfirmedAt: person.email_verified_at,
    },
    organisation: organisation && {
      ...organisation,
      topics: parseList(organisation.topics),
      listed: organisation.listed === 1,
    },
    registrations: registrations.map((row) => {
      const event = context.findEvent?.(row.event_key);
      return {
        event: row.event_key,
        eventTitle: event?.title ?? null,
        mode: row.mode,
        state: row.state,
        statement: row.statement,
        travelSupport: row.travel_support === 1,
        wantsToSpeak: row.wants_to_speak === 1,
        accessibilityNeeds: row.accessibility_needs,
        accessibilityNeedsErasedAfter: event && context.retentionDays !== undefined ? healthDataErasureDate(event.end, context.retentionDays).toISOString() : null,
        decisionReason: row.decision_reason,
        decidedAt: row.decided_at,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
    }),
    writtenInput: submissions.map((row) => ({
      id: row.id,
      title: row.title,
      topics: parseList(row.topics),
      states: parseList(row.states),
      call: row.call_event_key,
      body: row.body,
      answers: parseList(row.answers),
      consentToPublish: row.consent_to_publish === 1,
      state: row.state,
      secretariatNote: row.secretariat_note,
      attachment: row.attachment_name ? { name: row.attachment_name, bytes: row.attachment_size } : null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      submittedAt: row.submitted_at,
      decidedAt: row.decided_at,
      publishedAt: row.published_at,
    })),
    followedTopics: followed.map((row) => ({ topic: row.topic, since: row.created_at, digest: row.digest })),
    followedCountries: countries.map((row) => ({ country: row.country, since: row.created_at, digest: row.digest })),
    digestsSent: digests.map((row) => ({ frequency: row.frequency, periodStart: row.period_start, items: row.items, weighedAt: row.created_at })),
    privateCalendarFeed: feed ? { exists: true, createdAt: feed.created_at } : { exists: false },
    sessions: sessions.map((row) => ({
      createdAt: row.created_at,
      // The expiry moves with activity (at most hourly), so it tells when the session was last used, to the hour.
      lastActiveAround: new Date(Date.parse(row.expires_at) - SESSION_LIFETIME_MS).toISOString(),
      expiresAt: row.expires_at,
    })),
    links: links.map((row) => ({ purpose: row.purpose, createdAt: row.created_at, expiresAt: row.expires_at, usedAt: row.used_at })),
    emails: emails.map((row) => ({ subject: row.subject, state: row.state, queuedAt: row.created_at, sentAt: row.sent_at })),
    invitations: {
      toYou: invitedHere.map((row) => ({ createdAt: row.created_at, expiresAt: row.expires_at, acceptedAt: row.accepted_at })),
      sentByYou: invitedByYou.map((row) => ({ createdAt: row.created_at, expiresAt: row.expires_at, acceptedAt: row.accepted_at })),
    },
    identityChangesRequested: identityChanges.map((row) => ({
      name: row.name,
      acronym: row.acronym,
      type: row.type,
      country: row.country,
      state: row.state,
      requestedAt: row.requested_at,
      decidedAt: row.decided_at,
      reason: row.reason,
    })),
    decisionsAboutYou: aboutYou.map((row) => ({ at: row.at, action: row.action, subject: row.subject_type, reason: row.reason })),
    decisionsYouMade: byYou.map((row) => ({ at: row.at, action: row.action, subject: `${row.subject_type}/${row.subject_id}` })),
    limits: {
      signInAttempts: await accountAttempts(db, person.email),
      requests: requests.map((row) => ({ counter: row.key.slice(0, row.key.indexOf(':')), windowStartedAt: row.window_started_at, hits: row.hits })),
    },
  });
}
