// Issue 14, point 5, and the security note "Limits on guessing passwords slow
// the guesser, not the owner": each rule with a test named after it, on SQLite
// and (with TEST_DATABASE_URL) PostgreSQL. Every test passes its own `now`.
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { hashPassword } from '../../src/server/auth/passwords';
import { checkPassword, forgetStalePasswordAttempts, PASSWORD_LIMITS, type PasswordAttempt } from '../../src/server/auth/password-attempts';
import { createSession, validateSessionToken, type SessionUser } from '../../src/server/auth/sessions';
import { generateId } from '../../src/server/auth/tokens';
import { signIn, WRONG_CREDENTIALS } from '../../src/server/accounts/sign-in';
import { changePassword } from '../../src/server/accounts/password-change';
import { deleteAccount } from '../../src/server/accounts/personal-data';
import { DIALECTS, useMigratedDatabase } from '../support/databases';

const PASSWORD = 'correct horse battery staple';
const T0 = new Date('2027-02-01T09:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
let storedHash: Promise<string> | undefined;

describe.each(DIALECTS)('limits on guessing passwords on %s', (dialect) => {
  let handle: DatabaseHandle;
  useMigratedDatabase(dialect, (opened) => {
    handle = opened;
  });

  async function person(local: string): Promise<SessionUser & { passwordHash: string }> {
    const email = `${local}-${dialect}@example.org`;
    const id = generateId();
    const passwordHash = await (storedHash ??= hashPassword(PASSWORD));
    const stamp = T0.toISOString();
    await handle.db
      .insertInto('users')
      .values({ id, email, name: local, job_title: null, organisation_id: null, role: 'representative', password_hash: passwordHash, email_verified_at: stamp, created_at: stamp, updated_at: stamp })
      .execute();
    return { id, email, name: local, role: 'representative', organisationId: null, emailVerified: true, locale: 'en' as const, passwordHash };
  }

  const pauses: number[] = [];
  const recordPause = async (ms: number) => {
    pauses.push(ms);
  };
  function attempt(who: { email: string; passwordHash: string | null }, clientAddress: string, password: string, now: Date) {
    const attempt: PasswordAttempt = { account: who.email, clientAddress, passwordHash: who.passwordHash, password, now };
    return checkPassword(handle.db, attempt, recordPause);
  }

  it('failures from one address never lock the account out from another', async () => {
    const owner = await person('owner');
    // One address keeps guessing long past its allowance …
    for (let guess = 0; guess < 12; guess++) await signIn(handle.db, { email: owner.email, password: `guess number ${guess}` }, '203.0.113.7', at(guess));
    expect(await signIn(handle.db, { email: owner.email, password: PASSWORD }, '203.0.113.7', at(12))).toMatchObject({ ok: false, code: 'rate_limited' });
    // … and many others guess once each: the owner still signs in from home, at once.
    for (let other = 1; other <= 5; other++) await signIn(handle.db, { email: owner.email, password: 'a wrong password' }, `198.51.100.${other}`, at(13));
    expect(await signIn(handle.db, { email: owner.email, password: PASSWORD }, '192.0.2.10', at(14))).toMatchObject({ ok: true, value: { kind: 'signed-in' } });
  });

  it('after five failures from one address for one account, each further attempt waits twice as long, at most fifteen minutes', async () => {
    const owner = await person('waits');
    const address = '203.0.113.20';
    for (let guess = 0; guess < PASSWORD_LIMITS.pair.free; guess++) expect(await attempt(owner, address, `guess ${guess}`, T0)).toEqual({ ok: false, code: 'wrong' });
    let clock = 0;
    const seen: number[] = [];
    for (const expected of [30, 60, 120, 240, 480, 900, 900]) {
      const early = await attempt(owner, address, 'one more guess', at(clock));
      expect(early).toEqual({ ok: false, code: 'rate_limited', retryAfterSeconds: expected });
      // A refused attempt is not counted: asking again too early changes nothing.
      expect(await attempt(owner, address, 'impatient guess', at(clock + 1))).toEqual({ ok: false, code: 'rate_limited', retryAfterSeconds: expected - 1 });
      clock += expected;
      expect(await attempt(owner, address, `guess after ${expected}s`, at(clock))).toEqual({ ok: false, code: 'wrong' });
      seen.push(expected);
    }
    expect(seen.at(-1)).toBe(PASSWORD_LIMITS.pair.maxWaitMs / 1000);
  });

  it('one address trying many accounts waits too, and other addresses do not', async () => {
    const owner = await person('sprayed');
    const sprayer = '203.0.113.30';
    for (let account = 0; account < PASSWORD_LIMITS.address.free; account++) {
      expect(await attempt({ email: `victim${account}@example.org`, passwordHash: null }, sprayer, 'Summer2027!', T0)).toEqual({ ok: false, code: 'wrong' });
    }
    expect(await attempt(owner, sprayer, PASSWORD, at(1))).toEqual({ ok: false, code: 'rate_limited', retryAfterSeconds: 29 });
    expect(await attempt(owner, '203.0.113.31', PASSWORD, at(1))).toEqual({ ok: true });
  });

  it('the count on an account from everywhere only slows each check by a pause, and never refuses', async () => {
    const owner = await person('distributed');
    pauses.length = 0;
    for (let bot = 1; bot <= PASSWORD_LIMITS.account.slowAfter + 5; bot++) {
      expect(await attempt(owner, `100.64.0.${bot}`, `guess ${bot}`, at(bot))).toEqual({ ok: false, code: 'wrong' });
    }
    expect(pauses).toEqual(Array(5).fill(PASSWORD_LIMITS.account.pauseMs));
    expect(await attempt(owner, '192.0.2.44', PASSWORD, at(60))).toEqual({ ok: true });
    expect(pauses).toHaveLength(6);
  });

  it('password checks on every form share the limit: sign-in, password change and account deletion', async () => {
    const owner = await person('forms');
    const borrowed = await createSession(handle.db, owner.id, T0);
    const session = (await validateSessionToken(handle.db, borrowed.token, T0))!;
    const thief = '203.0.113.50';
    expect(await signIn(handle.db, { email: owner.email, password: 'guess one' }, thief, T0)).toMatchObject({ code: 'invalid', issues: { form: WRONG_CREDENTIALS } });
    expect(await signIn(handle.db, { email: owner.email, password: 'guess two' }, thief, T0)).toMatchObject({ code: 'invalid' });
    for (const guess of ['guess three', 'guess four']) {
      expect(await changePassword(handle.db, session.user, { currentPassword: guess, newPassword: 'a brand new passphrase' }, { sessionId: session.id, clientAddress: thief, now: T0 })).toMatchObject({ code: 'invalid' });
    }
    expect(await deleteAccount(handle.db, session.user, { password: 'guess five' }, () => undefined, T0, thief)).toMatchObject({ code: 'invalid' });
    // The sixth guess, on any of the three forms, waits.
    expect(await deleteAccount(handle.db, session.user, { password: PASSWORD }, () => undefined, at(1), thief)).toEqual({ ok: false, code: 'rate_limited', retryAfterSeconds: 29 });
    expect(await changePassword(handle.db, session.user, { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' }, { sessionId: session.id, clientAddress: thief, now: at(1) })).toMatchObject({ code: 'rate_limited' });
    expect(await signIn(handle.db, { email: owner.email, password: PASSWORD }, thief, at(1))).toMatchObject({ code: 'rate_limited' });
    // Account deletion, once unlimited, is under the same limit; the owner elsewhere is not.
    expect(await signIn(handle.db, { email: owner.email, password: PASSWORD }, '192.0.2.60', at(1))).toMatchObject({ ok: true });
    const users = await handle.db.selectFrom('users').select('deleted_at').where('id', '=', owner.id).executeTakeFirstOrThrow();
    expect(users.deleted_at ?? null).toBeNull();
  });

  it('parallel guesses cannot slip through a free slot together', async () => {
    const owner = await person('parallel');
    const address = '203.0.113.70';
    for (let guess = 0; guess < PASSWORD_LIMITS.pair.free - 1; guess++) await attempt(owner, address, `guess ${guess}`, T0);
    const burst = await Promise.all(Array.from({ length: 8 }, (_, index) => attempt(owner, address, `burst ${index}`, at(1))));
    expect(burst.filter((result) => result.ok === false && result.code === 'wrong')).toHaveLength(1);
    expect(burst.filter((result) => result.ok === false && result.code === 'rate_limited')).toHaveLength(7);
  });

  it('a right password forgets the failures of its address, and counts are forgotten a day after the last attempt', async () => {
    const owner = await person('forgiven');
    const address = '203.0.113.80';
    for (let guess = 0; guess < PASSWORD_LIMITS.pair.free - 1; guess++) await attempt(owner, address, `typo ${guess}`, T0);
    expect(await attempt(owner, address, PASSWORD, T0)).toEqual({ ok: true });
    for (let guess = 0; guess < PASSWORD_LIMITS.pair.free; guess++) expect(await attempt(owner, address, `new typo ${guess}`, T0)).toEqual({ ok: false, code: 'wrong' });
    expect(await attempt(owner, address, PASSWORD, at(1))).toMatchObject({ code: 'rate_limited' });

    const nextDay = new Date(T0.getTime() + PASSWORD_LIMITS.forgetAfterMs + 1000);
    expect(await forgetStalePasswordAttempts(handle.db, nextDay)).toBeGreaterThan(0);
    expect(await handle.db.selectFrom('password_attempts').select('key').execute()).toEqual([]);
    expect(await attempt(owner, address, PASSWORD, nextDay)).toEqual({ ok: true });
  });

  it('no user enumeration: an unknown address is limited exactly like a known one', async () => {
    const known = await person('known');
    const address = '203.0.113.90';
    const answers = async (who: { email: string; passwordHash: string | null }) => {
      const seen = [];
      for (let guess = 0; guess <= PASSWORD_LIMITS.pair.free; guess++) seen.push(await attempt(who, address, `guess ${guess}`, T0));
      return seen;
    };
    expect(await answers({ email: `nobody-${dialect}@example.org`, passwordHash: null })).toEqual(await answers(known));
    expect(await signIn(handle.db, { email: `nobody-${dialect}@example.org`, password: PASSWORD }, address, at(1))).toEqual(
      await signIn(handle.db, { email: known.email, password: PASSWORD }, address, at(1)),
    );
  });

  it('the counts hold no email or client address in clear', async () => {
    const owner = await person('hashed');
    await attempt(owner, '203.0.113.99', 'a guess', T0);
    const rows = JSON.stringify(await handle.db.selectFrom('password_attempts').selectAll().execute());
    expect(rows).not.toContain(owner.email);
    expect(rows).not.toContain('203.0.113.99');
  });
});
