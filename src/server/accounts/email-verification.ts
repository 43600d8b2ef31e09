// Email verification: a random link, stored hashed, single use, valid a day.
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import { config } from '../config';
import type { Database } from '../db/schema';
import type { MailMessage } from '../mail/mailer';
import { failure, success, type Result } from '../result';
import { generateToken, hashToken } from '../auth/tokens';

export const VERIFICATION_LIFETIME_MS = 24 * 60 * 60 * 1000;

export async function issueVerificationToken(trx: Kysely<Database>, userId: string, now: Date): Promise<string> {
  const token = generateToken();
  await trx.deleteFrom('one_time_tokens').where('user_id', '=', userId).where('purpose', '=', 'verify-email').execute();
  await trx
    .insertInto('one_time_tokens')
    .values({
      id: hashToken(token),
      user_id: userId,
      purpose: 'verify-email',
      expires_at: new Date(now.getTime() + VERIFICATION_LIFETIME_MS).toISOString(),
      used_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  return token;
}

export function verificationMail(to: string, name: string, token: string): MailMessage {
  const link = new URL('/verify-email', config().PUBLIC_ORIGIN);
  link.searchParams.set('token', token);
  return {
    to,
    subject: 'Confirm your email address for WhatsOn',
    text: `Dear ${name},\n\nPlease confirm your email address by opening this link within 24 hours:\n\n${link.href}\n\nIf you did not sign up for WhatsOn, you can ignore this message.\n\nThe WhatsOn team at the UNODC Civil Society Unit`,
  };
}

/** Marks the address verified. The token works once; an old or used one is refused. */
export async function verifyEmail(db: Kysely<Database>, token: unknown, now = portalNow()): Promise<Result<{ userId: string }>> {
  if (typeof token !== 'string' || !/^[a-z2-7]{32}$/.test(token)) return failure('not_found', 'This confirmation link is not valid.');
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('one_time_tokens')
      .select(['user_id', 'expires_at', 'used_at'])
      .where('id', '=', hashToken(token))
      .where('purpose', '=', 'verify-email')
      .executeTakeFirst();
    if (!row || row.used_at || row.expires_at <= now.toISOString()) {
      return failure('not_found', 'This confirmation link has expired or was already used. Sign in to get a new one.');
    }
    await trx.updateTable('one_time_tokens').set({ used_at: now.toISOString() }).where('id', '=', hashToken(token)).execute();
    await trx.updateTable('users').set({ email_verified_at: now.toISOString(), updated_at: now.toISOString() }).where('id', '=', row.user_id).execute();
    return success({ userId: row.user_id });
  });
}
