// The secretariat's view of the outgoing mail queue: what waits, what could
// not be delivered and why, and a way to send failed messages again.
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import { z } from '../validation';
import type { SessionUser } from '../auth/sessions';
import { requireSecretariat } from '../auth/permissions';
import type { Database } from '../db/schema';
import { invalid, issuesFromZod, success, type Result } from '../result';
import { deliverMailSoon, retryFailedMail, summariseMailQueue, type MailQueueSummary } from './outgoing-mail';

export async function reviewMailQueue(db: Kysely<Database>, actor: SessionUser | null): Promise<Result<MailQueueSummary>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  return success(await summariseMailQueue(db));
}

export const mailRetrySchema = z.object({
  id: z.string({ error: 'Choose a message to send again.' }).trim().min(1, 'Choose a message to send again.').max(100, 'Choose a message from the list.').optional(),
});

/** Queues one failed message again (or all of them without an id), and tries at once. */
export async function retryMailDelivery(db: Kysely<Database>, actor: SessionUser | null, input: unknown, now = portalNow()): Promise<Result<{ queued: number }>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const parsed = mailRetrySchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const queued = await retryFailedMail(db, parsed.data.id ? [parsed.data.id] : undefined, now);
  await deliverMailSoon(db);
  return success({ queued });
}
