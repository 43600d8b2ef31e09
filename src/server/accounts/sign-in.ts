// Sign-in: the password is checked under the shared limits on guessing
// (auth/password-attempts.ts); the same answer for an unknown address and a
// wrong password.
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import { z } from '../validation';
import type { Database } from '../db/schema';
import { checkPassword } from '../auth/password-attempts';
import { hitRateLimit, RATE_LIMITS } from '../auth/rate-limits';
import { createSession } from '../auth/sessions';
import { invalid, issuesFromZod, success, type Result } from '../result';
import { issueVerificationToken, verificationMail } from './email-verification';
import { deliverMailSoon, enqueueMail } from '../mail/outgoing-mail';
import { emailSchema } from './person-schema';

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(256, 'Use at most 256 characters.'),
});

export const WRONG_CREDENTIALS = 'The email address or the password is not right.';

export type SignInOutcome =
  | { kind: 'signed-in'; token: string; expiresAt: Date }
  /** Right password, but the address is not confirmed yet: a new link was sent. */
  | { kind: 'unverified'; email: string };

export async function signIn(db: Kysely<Database>, input: unknown, clientAddress: string, now = portalNow()): Promise<Result<SignInOutcome>> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const { email, password } = parsed.data;

  const user = await db.selectFrom('users').select(['id', 'name', 'password_hash', 'email_verified_at']).where('email', '=', email).executeTakeFirst();
  const check = await checkPassword(db, { account: email, clientAddress, passwordHash: user?.password_hash ?? null, password, now });
  if (!check.ok) return check.code === 'wrong' ? invalid({ form: WRONG_CREDENTIALS }) : check;
  // A right password means a stored hash, so the account exists.
  if (!user) return invalid({ form: WRONG_CREDENTIALS });

  if (!user.email_verified_at) {
    const verification = await hitRateLimit(db, RATE_LIMITS.verificationPerAccount, email, now);
    if (verification.allowed) {
      await db.transaction().execute(async (trx) => enqueueMail(trx, verificationMail(email, user.name, await issueVerificationToken(trx, user.id, now))));
      await deliverMailSoon(db);
    }
    return success({ kind: 'unverified', email });
  }
  const session = await createSession(db, user.id, now);
  return success({ kind: 'signed-in', ...session });
}
