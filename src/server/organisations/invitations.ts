// The focal point invites colleagues by email; they join as representatives
// through a one-time link. The answer does not say whether the address
// already has an account.
import type { Kysely } from 'kysely';
import { z } from '../validation';
import { config } from '../config';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { hashPassword, passwordSchema } from '../auth/passwords';
import { hitRateLimit, RATE_LIMITS } from '../auth/rate-limits';
import { createSession } from '../auth/sessions';
import { generateId, generateToken, hashToken } from '../auth/tokens';
import { emailSchema } from '../accounts/person-schema';
import { deliverMailSoon, enqueueMail } from '../mail/outgoing-mail';
import { failure, invalid, issuesFromZod, success, type Result } from '../result';
import { requireFocalPoint } from './profile';

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export const invitationSchema = z.object({ email: emailSchema });

export async function inviteColleague(db: Kysely<Database>, actor: SessionUser | null, input: unknown, now = new Date()): Promise<Result<{ email: string }>> {
  const focal = requireFocalPoint(actor);
  if ('ok' in focal) return focal;
  const parsed = invitationSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const { email } = parsed.data;
  const limited = await hitRateLimit(db, RATE_LIMITS.invitePerUser, focal.actor.id, now);
  if (!limited.allowed) return { ok: false, code: 'rate_limited', retryAfterSeconds: limited.retryAfterSeconds };

  const stamp = now.toISOString();
  const token = generateToken();
  await db.transaction().execute(async (trx) => {
    const organisation = await trx.selectFrom('organisations').select('name').where('id', '=', focal.organisationId).executeTakeFirstOrThrow();
    const existing = await trx.selectFrom('users').select(['id', 'organisation_id', 'password_hash']).where('email', '=', email).executeTakeFirst();
    // An address that already has an account (or a pending invitation elsewhere) is not taken over.
    if (existing && (existing.password_hash || existing.organisation_id !== focal.organisationId)) {
      await enqueueMail(trx, invitationMail('existing', email, focal.actor.name, organisation.name, token));
      return;
    }
    const userId = existing?.id ?? generateId();
    if (!existing) {
      await trx
        .insertInto('users')
        .values({ id: userId, email, name: email, job_title: null, organisation_id: focal.organisationId, role: 'representative', password_hash: null, email_verified_at: null, created_at: stamp, updated_at: stamp })
        .execute();
    }
    await trx.deleteFrom('one_time_tokens').where('user_id', '=', userId).where('purpose', '=', 'invitation').execute();
    await trx
      .insertInto('one_time_tokens')
      .values({ id: hashToken(token), user_id: userId, purpose: 'invitation', expires_at: new Date(now.getTime() + INVITATION_LIFETIME_MS).toISOString(), used_at: null, created_at: stamp })
      .execute();
    await enqueueMail(trx, invitationMail('invited', email, focal.actor.name, organisation.name, token));
  });
  await deliverMailSoon(db);
  return success({ email });
}

function invitationMail(kind: 'invited' | 'existing', email: string, inviter: string, organisation: string, token: string) {
  if (kind === 'existing') {
    return {
      to: email,
      subject: `${inviter} tried to invite you to ${organisation} on WhatsOn`,
      text: `${inviter} tried to invite this address to ${organisation} on WhatsOn, but it already has an account. A person belongs to one organisation; if you are moving, ask the secretariat.`,
    };
  }
  const link = new URL('/join', config().PUBLIC_ORIGIN);
  link.searchParams.set('token', token);
  return {
    to: email,
    subject: `${inviter} invites you to join ${organisation} on WhatsOn`,
    text: `${inviter} invites you to represent ${organisation} on WhatsOn, the civil-society portal for the UN Convention against Transnational Organized Crime.\n\nAccept within 7 days by choosing your password here:\n\n${link.href}\n\nIf you do not know ${inviter}, you can ignore this message.`,
  };
}

export const acceptInvitationSchema = z.object({
  token: z.string({ error: 'This invitation link is not valid.' }).regex(/^[a-z2-7]{32}$/, 'This invitation link is not valid.'),
  name: z.string({ error: 'Enter your name.' }).trim().min(1, 'Enter your name.').max(120, 'Use at most 120 characters.'),
  jobTitle: z.string().trim().max(120, 'Use at most 120 characters.').optional().transform((value) => value || null),
  password: passwordSchema,
});

/** Sets the newcomer's name and password, confirms the address (the link proved it) and signs them in. */
export async function acceptInvitation(db: Kysely<Database>, input: unknown, now = new Date()): Promise<Result<{ token: string; expiresAt: Date }>> {
  const parsed = acceptInvitationSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const { token, name, jobTitle, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  const userId = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('one_time_tokens')
      .select(['user_id', 'expires_at', 'used_at'])
      .where('id', '=', hashToken(token))
      .where('purpose', '=', 'invitation')
      .executeTakeFirst();
    if (!row || row.used_at || row.expires_at <= now.toISOString()) return null;
    await trx.updateTable('one_time_tokens').set({ used_at: now.toISOString() }).where('id', '=', hashToken(token)).execute();
    await trx
      .updateTable('users')
      .set({ name, job_title: jobTitle, password_hash: passwordHash, email_verified_at: now.toISOString(), updated_at: now.toISOString() })
      .where('id', '=', row.user_id)
      .execute();
    return row.user_id;
  });
  if (!userId) return failure('not_found', 'This invitation has expired or was already used. Ask your focal point for a new one.');
  return success(await createSession(db, userId, now));
}

export async function isInvitationOpen(db: Kysely<Database>, token: string, now = new Date()): Promise<boolean> {
  if (!/^[a-z2-7]{32}$/.test(token)) return false;
  const row = await db.selectFrom('one_time_tokens').select(['expires_at', 'used_at']).where('id', '=', hashToken(token)).where('purpose', '=', 'invitation').executeTakeFirst();
  return Boolean(row && !row.used_at && row.expires_at > now.toISOString());
}
