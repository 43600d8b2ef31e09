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
import { DEFAULT_LANDING, safeReturnPath } from './return-path';
import { message, zodKey } from '../../i18n/message';

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: zodKey('account.yourPasswordMissing') }).min(1, zodKey('account.yourPasswordMissing')).max(256, zodKey('validation.tooLong')),
});

export const WRONG_CREDENTIALS = message('account.wrongCredentials');

export type SignInOutcome =
  /** `next`: where to send the person now (their checked return address, or /account). */
  | { kind: 'signed-in'; token: string; expiresAt: Date; next: string }
  /** Right password, but the address is not confirmed yet: a new link was sent. */
  | { kind: 'unverified'; email: string };

export async function signIn(db: Kysely<Database>, input: unknown, clientAddress: string, now = portalNow()): Promise<Result<SignInOutcome>> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const { email, password } = parsed.data;
  // Not part of the schema: a doubtful return address is not the visitor's mistake to fix, just ignored.
  const next = safeReturnPath(typeof input === 'object' && input !== null ? (input as { next?: unknown }).next : undefined);

  const user = await db.selectFrom('users').select(['id', 'name', 'password_hash', 'email_verified_at', 'locale']).where('email', '=', email).executeTakeFirst();
  const check = await checkPassword(db, { account: email, clientAddress, passwordHash: user?.password_hash ?? null, password, now });
  if (!check.ok) return check.code === 'wrong' ? invalid({ form: WRONG_CREDENTIALS }) : check;
  // A right password means a stored hash, so the account exists.
  if (!user) return invalid({ form: WRONG_CREDENTIALS });

  if (!user.email_verified_at) {
    const verification = await hitRateLimit(db, RATE_LIMITS.verificationPerAccount, email, now);
    if (verification.allowed) {
      await db.transaction().execute(async (trx) => enqueueMail(trx, verificationMail(user.locale, email, user.name, await issueVerificationToken(trx, user.id, now), next)));
      await deliverMailSoon(db);
    }
    return success({ kind: 'unverified', email });
  }
  const session = await createSession(db, user.id, now);
  return success({ kind: 'signed-in', ...session, next: next ?? DEFAULT_LANDING });
}
