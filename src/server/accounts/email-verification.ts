// Email verification: a random link, stored hashed, single use, valid a day.
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import { config } from '../config';
import type { Database } from '../db/schema';
import type { MailMessage } from '../mail/mailer';
import { failure, success, type Result } from '../result';
import { generateToken, hashToken } from '../auth/tokens';
import { mailText } from '../mail/mail-text';
import { localeUrl } from '../../i18n/paths';
import type { Locale } from '../../i18n/index';
import { safeReturnPath } from './return-path';

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

/** `next`: where the person was going when sent to sign up (a checked return path), carried through the link. */
export function verificationMail(locale: Locale, to: string, name: string, token: string, next?: string): MailMessage {
  const link = new URL(localeUrl(locale, '/verify-email', config().PUBLIC_ORIGIN));
  link.searchParams.set('token', token);
  const returnPath = safeReturnPath(next);
  if (returnPath) link.searchParams.set('next', returnPath);
  return { to, ...mailText(locale, 'verify', { name, link: link.href }) };
}

/** Marks the address verified. The token works once; an old or used one is refused. */
export async function verifyEmail(db: Kysely<Database>, token: unknown, now = portalNow()): Promise<Result<{ userId: string }>> {
  if (typeof token !== 'string' || !/^[a-z2-7]{32}$/.test(token)) return failure('not_found', 'account.confirmationLinkInvalid');
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('one_time_tokens')
      .select(['user_id', 'expires_at', 'used_at'])
      .where('id', '=', hashToken(token))
      .where('purpose', '=', 'verify-email')
      .executeTakeFirst();
    if (!row || row.used_at || row.expires_at <= now.toISOString()) {
      return failure('not_found', 'account.confirmationLinkClosed');
    }
    await trx.updateTable('one_time_tokens').set({ used_at: now.toISOString() }).where('id', '=', hashToken(token)).execute();
    await trx.updateTable('users').set({ email_verified_at: now.toISOString(), updated_at: now.toISOString() }).where('id', '=', row.user_id).execute();
    return success({ userId: row.user_id });
  });
}
