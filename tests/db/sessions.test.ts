// Security note, "Accounts and sessions": each rule has a test named after it.
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { hashToken } from '../../src/server/auth/tokens';
import {
  ABSOLUTE_SESSION_LIFETIME_MS,
  createSession,
  invalidateUserSessions,
  SESSION_LIFETIME_MS,
  sessionCookieOptions,
  validateSessionToken,
} from '../../src/server/auth/sessions';
import { hitRateLimit, RATE_LIMITS } from '../../src/server/auth/rate-limits';
import { hashPassword, passwordSchema, verifyPassword } from '../../src/server/auth/passwords';
import { signIn, WRONG_CREDENTIALS } from '../../src/server/accounts/sign-in';
import { signUp } from '../../src/server/accounts/sign-up';
import { verifyEmail } from '../../src/server/accounts/email-verification';
import { DIALECTS, useMigratedDatabase } from '../support/databases';
import { linkIn, readOutbox, useTemporaryOutbox, waitForMail } from '../support/outbox';
import { signUpFields } from '../support/forms';
import { TOPIC_SLUGS } from '../support/event-fixtures';

const outbox = useTemporaryOutbox();

const HOUR = 60 * 60 * 1000;

describe('passwords', () => {
  it('passwords: argon2id with the library defaults (19 MiB, 2 passes)', async () => {
    const hash = await hashPassword('a long enough passphrase');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'a long enough passphrase')).toBe(true);
    expect(await verifyPassword(hash, 'another passphrase')).toBe(false);
  });

  it('passwords: minimum length 10, maximum 256, the most common ones refused', () => {
    expect(passwordSchema.safeParse('short1234').success).toBe(false);
    expect(passwordSchema.safeParse('x'.repeat(257)).success).toBe(false);
    expect(passwordSchema.safeParse('Password123').error?.issues[0]?.message).toBe('account.passwordTooCommon');
    expect(passwordSchema.safeParse('1234567890').success).toBe(false);
    expect(passwordSchema.safeParse('aaaaaaaaaaaa').success).toBe(false);
    expect(passwordSchema.safeParse('correct horse battery staple').success).toBe(true);
  });
});

describe.each(DIALECTS)('sessions and sign-in on %s', (dialect) => {
  let handle: DatabaseHandle;

  /** How many emails `email` has had: both dialects' runs write to this one outbox, with the same addresses. */
  const mailCount = (email: string) => readOutbox(outbox).filter((message) => message.to === email).length;

  /** The latest email to `email`, once there are more than `before` (it is delivered just after the call that queued it). */
  async function newMailTo(email: string, before: number) {
    const mails = await waitForMail(outbox, (message) => message.to === email, before + 1);
    expect(mails.length, `a new email to ${email}`).toBeGreaterThan(before);
    return mails.at(-1)!;
  }

  async function verifiedUser(email: string) {
    const before = mailCount(email);
    const result = await signUp(handle.db, signUpFields(email), { clientAddress: `10.0.0.${Math.floor(Math.random() * 200)}`, knownTopics: TOPIC_SLUGS });
    expect(result.ok).toBe(true);
    const mail = await newMailTo(email, before);
    const token = new URL(linkIn(mail, '/verify-email?token=')).searchParams.get('token');
    expect((await verifyEmail(handle.db, token)).ok).toBe(true);
    return (await handle.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  }

  useMigratedDatabase(dialect, (opened) => {
    handle = opened;
  });

  it('sessions: an absolute lifetime besides the idle one, however active the session, and shorter for the secretariat', async () => {
    const userId = await verifiedUser(`absolute-${dialect}@example.org`);
    const start = new Date('2030-03-01T08:00:00Z');
    const { token } = await createSession(handle.db, userId, start);
    // Used every day: the idle limit never bites, the absolute one does.
    let day = start.getTime();
    const lastDay = start.getTime() + ABSOLUTE_SESSION_LIFETIME_MS.others - 24 * HOUR;
    while (day < lastDay) {
      day += 24 * HOUR;
      expect(await validateSessionToken(handle.db, token, new Date(day))).not.toBeNull();
    }
    expect(await validateSessionToken(handle.db, token, new Date(start.getTime() + ABSOLUTE_SESSION_LIFETIME_MS.others + 1000))).toBeNull();

    await handle.db.updateTable('users').set({ role: 'secretariat', organisation_id: null }).where('id', '=', userId).execute();
    const secretariat = await createSession(handle.db, userId, start);
    const hours = ABSOLUTE_SESSION_LIFETIME_MS.secretariat / HOUR;
    const valid = await validateSessionToken(handle.db, secretariat.token, new Date(start.getTime() + (hours - 1) * HOUR));
    expect(valid?.expiresAt.getTime()).toBeLessThanOrEqual(start.getTime() + ABSOLUTE_SESSION_LIFETIME_MS.secretariat);
    expect(await validateSessionToken(handle.db, secretariat.token, new Date(start.getTime() + hours * HOUR + 1000))).toBeNull();
  });

  it('session token: at least 120 bits of randomness; the database stores only its SHA-256 hash', async () => {
    const userId = await verifiedUser('token@example.org');
    const { token } = await createSession(handle.db, userId);
    expect(token).toMatch(/^[a-z2-7]{32}$/); // 32 base32 characters = 160 bits
    const rows = await handle.db.selectFrom('sessions').selectAll().execute();
    expect(rows.map((row) => row.id)).toEqual([hashToken(token)]);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect((await validateSessionToken(handle.db, token))?.user.email).toBe('token@example.org');
    expect(await validateSessionToken(handle.db, token.replace(/.$/, token.endsWith('a') ? 'b' : 'a'))).toBeNull();
  });

  it('session expiry: ends after 30 days of inactivity, renewed at most once an hour', async () => {
    const userId = await verifiedUser('expiry@example.org');
    const start = new Date('2027-01-01T00:00:00Z');
    const { token, expiresAt } = await createSession(handle.db, userId, start);
    expect(expiresAt.getTime() - start.getTime()).toBe(SESSION_LIFETIME_MS);

    const halfAnHourLater = await validateSessionToken(handle.db, token, new Date(start.getTime() + HOUR / 2));
    expect(halfAnHourLater?.renewed).toBe(false);
    const twoHoursLater = await validateSessionToken(handle.db, token, new Date(start.getTime() + 2 * HOUR));
    expect(twoHoursLater?.renewed).toBe(true);
    expect(twoHoursLater!.expiresAt.getTime()).toBe(start.getTime() + 2 * HOUR + SESSION_LIFETIME_MS);

    const afterInactivity = new Date(start.getTime() + 2 * HOUR + SESSION_LIFETIME_MS + 1);
    expect(await validateSessionToken(handle.db, token, afterInactivity)).toBeNull();
    expect(await handle.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('session cookie: HttpOnly, SameSite=Lax, Path=/, explicit expiry, Secure in production', () => {
    const expires = new Date('2027-01-31T00:00:00Z');
    const oneDayBefore = new Date('2027-01-30T00:00:00Z');
    expect(sessionCookieOptions(expires, 'https://whatson.example.org', oneDayBefore)).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: true, expires, maxAge: 86_400 });
    expect(sessionCookieOptions(expires, 'http://127.0.0.1:4321').secure).toBe(false);
  });

  it('sign out everywhere ends every session of the person', async () => {
    const userId = await verifiedUser('everywhere@example.org');
    const phone = await createSession(handle.db, userId);
    const laptop = await createSession(handle.db, userId);
    await invalidateUserSessions(handle.db, userId);
    expect(await validateSessionToken(handle.db, phone.token)).toBeNull();
    expect(await validateSessionToken(handle.db, laptop.token)).toBeNull();
  });

  it('email verification: sign-in is refused until the address is confirmed, and a new link is sent', async () => {
    const mailsTo = async (count: number) => (await waitForMail(outbox, (message) => message.to === `unconfirmed-${dialect}@example.org`, count)).length;
    await signUp(handle.db, signUpFields(`unconfirmed-${dialect}@example.org`), { clientAddress: '10.1.1.1', knownTopics: TOPIC_SLUGS });
    expect(await mailsTo(1)).toBe(1);
    const result = await signIn(handle.db, { email: `unconfirmed-${dialect}@example.org`, password: 'correct horse battery staple' }, '10.1.1.1');
    expect(result).toEqual({ ok: true, value: { kind: 'unverified', email: `unconfirmed-${dialect}@example.org` } });
    expect(await mailsTo(2)).toBe(2);
  });

  it('verification tokens: stored hashed, single use', async () => {
    const before = mailCount('single@example.org');
    await signUp(handle.db, signUpFields('single@example.org'), { clientAddress: '10.1.1.2', knownTopics: TOPIC_SLUGS });
    const mail = await newMailTo('single@example.org', before);
    const token = new URL(linkIn(mail, '/verify-email?token=')).searchParams.get('token')!;
    const stored = await handle.db.selectFrom('one_time_tokens').select('id').execute();
    expect(stored.map((row) => row.id)).toEqual([hashToken(token)]);
    expect((await verifyEmail(handle.db, token)).ok).toBe(true);
    expect(await verifyEmail(handle.db, token)).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('verification tokens: expire after a day', async () => {
    const now = new Date('2027-01-01T00:00:00Z');
    const before = mailCount('late@example.org');
    await signUp(handle.db, signUpFields('late@example.org'), { clientAddress: '10.1.1.3', knownTopics: TOPIC_SLUGS, now });
    const mail = await newMailTo('late@example.org', before);
    const token = new URL(linkIn(mail, '/verify-email?token=')).searchParams.get('token')!;
    expect(await verifyEmail(handle.db, token, new Date(now.getTime() + 25 * HOUR))).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('no user enumeration: sign-in gives the same answer for an unknown address and a wrong password', async () => {
    await verifiedUser('known@example.org');
    const unknown = await signIn(handle.db, { email: 'nobody@example.org', password: 'some password here' }, '10.2.2.2');
    const wrong = await signIn(handle.db, { email: 'known@example.org', password: 'some password here' }, '10.2.2.2');
    expect(unknown).toEqual({ ok: false, code: 'invalid', issues: { form: WRONG_CREDENTIALS } });
    expect(wrong).toEqual(unknown);
  });

  it('no user enumeration: sign-up gives the same answer for a new and an existing address', async () => {
    await verifiedUser('taken@example.org');
    const before = mailCount('taken@example.org');
    const again = await signUp(handle.db, signUpFields('taken@example.org'), { clientAddress: '10.3.3.3', knownTopics: TOPIC_SLUGS });
    const fresh = await signUp(handle.db, signUpFields('fresh@example.org'), { clientAddress: '10.3.3.3', knownTopics: TOPIC_SLUGS });
    expect(again).toEqual({ ok: true, value: { email: 'taken@example.org' } });
    expect(fresh).toEqual({ ok: true, value: { email: 'fresh@example.org' } });
    expect((await newMailTo('taken@example.org', before)).subject).toContain('tried to sign up');
    expect(await handle.db.selectFrom('organisations').select('id').execute()).toHaveLength(2);
  });

  // Password guessing has limits of its own: tests/db/password-attempts.test.ts.
  it('rate limits: stored in the database, so concurrent hits are all counted and the window reopens', async () => {
    const rule = { name: 'test', limit: 5, windowMs: 60_000 };
    const now = new Date('2027-01-01T00:00:00Z');
    const decisions = await Promise.all(Array.from({ length: 8 }, () => hitRateLimit(handle.db, rule, 'subject', now)));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
    expect(decisions.find((decision) => !decision.allowed)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(await hitRateLimit(handle.db, rule, 'subject', new Date(now.getTime() + 60_001))).toEqual({ allowed: true });
  });

  it('rate limits: sign-up per client address', async () => {
    const address = '10.6.6.6';
    for (let attempt = 0; attempt < RATE_LIMITS.signupPerAddress.limit; attempt++) {
      await signUp(handle.db, { email: 'x' }, { clientAddress: address, knownTopics: TOPIC_SLUGS });
    }
    expect(await signUp(handle.db, signUpFields('eleventh@example.org'), { clientAddress: address, knownTopics: TOPIC_SLUGS })).toMatchObject({ code: 'rate_limited' });
  });
});
