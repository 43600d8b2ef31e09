// Secretariat accounts exist only through the admin CLI: no web form can make
// anyone secretariat. The new account gets a one-time link to set a password.
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import { z } from '../validation';
import { recordDecision } from '../audit/audit-log';
import type { Database } from '../db/schema';
import { invalid, issuesFromZod, success, type Result } from '../result';
import { generateId, generateToken, hashToken } from './tokens';

export const SET_PASSWORD_TOKEN_LIFETIME_MS = 60 * 60 * 1000;

export const secretariatAccountSchema = z.object({
  email: z.string({ error: 'must be an email address such as name@un.org' }).trim().toLowerCase().max(254, 'must be at most 254 characters').pipe(z.email('must be an email address such as name@un.org')),
  name: z.string({ error: 'must not be empty' }).trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
});

export interface SetPasswordLink {
  userId: string;
  /** Shown once; only its hash is stored. */
  token: string;
  expiresAt: Date;
  created: boolean;
}

export async function createSecretariatAccount(db: Kysely<Database>, input: unknown, now = portalNow()): Promise<Result<SetPasswordLink>> {
  const parsed = secretariatAccountSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const { email, name } = parsed.data;
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + SET_PASSWORD_TOKEN_LIFETIME_MS);

  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('users').select(['id', 'role']).where('email', '=', email).executeTakeFirst();
    if (existing && existing.role !== 'secretariat') {
      return { ok: false, code: 'conflict', message: `${email} already belongs to a ${existing.role} account; use another address for the secretariat.` } as const;
    }
    const userId = existing?.id ?? generateId();
    const stamp = now.toISOString();
    if (!existing) {
      await trx
        .insertInto('users')
        .values({ id: userId, email, name, job_title: null, organisation_id: null, role: 'secretariat', password_hash: null, email_verified_at: stamp, created_at: stamp, updated_at: stamp })
        .execute();
      await recordDecision(trx, { actorUserId: null, action: 'secretariat-account.created', subjectType: 'user', subjectId: userId, details: { email, via: 'cli' } }, now);
    }
    // A new link replaces any earlier unused one.
    await trx.deleteFrom('one_time_tokens').where('user_id', '=', userId).where('purpose', '=', 'set-password').execute();
    await trx
      .insertInto('one_time_tokens')
      .values({ id: hashToken(token), user_id: userId, purpose: 'set-password', expires_at: expiresAt.toISOString(), used_at: null, created_at: stamp })
      .execute();
    return success({ userId, token, expiresAt, created: !existing });
  });
}
