// The audit log as the secretariat reads it: newest first, 50 to a page, with
// who decided (name and address), what, on which organisation, person, event,
// registration or input (by name, with where to look), and why. Filters by
// actor, action, kind of subject (or one subject) and a range of days (Vienna
// time); the CSV export takes the same filters.
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { z } from '../validation';
import { requireSecretariat } from '../auth/permissions';
import type { SessionUser } from '../auth/sessions';
import type { Database } from '../db/schema';
import { wallClockToInstant } from '../events/wall-clock';
import { filterSearch, pageFilter, pageWindow, parseFilter, type Paged } from '../organisations/organisation-filters';
import { success, type FieldIssues, type Result } from '../result';

export const AUDIT_PAGE_SIZE = 50;
/** The CSV holds at most this many entries (the newest); a narrower filter gets the rest. */
export const AUDIT_CSV_LIMIT = 50_000;
/** Days of the date filter are days in Vienna, where the secretariat works. */
export const AUDIT_ZONE = 'Europe/Vienna';
export const AUDIT_SUBJECT_TYPES = ['organisation', 'user', 'registration', 'submission', 'event', 'review-entry'] as const;

const blankAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const day = (message: string) =>
  z.preprocess(
    blankAsUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, message)
      .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), message)
      .optional(),
  );

export const auditFilterSchema = z
  .object({
    actor: z.preprocess(blankAsUndefined, z.string().trim().max(100, 'Choose a person from the list.').optional()),
    action: z.preprocess(blankAsUndefined, z.string().trim().max(100, 'Choose an action from the list.').regex(/^[a-z-]+\.[a-z-]+$/, 'Choose an action from the list.').optional()),
    subjectType: z.preprocess(blankAsUndefined, z.enum(AUDIT_SUBJECT_TYPES, { error: 'Choose a kind of subject from the list.' }).optional()),
    subject: z.preprocess(blankAsUndefined, z.string().trim().max(200, 'This subject is not one the log knows.').optional()),
    from: day('Enter a date as YYYY-MM-DD, such as 2026-12-01.'),
    to: day('Enter a date as YYYY-MM-DD, such as 2026-12-31.'),
    page: pageFilter,
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.to < value.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The last day comes on or after the first day.' });
  });

export type AuditFilter = z.infer<typeof auditFilterSchema>;
const FILTER_KEYS = ['actor', 'action', 'subjectType', 'subject', 'from', 'to', 'page'] as const;

/** The query string of a filter (for links to other pages, and to the CSV). */
export function auditSearch(filter: AuditFilter, changes: Partial<AuditFilter> = {}): string {
  const merged = { ...filter, ...changes };
  return filterSearch({ ...merged, page: merged.page && merged.page > 1 ? merged.page : undefined });
}

export interface AuditSubject {
  type: string;
  id: string;
  /** What people call it: an organisation's or person's name, an input's title; null when it no longer exists. */
  name: string | null;
  /** For a registration: whose, and for which event (its key; the page shows the title). */
  person?: string | null;
  eventKey?: string | null;
}

export interface AuditTrailEntry {
  id: string;
  at: string;
  action: string;
  /** Null for actions taken outside the portal (the admin CLI). */
  actor: { id: string; name: string; email: string } | null;
  subject: AuditSubject;
  reason: string | null;
  /** Old → new values, for decisions that change fields (an organisation's identity). */
  changes: { field: string; from: string | null; to: string | null }[];
}

/** The fields whose value differs between details.from and details.to, when both are objects. */
function changedFields(details: Record<string, unknown> | null): AuditTrailEntry['changes'] {
  const from = details?.from;
  const to = details?.to;
  if (!from || !to || typeof from !== 'object' || typeof to !== 'object') return [];
  const before = from as Record<string, string | null>;
  const after = to as Record<string, string | null>;
  return Object.keys(after)
    .filter((field) => (before[field] ?? null) !== (after[field] ?? null))
    .map((field) => ({ field, from: before[field] ?? null, to: after[field] ?? null }));
}

function parseDetails(details: string | null): Record<string, unknown> | null {
  if (!details) return null;
  try {
    const value = JSON.parse(details) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export interface AuditTrailPage extends Paged {
  filter: AuditFilter;
  issues: FieldIssues;
  entries: AuditTrailEntry[];
  /** Everyone who has taken a decision, for the actor filter. */
  actors: { id: string; name: string }[];
  /** Every action recorded, for the action filter. */
  actions: string[];
}

function filtered<O>(query: SelectQueryBuilder<Database, 'audit_log', O>, filter: AuditFilter) {
  let result = query;
  if (filter.actor) result = filter.actor === 'cli' ? result.where('audit_log.actor_user_id', 'is', null) : result.where('audit_log.actor_user_id', '=', filter.actor);
  if (filter.action) result = result.where('audit_log.action', '=', filter.action);
  if (filter.subjectType) result = result.where('audit_log.subject_type', '=', filter.subjectType);
  if (filter.subject) result = result.where('audit_log.subject_id', '=', filter.subject);
  if (filter.from) result = result.where('audit_log.at', '>=', wallClockToInstant(`${filter.from}T00:00`, AUDIT_ZONE).toISOString());
  if (filter.to) {
    const next = new Date(Date.parse(`${filter.to}T00:00:00Z`) + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    result = result.where('audit_log.at', '<', wallClockToInstant(`${next}T00:00`, AUDIT_ZONE).toISOString());
  }
  return result;
}

async function readEntries(db: Kysely<Database>, filter: AuditFilter, limit: number, offset: number): Promise<AuditTrailEntry[]> {
  const rows = await filtered(
    db
      .selectFrom('audit_log')
      .leftJoin('users as actor', 'actor.id', 'audit_log.actor_user_id')
      .leftJoin('organisations as subject_organisation', (join) => join.onRef('subject_organisation.id', '=', 'audit_log.subject_id').on('audit_log.subject_type', '=', 'organisation'))
      .leftJoin('users as subject_user', (join) => join.onRef('subject_user.id', '=', 'audit_log.subject_id').on('audit_log.subject_type', '=', 'user'))
      .leftJoin('registrations as subject_registration', (join) => join.onRef('subject_registration.id', '=', 'audit_log.subject_id').on('audit_log.subject_type', '=', 'registration'))
      .leftJoin('users as registrant', 'registrant.id', 'subject_registration.user_id')
      .leftJoin('organisations as registrant_organisation', 'registrant_organisation.id', 'subject_registration.organisation_id')
      .leftJoin('submissions as subject_submission', (join) => join.onRef('subject_submission.id', '=', 'audit_log.subject_id').on('audit_log.subject_type', '=', 'submission'))
      .select([
        'audit_log.id',
        'audit_log.at',
        'audit_log.action',
        'audit_log.actor_user_id',
        'audit_log.subject_type',
        'audit_log.subject_id',
        'audit_log.reason',
        'audit_log.details',
        'actor.name as actor_name',
        'actor.email as actor_email',
        'subject_organisation.name as organisation_name',
        'subject_user.name as user_name',
        'subject_user.email as user_email',
        'registrant.name as registrant_name',
        'registrant_organisation.name as registrant_organisation',
        'subject_registration.event_key as registration_event',
        'subject_submission.title as submission_title',
      ]),
    filter,
  )
    .orderBy('audit_log.at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((row) => {
    const details = parseDetails(row.details);
    const remembered = (key: string) => (typeof details?.[key] === 'string' ? (details[key] as string) : null);
    const subject: AuditSubject = { type: row.subject_type, id: row.subject_id, name: null };
    if (row.subject_type === 'organisation') subject.name = row.organisation_name ?? remembered('organisation');
    else if (row.subject_type === 'user') subject.name = row.user_name ? `${row.user_name} (${row.user_email})` : remembered('email');
    else if (row.subject_type === 'submission') subject.name = row.submission_title ?? remembered('title');
    else if (row.subject_type === 'event') subject.eventKey = row.subject_id;
    else if (row.subject_type === 'registration') {
      subject.person = row.registrant_name ? `${row.registrant_name}${row.registrant_organisation ? `, ${row.registrant_organisation}` : ''}` : null;
      subject.eventKey = row.registration_event ?? remembered('event');
    }
    return {
      id: row.id,
      at: row.at,
      action: row.action,
      actor: row.actor_user_id && row.actor_name !== null && row.actor_email !== null ? { id: row.actor_user_id, name: row.actor_name, email: row.actor_email } : null,
      subject,
      reason: row.reason,
      changes: changedFields(details),
    };
  });
}

export async function readAuditTrail(db: Kysely<Database>, actor: SessionUser | null, params: URLSearchParams): Promise<Result<AuditTrailPage>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const { filter, issues } = parseFilter(auditFilterSchema, params, FILTER_KEYS);
  const { count } = await filtered(db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('count')), filter).executeTakeFirstOrThrow();
  const window = pageWindow(filter.page, Number(count), AUDIT_PAGE_SIZE);
  const actors = await db
    .selectFrom('audit_log')
    .innerJoin('users', 'users.id', 'audit_log.actor_user_id')
    .select(['users.id', 'users.name'])
    .distinct()
    .orderBy('users.name')
    .execute();
  const actions = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
  return success({
    filter,
    issues,
    page: window.page,
    pageCount: window.pageCount,
    total: window.total,
    entries: await readEntries(db, filter, AUDIT_PAGE_SIZE, window.offset),
    actors,
    actions: actions.map((row) => row.action),
  });
}

/** Every entry the filter selects (the newest AUDIT_CSV_LIMIT), for the CSV export. */
export async function exportAuditTrail(db: Kysely<Database>, actor: SessionUser | null, params: URLSearchParams): Promise<Result<{ filter: AuditFilter; issues: FieldIssues; entries: AuditTrailEntry[] }>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const { filter, issues } = parseFilter(auditFilterSchema, params, FILTER_KEYS);
  return success({ filter, issues, entries: await readEntries(db, filter, AUDIT_CSV_LIMIT, 0) });
}
