// Table types for Kysely. Portable across SQLite and PostgreSQL: text ids,
// ISO-8601 UTC timestamps as text, booleans as 0/1 integers.
import type { Generated } from 'kysely';
import type { ORGANISATION_TYPES } from '../events/schema';
import type { Locale } from '../../i18n/index';

export type Timestamp = string;
export type Flag = 0 | 1;

/** An organisation's standing with the secretariat. */
export const ACCREDITATION_STATES = ['pending', 'accredited', 'rejected'] as const;
export type AccreditationState = (typeof ACCREDITATION_STATES)[number];

export const ECOSOC_STATUSES = ['none', 'roster', 'special', 'general'] as const;
export type EcosocStatus = (typeof ECOSOC_STATUSES)[number];

/** Who an account is: a representative or the focal point of an organisation, or the secretariat. */
export const ROLES = ['representative', 'focal-point', 'secretariat'] as const;
export type Role = (typeof ROLES)[number];

export const REGISTRATION_STATES = ['pending', 'approved', 'waitlisted', 'rejected', 'withdrawn'] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];

/** What the secretariat recorded of an approved registration once its event started; null: nothing recorded. */
export const ATTENDANCE_STATES = ['attended', 'absent'] as const;
export type AttendanceState = (typeof ATTENDANCE_STATES)[number];

export const PARTICIPATION_MODES = ['in-person', 'online'] as const;
export type ParticipationMode = (typeof PARTICIPATION_MODES)[number];

export interface OrganisationsTable {
  id: string;
  name: string;
  acronym: string | null;
  type: (typeof ORGANISATION_TYPES)[number];
  country: string;
  website: string | null;
  description: string;
  ecosoc_status: EcosocStatus;
  /** JSON array of topic slugs. */
  topics: string;
  accreditation: AccreditationState;
  accreditation_reason: string | null;
  accreditation_decided_by: string | null;
  accreditation_decided_at: Timestamp | null;
  listed: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  job_title: string | null;
  organisation_id: string | null;
  role: Role;
  password_hash: string | null;
  email_verified_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Set when the person deleted the account; the row stays, anonymised. */
  deleted_at?: Timestamp | null;
  /** Preferred language: their emails, .ics files and private calendar speak it. */
  locale: Generated<Locale>;
}

export interface SessionsTable {
  /** SHA-256 of the session token; the token itself is never stored. */
  id: string;
  user_id: string;
  expires_at: Timestamp;
  created_at: Timestamp;
}

export interface OneTimeTokensTable {
  /** SHA-256 of the token sent by email or printed by the CLI. */
  id: string;
  user_id: string;
  purpose: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface RateLimitsTable {
  key: string;
  window_started_at: Timestamp;
  hits: number;
}

/** Password attempts per (account, address) pair, per address and per account; see auth/password-attempts.ts. */
export interface PasswordAttemptsTable {
  /** SHA-256 of the scope and subject: no email or client address in clear. */
  key: string;
  /** SHA-256 of the account's email (pair and account rows), so a reset clears them all. */
  account: string | null;
  /** Attempts not yet followed by a right password. */
  attempts: number;
  last_attempt_at: Timestamp;
}

export interface AuditLogTable {
  id: string;
  at: Timestamp;
  actor_user_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  reason: string | null;
  /** JSON object with whatever else the decision needs to be understood later. */
  details: string | null;
}

export interface EventFingerprintsTable {
  /** "<collection>/<slug>" */
  event_key: string;
  fingerprint: string;
  sequence: number;
  last_modified: Timestamp;
}

export interface RegistrationsTable {
  id: string;
  /** "<collection>/<slug>" of the event applied for. */
  event_key: string;
  user_id: string;
  organisation_id: string;
  mode: ParticipationMode;
  state: RegistrationState;
  /** Order of arrival for the event: the waitlist is served in this order. */
  queue_number: number;
  statement: string | null;
  travel_support: Flag;
  wants_to_speak: Flag;
  accessibility_needs: string | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  attendance: AttendanceState | null;
  attendance_marked_by: string | null;
  attendance_marked_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Written input from draft to publication; published input the secretariat took down is 'taken-down'. */
export const SUBMISSION_STATES = ['draft', 'submitted', 'returned', 'rejected', 'published', 'taken-down'] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

export interface SubmissionsTable {
  /** Random and unguessable: a draft cannot be found by trying ids. */
  id: string;
  organisation_id: string;
  author_id: string;
  title: string;
  /** JSON array of topic slugs. */
  topics: string;
  /** JSON array of the codes (shared country list) of the States the input concerns. */
  states: Generated<string>;
  /** "dialogues/<slug>" when the input answers a dialogue's call. */
  call_event_key: string | null;
  /** Markdown as written; rendered and sanitised on display. */
  body: string;
  /** JSON array: one answer per guiding question of the call. */
  answers: string;
  consent_to_publish: Flag;
  state: SubmissionState;
  /** The secretariat's last note to the organisation: what to change, or why it is not (or no longer) published. */
  secretariat_note: string | null;
  attachment_stored_name: string | null;
  attachment_name: string | null;
  attachment_size: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_at: Timestamp | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  published_at: Timestamp | null;
}

export interface CalendarTokensTable {
  user_id: string;
  /** SHA-256 of the secret in the private feed's address. */
  token_hash: string;
  created_at: Timestamp;
}

export const DIGEST_FREQUENCIES = ['none', 'daily', 'weekly'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

export interface FollowedTopicsTable {
  user_id: string;
  topic: string;
  created_at: Timestamp;
  /** How often the person wants an email digest of the topic. */
  digest: Generated<DigestFrequency>;
}

/** A country (code from the shared country list) a person follows, as they follow a topic. */
export interface FollowedCountriesTable {
  user_id: string;
  country: string;
  created_at: Timestamp;
  digest: Generated<DigestFrequency>;
}

/** One digest period claimed for a person: written with the email, so no period is sent twice. */
export interface DigestSendsTable {
  user_id: string;
  frequency: Exclude<DigestFrequency, 'none'>;
  period_start: Timestamp;
  /** What the digest held; 0 when nothing was new (and nothing was sent). */
  items: number;
  created_at: Timestamp;
}

/** When the portal first saw an event: a digest's "new events" are those first seen in its period. */
export interface EventFirstSeenTable {
  event_key: string;
  first_seen_at: Timestamp;
}

export const PARTICIPANT_AUDIENCES = ['approved', 'waitlisted', 'all'] as const;
export type ParticipantAudience = (typeof PARTICIPANT_AUDIENCES)[number];

export interface ParticipantMessagesTable {
  id: string;
  event_key: string;
  audience: ParticipantAudience;
  subject: string;
  body: string;
  sent_by: string | null;
  sent_at: Timestamp;
  recipients: number;
}

export interface SigningKeysTable {
  purpose: string;
  secret: string;
  created_at: Timestamp;
}

export interface RegistrationLocksTable {
  event_key: string;
  version: number;
}

/** Kept by triggers (migration 78): how many registrations wait in each mode of each event. */
export interface WaitlistLengthsTable {
  event_key: string;
  mode: ParticipationMode;
  waiting: number;
}

export interface PublicDataVersionTable {
  id: number;
  version: number;
}

export const OUTGOING_MAIL_STATES = ['pending', 'sent', 'failed'] as const;
export type OutgoingMailState = (typeof OUTGOING_MAIL_STATES)[number];

export interface OutgoingMailTable {
  id: string;
  recipient: string;
  subject: string;
  /** Emptied once sent: it may hold a one-time link. */
  body: string;
  /** JSON list of { filename, content, contentType }, or null. */
  attachments: string | null;
  state: OutgoingMailState;
  attempts: number;
  next_attempt_at: Timestamp;
  claimed_by: string | null;
  claimed_until: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  /** JSON object of extra headers (List-Unsubscribe …), or null. */
  headers?: string | null;
}

export const IDENTITY_CHANGE_STATES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type IdentityChangeState = (typeof IDENTITY_CHANGE_STATES)[number];

/** A change of who an accredited organisation is, waiting for (or decided by) the secretariat. */
export interface IdentityChangesTable {
  id: string;
  organisation_id: string;
  /** The requested values; the current ones stay in `organisations` until approval. */
  name: string;
  acronym: string | null;
  type: (typeof ORGANISATION_TYPES)[number];
  country: string;
  state: IdentityChangeState;
  requested_by: string | null;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  reason: string | null;
}

/** An invitation to join an organisation; the account is made only when it is accepted. */
export interface InvitationsTable {
  /** SHA-256 of the token in the emailed link. */
  id: string;
  organisation_id: string;
  email: string;
  invited_by: string | null;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  created_at: Timestamp;
}

export const STORED_EVENT_STATES = ['draft', 'published', 'unpublished'] as const;
export type StoredEventState = (typeof STORED_EVENT_STATES)[number];
export const STORED_EVENT_ORIGINS = ['browser', 'file', 'import'] as const;
export type StoredEventOrigin = (typeof STORED_EVENT_ORIGINS)[number];

export interface StoredEventsTable {
  /** "<collection>/<slug>", chosen once. */
  event_key: string;
  collection: string;
  slug: string;
  origin: StoredEventOrigin;
  state: StoredEventState;
  latest_version: number;
  /** The version the public pages show; null when none is shown. */
  published_version: number | null;
  unpublish_reason: string | null;
  /** From stored_event_changes, taken in the saving transaction. */
  change_seq: number;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A PDF uploaded in the editor, served at /documents/<id>.pdf. */
export interface EventDocumentsTable {
  /** A random UUID: the stored file is `<id>.pdf`. */
  id: string;
  /** The event it was uploaded for, "<collection>/<slug>". */
  event_key: string;
  /** Sanitised: shown and offered as the download name, never a path. */
  original_name: string;
  size: number;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
}

export interface StoredEventVersionsTable {
  event_key: string;
  version: number;
  /** JSON: the front matter as the content schema outputs it. */
  data: string;
  /** Markdown. */
  body: string;
  saved_by: string | null;
  saved_at: Timestamp;
  /** What the save was: saved, published, restored 2, imported, … */
  note: string | null;
}

export const STORED_REVIEW_ENTRY_ORIGINS = ['browser', 'file'] as const;
export type StoredReviewEntryOrigin = (typeof STORED_REVIEW_ENTRY_ORIGINS)[number];

/** A review phase or country review saved in the browser: every version is shown at once. */
export interface StoredReviewEntriesTable {
  /** "<collection>/<slug>" (review-phases or country-reviews), chosen once. */
  entry_key: string;
  collection: string;
  slug: string;
  origin: StoredReviewEntryOrigin;
  /** The version the public pages show: always the latest. */
  latest_version: number;
  /** From stored_event_changes (id 2), taken in the saving transaction. */
  change_seq: number;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StoredReviewEntryVersionsTable {
  entry_key: string;
  version: number;
  /** JSON: the front matter as the collection's schema outputs it. */
  data: string;
  /** Markdown. */
  body: string;
  saved_by: string | null;
  saved_at: Timestamp;
  /** file, saved, restored 2 */
  note: string | null;
}

/** Change counters: id 1 for stored events, id 2 for stored review entries. */
export interface StoredEventChangesTable {
  id: number;
  seq: number;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Timestamp;
}

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  one_time_tokens: OneTimeTokensTable;
  rate_limits: RateLimitsTable;
  password_attempts: PasswordAttemptsTable;
  audit_log: AuditLogTable;
  event_fingerprints: EventFingerprintsTable;
  registrations: RegistrationsTable;
  registration_locks: RegistrationLocksTable;
  waitlist_lengths: WaitlistLengthsTable;
  submissions: SubmissionsTable;
  calendar_tokens: CalendarTokensTable;
  followed_topics: FollowedTopicsTable;
  followed_countries: FollowedCountriesTable;
  digest_sends: DigestSendsTable;
  event_first_seen: EventFirstSeenTable;
  participant_messages: ParticipantMessagesTable;
  signing_keys: SigningKeysTable;
  public_data_version: PublicDataVersionTable;
  outgoing_mail: OutgoingMailTable;
  identity_changes: IdentityChangesTable;
  invitations: InvitationsTable;
  schema_migrations: SchemaMigrationsTable;
  stored_events: StoredEventsTable;
  stored_event_versions: StoredEventVersionsTable;
  stored_event_changes: StoredEventChangesTable;
  stored_review_entries: StoredReviewEntriesTable;
  stored_review_entry_versions: StoredReviewEntryVersionsTable;
  event_documents: EventDocumentsTable;
}

export type { Generated };
