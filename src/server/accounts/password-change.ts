// A signed-in person changes their password, proving the current one first.
// Security note, "Accounts and sessions": a password change ends every other
// session of that user; the one in use stays.
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import { z } from '../validation';
import type { Database } from '../db/schema';
import { hashPassword, passwordSchema } from '../auth/passwords';
import { checkPassword } from '../auth/password-attempts';
import type { SessionUser } from '../auth/sessions';
import { failure, invalid, issuesFromZod, success, type Result } from '../result';

export const WRONG_CURRENT_PASSWORD = 'This is not your current password.';

export const passwordChangeSchema = z.object({
  currentPassword: z.string({ error: 'Enter your current password.' }).min(1, 'Enter your current password.').max(256, 'Use at most 256 characters.'),
  newPassword: passwordSchema,
});

export interface PasswordChangeContext {
  /** The session making the change; it stays signed in. */
  sessionId: string;
  /** Guesses from a borrowed session count against the same limits as signing in. */
  clientAddress: string;
  now?: Date;
}

export async function changePassword(
  db: Kysely<Database>,
  actor: SessionUser | null,
  input: unknown,
  context: PasswordChangeContext,
): Promise<Result<{ endedSessions: number }>> {
  if (!actor) return failure('forbidden', 'Sign in first.');
  const now = context.now ?? portalNow();
  const parsed = passwordChangeSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const { currentPassword, newPassword } = parsed.data;

  const person = await db.selectFrom('users').select('password_hash').where('id', '=', actor.id).executeTakeFirstOrThrow();
  const check = await checkPassword(db, { account: actor.email, clientAddress: context.clientAddress, passwordHash: person.password_hash, password: currentPassword, now });
  if (!check.ok) return check.code === 'wrong' ? invalid({ currentPassword: WRONG_CURRENT_PASSWORD }) : check;
  if (newPassword === currentPassword) return invalid({ newPassword: 'Choose a password different from your current one.' });

  // Hashing takes a while: never inside the transaction.
  const passwordHash = await hashPassword(newPassword);
  const stamp = now.toISOString();
  const ended = await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: stamp }).where('id', '=', actor.id).execute();
    const deleted = await trx.deleteFrom('sessions').where('user_id', '=', actor.id).where('id', '!=', context.sessionId).executeTakeFirst();
    return Number(deleted.numDeletedRows);
  });
  return success({ endedSessions: ended });
}
