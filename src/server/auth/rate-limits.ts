// Fixed-window rate limits kept in the database, so several instances share
// them (security note, "Accounts and sessions"). Password guessing has limits
// of its own that never lock an account: auth/password-attempts.ts.
import { portalNow } from '../clock';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface RateLimitRule {
  /** e.g. "signup-address" */
  name: string;
  limit: number;
  windowMs: number;
}

export const RATE_LIMITS = {
  signupPerAddress: { name: 'signup-address', limit: 10, windowMs: 60 * 60 * 1000 },
  resetPerAccount: { name: 'reset-account', limit: 3, windowMs: 60 * 60 * 1000 },
  resetPerAddress: { name: 'reset-address', limit: 20, windowMs: 60 * 60 * 1000 },
  verificationPerAccount: { name: 'verification-account', limit: 3, windowMs: 60 * 60 * 1000 },
  invitePerUser: { name: 'invite-user', limit: 30, windowMs: 60 * 60 * 1000 },
} satisfies Record<string, RateLimitRule>;

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one hit against `rule` for `subject` and says whether it is allowed.
 * One upsert, so concurrent hits from several instances are all counted.
 */
export async function hitRateLimit(db: Kysely<Database>, rule: RateLimitRule, subject: string, now = portalNow()): Promise<RateLimitDecision> {
  const key = `${rule.name}:${subject.toLowerCase()}`;
  const stamp = now.toISOString();
  const windowOpenedAfter = new Date(now.getTime() - rule.windowMs).toISOString();
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_started_at: stamp, hits: 1 })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limits.window_started_at <= ${windowOpenedAfter} then 1 else rate_limits.hits + 1 end`,
        window_started_at: sql<string>`case when rate_limits.window_started_at <= ${windowOpenedAfter} then ${stamp} else rate_limits.window_started_at end`,
      }),
    )
    .returning(['hits', 'window_started_at'])
    .executeTakeFirstOrThrow();
  if (row.hits <= rule.limit) return { allowed: true };
  const reopensAt = Date.parse(row.window_started_at) + rule.windowMs;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((reopensAt - now.getTime()) / 1000)) };
}
