// Limits on guessing passwords that slow the guesser, never the owner
// (security note: "no failure count from elsewhere locks an account"; issue 14,
// point 5). Every form that checks a password (sign-in, password change,
// account deletion) goes through checkPassword, so they share one count:
//
// - per (account, client address): 5 attempts free, then the next one waits
//   30 s after the last, doubling with each further attempt, at most 15
//   minutes. Only that address waits: the owner elsewhere is not touched.
// - per client address, whatever the account: 20 free, then the same waits
//   (one address trying many accounts).
// - per account, from anywhere: never refused. Past 10 open attempts each
//   check pauses 2 s first, which slows a guesser spread over many addresses
//   without keeping anyone out.
//
// An attempt counts before the password is checked (one conditional upsert,
// so parallel requests cannot all slip through a free slot) and until it
// succeeds: a right password forgets the pair and takes one off the address
// and account counts. A refused attempt is not counted, so waiting as told
// works. Counts are forgotten a day after their last attempt. IPv6 addresses
// count per /64, the block one subscriber usually holds.
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { spendPasswordCheckTime, verifyPassword } from './passwords';

export interface GrowingWait {
  /** Attempts allowed without waiting. */
  free: number;
  firstWaitMs: number;
  maxWaitMs: number;
}

export const PASSWORD_LIMITS = {
  pair: { free: 5, firstWaitMs: 30_000, maxWaitMs: 15 * 60_000 },
  address: { free: 20, firstWaitMs: 30_000, maxWaitMs: 15 * 60_000 },
  account: { slowAfter: 10, pauseMs: 2_000 },
  forgetAfterMs: 24 * 60 * 60_000,
} as const satisfies { pair: GrowingWait; address: GrowingWait; account: { slowAfter: number; pauseMs: number }; forgetAfterMs: number };

/** How long after the last of `attempts` open attempts the next one must wait. */
export function waitAfter(attempts: number, rule: GrowingWait): number {
  if (attempts < rule.free) return 0;
  return Math.min(rule.maxWaitMs, rule.firstWaitMs * 2 ** (attempts - rule.free));
}

/** The block an address is counted in: itself for IPv4, its /64 for IPv6. */
export function addressBucket(address: string): string {
  const plain = address.split('%')[0]!.toLowerCase();
  if (isIP(plain) !== 6) return address;
  // An IPv4 client seen through an IPv6 socket is that IPv4 address.
  if (/^::ffff:[\d.]+$/.test(plain) && isIP(plain.slice(7)) === 4) return plain.slice(7);
  const [head = '', tail] = plain.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':') : []).flatMap((group) => (group.includes('.') ? ['0', '0'] : [group]));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const full = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${full
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function normaliseAccount(email: string): string {
  return email.trim().toLowerCase();
}

function keysFor(account: string, clientAddress: string) {
  const bucket = addressBucket(clientAddress);
  return {
    account: digest(`account\n${account}`),
    pair: digest(`pair\n${account}\n${bucket}`),
    address: digest(`address\n${bucket}`),
    accountColumn: digest(account),
  };
}

/**
 * Counts one attempt under `key` unless the last one was too recent for
 * `rule` (no rule: always counted). Returns the count, or null when refused.
 */
async function countAttempt(db: Kysely<Database>, key: string, account: string | null, rule: GrowingWait | null, now: Date): Promise<number | null> {
  const stamp = now.toISOString();
  const forgetBefore = new Date(now.getTime() - PASSWORD_LIMITS.forgetAfterMs).toISOString();
  const row = await db
    .insertInto('password_attempts')
    .values({ key, account, attempts: 1, last_attempt_at: stamp })
    .onConflict((conflict) => {
      const update = conflict.column('key').doUpdateSet({
        attempts: sql<number>`case when password_attempts.last_attempt_at < ${forgetBefore} then 1 else password_attempts.attempts + 1 end`,
        last_attempt_at: stamp,
      });
      return rule ? update.where(sql<boolean>`password_attempts.last_attempt_at <= ${latestAllowedLast(rule, now)}`) : update;
    })
    .returning('attempts')
    .executeTakeFirst();
  return row ? Number(row.attempts) : null;
}

/**
 * The latest time the previous attempt may have been made for one more to be
 * allowed now, as a CASE on the stored count: written out per count up to the
 * cap, so both databases compare plain ISO strings.
 */
function latestAllowedLast(rule: GrowingWait, now: Date) {
  const at = (waitMs: number) => new Date(now.getTime() - waitMs).toISOString();
  const steps = [];
  for (let attempts = rule.free; waitAfter(attempts, rule) < rule.maxWaitMs; attempts += 1) {
    steps.push(sql`when password_attempts.attempts = ${attempts} then ${at(waitAfter(attempts, rule))}`);
  }
  return sql<string>`case when password_attempts.attempts < ${rule.free} then ${at(0)} ${sql.join(steps, sql` `)} else ${at(rule.maxWaitMs)} end`;
}

async function secondsToWait(db: Kysely<Database>, key: string, rule: GrowingWait, now: Date): Promise<number> {
  const row = await db.selectFrom('password_attempts').select(['attempts', 'last_attempt_at']).where('key', '=', key).executeTakeFirst();
  if (!row) return 1;
  const allowedAt = Date.parse(row.last_attempt_at) + waitAfter(Number(row.attempts), rule);
  return Math.max(1, Math.ceil((allowedAt - now.getTime()) / 1000));
}

async function takeBack(db: Kysely<Database>, keys: string[]): Promise<void> {
  await db
    .updateTable('password_attempts')
    .set((eb) => ({ attempts: eb('attempts', '-', 1) }))
    .where('key', 'in', keys)
    .where('attempts', '>', 0)
    .execute();
}

export interface PasswordAttempt {
  /** The email the password is checked for, known to the portal or not. */
  account: string;
  clientAddress: string;
  /** The stored hash; null for an unknown account (the check takes as long and fails). */
  passwordHash: string | null;
  password: string;
  now: Date;
}

export type PasswordCheck = { ok: true } | { ok: false; code: 'wrong' } | { ok: false; code: 'rate_limited'; retryAfterSeconds: number };

/**
 * Checks a password under the shared limits. The same for known and unknown
 * accounts, so neither the answer nor the limits tell them apart.
 */
export async function checkPassword(db: Kysely<Database>, attempt: PasswordAttempt, pause: (ms: number) => Promise<unknown> = sleep): Promise<PasswordCheck> {
  const { now } = attempt;
  const account = normaliseAccount(attempt.account);
  const keys = keysFor(account, attempt.clientAddress);

  if ((await countAttempt(db, keys.pair, keys.accountColumn, PASSWORD_LIMITS.pair, now)) === null) {
    return { ok: false, code: 'rate_limited', retryAfterSeconds: await secondsToWait(db, keys.pair, PASSWORD_LIMITS.pair, now) };
  }
  if ((await countAttempt(db, keys.address, null, PASSWORD_LIMITS.address, now)) === null) {
    await takeBack(db, [keys.pair]);
    return { ok: false, code: 'rate_limited', retryAfterSeconds: await secondsToWait(db, keys.address, PASSWORD_LIMITS.address, now) };
  }
  const onAccount = await countAttempt(db, keys.account, keys.accountColumn, null, now);
  if (onAccount !== null && onAccount > PASSWORD_LIMITS.account.slowAfter) await pause(PASSWORD_LIMITS.account.pauseMs);

  let right = false;
  if (attempt.passwordHash) right = await verifyPassword(attempt.passwordHash, attempt.password);
  else await spendPasswordCheckTime(attempt.password);
  if (!right) return { ok: false, code: 'wrong' };

  await db.deleteFrom('password_attempts').where('key', '=', keys.pair).execute();
  await takeBack(db, [keys.address, keys.account]);
  return { ok: true };
}

/** After a password reset (the owner proved the address): every count on the account goes. */
export async function forgetPasswordAttempts(db: Kysely<Database>, email: string): Promise<void> {
  await db.deleteFrom('password_attempts').where('account', '=', digest(normaliseAccount(email))).execute();
}

/** What is counted against the account from anywhere (shown in the person's data download). */
export async function accountAttempts(db: Kysely<Database>, email: string): Promise<{ attempts: number; lastAttemptAt: string } | null> {
  const row = await db
    .selectFrom('password_attempts')
    .select(['attempts', 'last_attempt_at'])
    .where('key', '=', keysFor(normaliseAccount(email), '').account)
    .executeTakeFirst();
  return row && Number(row.attempts) > 0 ? { attempts: Number(row.attempts), lastAttemptAt: row.last_attempt_at } : null;
}

/** Counts whose last attempt is older than a day are gone anyway: delete them (they hold hashed addresses). */
export async function forgetStalePasswordAttempts(db: Kysely<Database>, now: Date): Promise<number> {
  const deleted = await db
    .deleteFrom('password_attempts')
    .where('last_attempt_at', '<', new Date(now.getTime() - PASSWORD_LIMITS.forgetAfterMs).toISOString())
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
