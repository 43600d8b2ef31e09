// Secretariat decisions, written with who, when, what and why (security
// note, "Data"). Called inside the transaction that makes the decision.
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { generateId } from '../auth/tokens';

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  reason?: string | null;
  details?: Record<string, unknown>;
}

export async function recordDecision(trx: Kysely<Database>, entry: AuditEntry, at: Date = portalNow()): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      id: generateId(),
      at: at.toISOString(),
      actor_user_id: entry.actorUserId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      reason: entry.reason ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}
