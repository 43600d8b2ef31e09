// Forgotten passwords: an emailed one-time link, and the page it opens, which
// also takes the "set your password" link the admin CLI prints for new
// secretariat accounts. Security note, "Accounts and sessions": tokens random,
// stored hashed, single use, valid an hour; the request answers the same
// whether or not the address has an account; a reset ends every session.
import { portalNow } from '../clock';
import { sql, type Kysely } from 'kysely';
import { z } from '../validation';
import { config } from '../config';
import type { Database } from '../db/schema';
import { hashPassword, passwordSchema } from '../auth/passwords';
import { hitRateLimit, RATE_LIMITS } from '../auth/rate-limits';
import { forgetPasswordAttempts } from '../auth/password-attempts';
import { createSession } from '../auth/sessions';
import { generateToken, hashToken } from '../auth/tokens';
import { deliverMailSoon, queuedMailRow } from '../mail/outgoing-mail';
import { failure, invalid, issuesFromZod, success, type Result } from '../result';
import { emailSchema } from './person-schema';

export const RESET_TOKEN_LIFETIME_MS = 60 * 60 * 1000;

/** Links that choose a password: the emailed reset link and the CLI's set-password link. */
const PASSWORD_TOKEN_PURPOSES = ['reset-password', 'set-password'];

const TOKEN_PATTERN = /^[a-z2-7]{32}$/;

export const LINK_CLOSED = 'This link has expired or was already used. Ask for a new one on the “Forgot your password?” page.';

export const passwordResetRequestSchema = z.object({ email: emailSchema });

export const passwordResetSchema = z.object({
  token: z.string({ error: LINK_CLOSED }).regex(TOKEN_PATTERN, LINK_CLOSED),
  password: passwordSchema,
});

export interface ResetRequestContext {
  clientAddress: string;
  now?: Date;
}

/**
 * Emails a reset link when the address belongs to an account. The result is
 * the same either way, so the form cannot tell who has an account; so is the
 * work: the same statements run for any address, each picking the account in
 * SQL (none matches an unknown one), and delivery is never awaited.
 */
export async function requestPasswordReset(db: Kysely<Database>, input: unknown, context: ResetRequestContext): Promise<Result<{ email: string }>> {
  const now = context.now ?? portalNow();
  const byAddress = await hitRateLimit(db, RATE_LIMITS.resetPerAddress, context.clientAddress, now);
  if (!byAddress.allowed) return { ok: false, code: 'rate_limited', retryAfterSeconds: byAddress.retryAfterSeconds };

  const parsed = passwordResetRequestSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const { email } = parsed.data;
  const token = generateToken();
  const byAccount = await db.transaction().execute(async (trx) => {
    // Counted for unknown addresses too, or the limit itself would tell them apart. Counted in
    // this transaction, so it writes for any address: a commit that writes nothing is quicker.
    const limit = await hitRateLimit(trx, RATE_LIMITS.resetPerAccount, email, now);
    if (!limit.allowed) return limit;
    const account = () => resettableAccount(trx, email);
    await trx
      .deleteFrom('one_time_tokens')
      .where('user_id', 'in', account().select('users.id'))
      .where('purpose', '=', 'reset-password')
      .where('used_at', 'is', null)
      .execute();
    await trx
      .insertInto('one_time_tokens')
      .columns(['id', 'user_id', 'purpose', 'expires_at', 'used_at', 'created_at'])
      .expression(
        account().select([
          sql<string>`${hashToken(token)}`.as('id'),
          'users.id as user_id',
          sql<string>`${'reset-password'}`.as('purpose'),
          sql<string>`${new Date(now.getTime() + RESET_TOKEN_LIFETIME_MS).toISOString()}`.as('expires_at'),
          sql<null>`null`.as('used_at'),
          sql<string>`${now.toISOString()}`.as('created_at'),
        ]),
      )
      .execute();
    // The greeting's name comes from the row, so the text is split around it.
    const [greeting, rest] = resetMail(email, NAME_SLOT, token).text.split(NAME_SLOT) as [string, string];
    const row = queuedMailRow({ ...resetMail(email, NAME_SLOT, token), text: '' });
    await trx
      .insertInto('outgoing_mail')
      .columns(['id', 'recipient', 'subject', 'body', 'attachments', 'state', 'attempts', 'next_attempt_at', 'claimed_by', 'claimed_until', 'last_error', 'created_at', 'sent_at'])
      .expression(
        account().select([
          sql<string>`${row.id}`.as('id'),
          'users.email as recipient',
          sql<string>`${row.subject}`.as('subject'),
          sql<string>`${greeting} || users.name || ${rest}`.as('body'),
          sql<null>`null`.as('attachments'),
          sql<string>`${row.state}`.as('state'),
          sql<number>`cast(${row.attempts} as integer)`.as('attempts'),
          sql<string>`${row.next_attempt_at}`.as('next_attempt_at'),
          sql<null>`null`.as('claimed_by'),
          sql<null>`null`.as('claimed_until'),
          sql<null>`null`.as('last_error'),
          sql<string>`${row.created_at}`.as('created_at'),
          sql<null>`null`.as('sent_at'),
        ]),
      )
      .execute();
    return limit;
  });
  if (!byAccount.allowed) return { ok: false, code: 'rate_limited', retryAfterSeconds: byAccount.retryAfterSeconds };
  // Not awaited, for any address: delivery must not make a known address answer later.
  void deliverMailSoon(db);
  return success({ email });
}

const NAME_SLOT = '\u0000name\u0000';

/**
 * The account a reset link may be sent to, as a query (no row for an unknown
 * address, a deleted account, or one with neither a password nor a confirmed
 * address, which has nothing to reset).
 */
function resettableAccount(trx: Kysely<Database>, email: string) {
  return trx
    .selectFrom('users')
    .where('users.email', '=', email)
    .where('users.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('users.password_hash', 'is not', null), eb('users.email_verified_at', 'is not', null)]));
}

function resetMail(email: string, name: string, token: string) {
  const link = new URL('/reset-password', config().PUBLIC_ORIGIN);
  link.searchParams.set('token', token);
  return {
    to: email,
    subject: 'Choose a new password for WhatsOn',
    text:
      `Dear ${name},\n\nSomeone, probably you, asked to choose a new password for your WhatsOn account. ` +
      `Open this link within an hour to do so; it works once:\n\n${link.href}\n\n` +
      'Choosing a new password signs you out on every device. If you did not ask for this, you can ignore this message: your password stays as it is.\n\n' +
      'The WhatsOn team at the UNODC Civil Society Unit',
  };
}

/** Whether a reset or set-password link can still be used (the page shows the form, or says why not). */
export async function isPasswordLinkOpen(db: Kysely<Database>, token: unknown, now = portalNow()): Promise<boolean> {
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) return false;
  const row = await db
    .selectFrom('one_time_tokens')
    .select('id')
    .where('id', '=', hashToken(token))
    .where('purpose', 'in', PASSWORD_TOKEN_PURPOSES)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Sets the password through a reset or set-password link. In one transaction:
 * the link is used up, the address counts as confirmed (the link reached it),
 * other password links die, every session of the person ends, and a new one
 * starts for whoever used the link. Signing in this way checks no password,
 * so no limit on guessing can stand in the way: the link the admin CLI prints
 * is the secretariat's way in whatever others try (issue 14, point 5).
 */
export async function resetPassword(db: Kysely<Database>, input: unknown, now = portalNow()): Promise<Result<{ userId: string; session: { token: string; expiresAt: Date } }>> {
  const raw = (input ?? {}) as Record<string, unknown>;
  // A dead link is said first: choosing a password for it would be wasted effort.
  if (!(await isPasswordLinkOpen(db, raw.token, now))) return failure('not_found', LINK_CLOSED);
  const parsed = passwordResetSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const { token, password } = parsed.data;
  // Hashing takes a while: never inside the transaction (it would hold SQLite's only connection).
  const passwordHash = await hashPassword(password);
  const stamp = now.toISOString();

  const outcome = await db.transaction().execute(async (trx) => {
    // One conditional update, so two concurrent uses of a link cannot both succeed.
    const used = await trx
      .updateTable('one_time_tokens')
      .set({ used_at: stamp })
      .where('id', '=', hashToken(token))
      .where('purpose', 'in', PASSWORD_TOKEN_PURPOSES)
      .where('used_at', 'is', null)
      .where('expires_at', '>', stamp)
      .returning(['user_id'])
      .executeTakeFirst();
    if (!used) return null;
    const userId = used.user_id;
    const user = await trx.selectFrom('users').select(['email', 'email_verified_at']).where('id', '=', userId).executeTakeFirstOrThrow();
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, email_verified_at: user.email_verified_at ?? stamp, updated_at: stamp })
      .where('id', '=', userId)
      .execute();
    await trx
      .deleteFrom('one_time_tokens')
      .where('user_id', '=', userId)
      .where('purpose', 'in', PASSWORD_TOKEN_PURPOSES)
      .where('used_at', 'is', null)
      .execute();
    // Security note: a password reset ends every session of that user.
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    return { userId, email: user.email, session: await createSession(trx, userId, now) };
  });
  if (!outcome) return failure('not_found', LINK_CLOSED);
  // The owner proved the address: attempts counted on the account, from anywhere, are forgotten.
  await forgetPasswordAttempts(db, outcome.email);
  return success({ userId: outcome.userId, session: outcome.session });
}
