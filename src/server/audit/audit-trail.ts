// The audit log as the secretariat reads it: newest first, 50 to a page, with
// who decided (name and address), what, on which subject, and why.
import type { Kysely } from 'kysely';
import { z } from '../validation';
import { requireSecretariat } from '../auth/permissions';
import type { SessionUser } from '../auth/sessions';
import type { Database } from '../db/schema';
import { pageFilter, pageWindow, parseFilter, type Paged } from '../organisations/organisation-filters';
import { success, type FieldIssues, type Result } from '../result';

export const AUDIT_PAGE_SIZE = 50;

export const auditFilterSchema = z.object({ page: pageFilter });

export interface AuditTrailEntry {
  id: string;
  at: string;
  action: string;
  /** Null for actions taken outside the portal (the admin CLI). */
  actor: { name: string; email: string } | null;
  subjectType: string;
  subjectId: string;
  /** The organisation's name or the person's address, when the subject still exists. */
  subjectLabel: string | null;
  reason: string | null;
  /** Old → new values, for decisions that change fields (an organisation's identity). */
  changes: { field: string; from: string | null; to: string | null }[];
}

/** The fields whose value differs between details.from and details.to, when both are objects. */
function changedFields(details: string | null): AuditTrailEntry['changes'] {
  if (!details) return [];
  const { from, to } = JSON.parse(details) as { from?: unknown; to?: unknown };
  if (!from || !to || typeof from !== 'object' || typeof to !== 'object') return [];
  const before = from as Record<string, string | null>;
  const after = to as Record<string, string | null>;
  return Object.keys(after)
    .filter((field) => (before[field] ?? null) !== (after[field] ?? null))
    .map((field) => ({ field, from: before[field] ?? null, to: after[field] ?? null }));
}

export interface AuditTrailPage extends Paged {
  issues: FieldIssues;
  entries: AuditTrailEntry[];
}

export async function readAuditTrail(db: Kysely<Database>, actor: SessionUser | null, params: URLSearchParams): Promise<Result<AuditTrailPage>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const { filter, issues } = parseFilter(auditFilterSchema, params, ['page']);

  const { count } = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const window = pageWindow(filter.page, Number(count), AUDIT_PAGE_SIZE);
  const rows = await db
    .selectFrom('audit_log')
    .leftJoin('users as actor', 'actor.id', 'audit_log.actor_user_id')
    .leftJoin('organisations as subject_organisation', (join) =>
      join.onRef('subject_organisation.id', '=', 'audit_log.subject_id').on('audit_log.subject_type', '=', 'organisation'),
    )
    .leftJoin('users as subject_user', (join) => join.onRef('subject_user.id', '=', 'audit_log.subject_id').on('audit_log.subject_type', '=', 'user'))
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.action',
      'audit_log.subject_type',
      'audit_log.subject_id',
      'audit_log.reason',
      'audit_log.details',
      'actor.name as actor_name',
      'actor.email as actor_email',
      'subject_organisation.name as organisation_name',
      'subject_user.email as user_email',
    ])
    .orderBy('audit_log.at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .limit(AUDIT_PAGE_SIZE)
    .offset(window.offset)
    .execute();

  return success({
    issues,
    page: window.page,
    pageCount: window.pageCount,
    total: window.total,
    entries: rows.map((row) => ({
      id: row.id,
      at: row.at,
      action: row.action,
      actor: row.actor_name !== null && row.actor_email !== null ? { name: row.actor_name, email: row.actor_email } : null,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      subjectLabel: row.organisation_name ?? row.user_email ?? null,
      reason: row.reason,
      changes: changedFields(row.details),
    })),
  });
}
