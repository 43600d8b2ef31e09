// The secretariat publishes written input, returns it for changes with a
// note, or rejects it with a reason; the author is emailed and the decision
// goes to the audit log.
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import { z } from '../validation';
import { config } from '../config';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireSecretariat } from '../auth/permissions';
import { recordDecision } from '../audit/audit-log';
import { deliverMailSoon, enqueueMail } from '../mail/outgoing-mail';
import { failure, invalid, issuesFromZod, success, type Result } from '../result';
import { recordPublicDataChange } from '../public-cache/public-data-version';

export const MODERATION_DECISIONS = ['publish', 'return', 'reject'] as const;
const TARGET = { publish: 'published', return: 'returned', reject: 'rejected' } as const;

export const moderationSchema = z
  .object({
    decision: z.enum(MODERATION_DECISIONS, { error: 'Choose publish, return for changes or reject.' }),
    note: z.string().trim().max(2000, 'Use at most 2000 characters.').optional().transform((value) => value || null),
  })
  .refine((input) => input.decision === 'publish' || input.note, { path: ['note'], error: 'Write a note for the author: what to change, or why it is not published.' });

export async function moderateSubmission(db: Kysely<Database>, actor: SessionUser | null, id: string, input: unknown, now = portalNow()): Promise<Result<{ state: string }>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const parsed = moderationSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const { decision, note } = parsed.data;
  const target = TARGET[decision];
  const outcome = await db.transaction().execute((trx) => applyModeration(trx, secretariat.value.id, id, decision, note, now));
  if (!outcome.ok) return outcome;
  await deliverMailSoon(db);
  return success({ state: target });
}

type ModerationDecision = (typeof MODERATION_DECISIONS)[number];

/** One input's decision inside the caller's transaction; a failure says why it cannot be taken. */
async function applyModeration(trx: Kysely<Database>, secretariatId: string, id: string, decision: ModerationDecision, note: string | null, now: Date) {
  const target = TARGET[decision];
  const stamp = now.toISOString();
  const row = await trx
    .selectFrom('submissions')
    .innerJoin('users', 'users.id', 'submissions.author_id')
    .select(['submissions.id', 'submissions.state', 'submissions.title', 'submissions.consent_to_publish', 'users.email', 'users.name', 'users.deleted_at'])
    .where('submissions.id', '=', id)
    .executeTakeFirst();
  if (!row) return failure('not_found', 'There is no such written input.');
  if (row.state !== 'submitted') return failure('conflict', `This input is ${row.state}; only submitted input can be moderated.`);
  if (decision === 'publish' && !row.consent_to_publish) return failure('conflict', 'The organisation did not consent to publication: return it to ask, or keep it unpublished.');
  await trx
    .updateTable('submissions')
    .set({ state: target, secretariat_note: note, decided_at: stamp, decided_by: secretariatId, updated_at: stamp, published_at: decision === 'publish' ? stamp : null })
    .where('id', '=', id)
    .execute();
  await recordDecision(trx, { actorUserId: secretariatId, action: `submission.${target}`, subjectType: 'submission', subjectId: id, reason: note, details: { title: row.title } }, now);
  if (!row.deleted_at) await enqueueMail(trx, moderationMail(row, id, decision, note));
  if (decision === 'publish') await recordPublicDataChange(trx);
  return success(row);
}

export const bulkModerationSchema = z
  .object({
    ids: z.array(z.string().trim().min(1).max(100), { error: 'Tick at least one input.' }).min(1, 'Tick at least one input.').max(500, 'Decide on at most 500 inputs at once.'),
    decision: z.enum(MODERATION_DECISIONS, { error: 'Choose publish, return for changes or reject.' }),
    note: z.string().trim().max(2000, 'Use at most 2000 characters.').optional().transform((value) => value || null),
  })
  .refine((input) => input.decision === 'publish' || input.note, { path: ['note'], error: 'Write a note for the authors: what to change, or why it is not published.' });

export interface BulkModerationReport {
  state: string;
  changed: number;
  /** Input the decision could not apply to, with why (not submitted, no consent to publish, gone). */
  refused: { id: string; why: string }[];
}

/** The same decision and note for every ticked input, in one transaction: an audit entry and an email each. */
export async function moderateSubmissions(db: Kysely<Database>, actor: SessionUser | null, input: unknown, now = portalNow()): Promise<Result<BulkModerationReport>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const parsed = bulkModerationSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const { ids, decision, note } = parsed.data;
  const report = await db.transaction().execute(async (trx) => {
    const result: BulkModerationReport = { state: TARGET[decision], changed: 0, refused: [] };
    for (const id of new Set(ids)) {
      const outcome = await applyModeration(trx, secretariat.value.id, id, decision, note, now);
      if (outcome.ok) result.changed += 1;
      else result.refused.push({ id, why: 'message' in outcome ? outcome.message : outcome.code });
    }
    return result;
  });
  await deliverMailSoon(db);
  return success(report);
}

function moderationMail(author: { email: string; name: string; title: string }, id: string, decision: (typeof MODERATION_DECISIONS)[number], note: string | null) {
  const link = new URL(decision === 'publish' ? `/submissions/${id}` : `/submissions/${id}/edit`, config().PUBLIC_ORIGIN).href;
  const what = {
    publish: 'has been published on WhatsOn',
    return: 'has been returned to you for changes',
    reject: 'will not be published',
  }[decision];
  return {
    to: author.email,
    subject: `Your written input ${what}: ${author.title}`,
    text: `Dear ${author.name},\n\nYour written input "${author.title}" ${what}.${note ? `\n\nNote from the secretariat:\n${note}` : ''}\n\n${link}\n\nThe UNODC Civil Society Unit`,
  };
}
