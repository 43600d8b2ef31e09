// Security note, "Accounts and sessions": password reset and change, each rule
// with a test named after it, on SQLite and (with TEST_DATABASE_URL) PostgreSQL.
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { hashPassword, verifyPassword } from '../../src/server/auth/passwords';
import type { KyselyPlugin } from 'kysely';
import { RATE_LIMITS } from '../../src/server/auth/rate-limits';
import { PASSWORD_LIMITS } from '../../src/server/auth/password-attempts';
import { createSession, validateSessionToken } from '../../src/server/auth/sessions';
import { generateId, hashToken } from '../../src/server/auth/tokens';
import { createSecretariatAccount } from '../../src/server/auth/secretariat-accounts';
import { isPasswordLinkOpen, LINK_CLOSED, requestPasswordReset, resetPassword } from '../../src/server/accounts/password-reset';
import { changePassword, WRONG_CURRENT_PASSWORD } from '../../src/server/accounts/password-change';
import { signIn } from '../../src/server/accounts/sign-in';
import type { SessionUser } from '../../src/server/auth/sessions';
import { DIALECTS, useMigratedDatabase } from '../support/databases';
import { linkIn, readOutbox, useTemporaryOutbox, waitForMail } from '../support/outbox';
import { deliverMailSoon } from '../../src/server/mail/outgoing-mail';
import { saying } from '../support/messages-in-english';

// The mailer reads OUTBOX_DIR on first use, which comes after this.
const outbox = useTemporaryOutbox();

const HOUR = 60 * 60 * 1000;
const OLD_PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new long passphrase';

describe.each(DIALECTS)('password reset and change on %s', (dialect) => {
  let handle: DatabaseHandle;
  let addressCounter = 0;
  // Each call comes from its own client address unless a test says otherwise.
  const nextAddress = () => `10.20.${Math.floor(addressCounter / 250)}.${(addressCounter++ % 250) + 1}`;

  /** A confirmed person with a password; the email is unique per dialect so outbox mail is not mixed up. */
  async function person(local: string, options: { verified?: boolean } = {}): Promise<SessionUser> {
    const email = `${local}-${dialect}@example.org`;
    const id = generateId();
    const stamp = new Date().toISOString();
    await handle.db
      .insertInto('users')
      .values({
        id,
        email,
        name: `Person ${local}`,
        job_title: null,
        organisation_id: null,
        role: 'representative',
        password_hash: await hashPassword(OLD_PASSWORD),
        email_verified_at: options.verified === false ? null : stamp,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
    return { id, email, name: `Person ${local}`, role: 'representative', organisationId: null, emailVerified: options.verified !== false, locale: 'en' };
  }

  /** The reset email is queued with the request and delivered just after it: wait for that delivery, until `count` emails to `email` are there. */
  async function mailsTo(email: string, count = 0) {
    await deliverMailSoon(handle.db);
    return waitForMail(outbox, (message) => message.to === email, count);
  }

  async function requestLink(email: string, now = new Date()): Promise<string> {
    const before = (await mailsTo(email)).length;
    expect(await requestPasswordReset(handle.db, { email }, { clientAddress: nextAddress(), now })).toEqual({ ok: true, value: { email } });
    const mails = await mailsTo(email, before + 1);
    expect(mails).toHaveLength(before + 1);
    return new URL(linkIn(mails.at(-1)!, '/reset-password?token=')).searchParams.get('token')!;
  }

  async function passwordHashOf(userId: string) {
    return (await handle.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow()).password_hash;
  }

  useMigratedDatabase(dialect, (opened) => {
    handle = opened;
  });

  it('reset tokens: random, stored only as their SHA-256 hash, expiring within an hour', async () => {
    const user = await person('hashed');
    const now = new Date();
    const token = await requestLink(user.email, now);
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    const stored = await handle.db.selectFrom('one_time_tokens').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: hashToken(token), user_id: user.id, purpose: 'reset-password', used_at: null });
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(Date.parse(stored[0]!.expires_at) - now.getTime()).toBeLessThanOrEqual(HOUR);
  });

  it('reset tokens: single use', async () => {
    const user = await person('single');
    const token = await requestLink(user.email);
    expect(await resetPassword(handle.db, { token, password: NEW_PASSWORD })).toMatchObject({ ok: true, value: { userId: user.id } });
    expect(await verifyPassword(await passwordHashOf(user.id), NEW_PASSWORD)).toBe(true);

    const again = await resetPassword(handle.db, { token, password: 'yet another long passphrase' });
    expect(again).toEqual({ ok: false, code: 'not_found', message: LINK_CLOSED });
    expect(await verifyPassword(await passwordHashOf(user.id), NEW_PASSWORD)).toBe(true);
    expect(await isPasswordLinkOpen(handle.db, token)).toBe(false);
  });

  it('reset tokens: a concurrent second use of the same link fails', async () => {
    const user = await person('concurrent');
    const token = await requestLink(user.email);
    const results = await Promise.all([
      resetPassword(handle.db, { token, password: 'first long passphrase here' }),
      resetPassword(handle.db, { token, password: 'second long passphrase here' }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, code: 'not_found', message: LINK_CLOSED }]);
  });

  it('reset tokens: expire after an hour', async () => {
    const user = await person('expiry');
    const requested = new Date();
    const token = await requestLink(user.email, requested);
    expect(await isPasswordLinkOpen(handle.db, token, new Date(requested.getTime() + 59 * 60 * 1000))).toBe(true);
    const late = await resetPassword(handle.db, { token, password: NEW_PASSWORD }, new Date(requested.getTime() + HOUR + 1000));
    expect(late).toEqual({ ok: false, code: 'not_found', message: LINK_CLOSED });
    expect(await verifyPassword(await passwordHashOf(user.id), OLD_PASSWORD)).toBe(true);
  });

  it('reset tokens: a new request replaces the earlier unused link', async () => {
    const user = await person('replaced');
    const first = await requestLink(user.email);
    const second = await requestLink(user.email);
    expect(await isPasswordLinkOpen(handle.db, first)).toBe(false);
    expect(await isPasswordLinkOpen(handle.db, second)).toBe(true);
    expect(await handle.db.selectFrom('one_time_tokens').select('id').execute()).toEqual([{ id: hashToken(second) }]);
  });

  it('an unknown, malformed or missing token is refused with a message, never an error', async () => {
    for (const token of ['a'.repeat(32), 'not a token', '', undefined, 42]) {
      expect(await resetPassword(handle.db, { token, password: NEW_PASSWORD })).toEqual({ ok: false, code: 'not_found', message: LINK_CLOSED });
    }
    expect(await resetPassword(handle.db, undefined)).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('password reset ends every session of that user, and no one else’s', async () => {
    const user = await person('sessions');
    const other = await person('bystander');
    const phone = await createSession(handle.db, user.id);
    const laptop = await createSession(handle.db, user.id);
    const bystander = await createSession(handle.db, other.id);
    const token = await requestLink(user.email);

    expect((await resetPassword(handle.db, { token, password: NEW_PASSWORD })).ok).toBe(true);
    expect(await validateSessionToken(handle.db, phone.token)).toBeNull();
    expect(await validateSessionToken(handle.db, laptop.token)).toBeNull();
    expect(await validateSessionToken(handle.db, bystander.token)).not.toBeNull();
    expect(await signIn(handle.db, { email: user.email, password: OLD_PASSWORD }, nextAddress())).toMatchObject({ ok: false, code: 'invalid' });
    expect(await signIn(handle.db, { email: user.email, password: NEW_PASSWORD }, nextAddress())).toMatchObject({ ok: true, value: { kind: 'signed-in' } });
  });

  it('a reset link confirms an unconfirmed address, since it reached the inbox', async () => {
    const user = await person('unconfirmed', { verified: false });
    const token = await requestLink(user.email);
    expect((await resetPassword(handle.db, { token, password: NEW_PASSWORD })).ok).toBe(true);
    const row = await handle.db.selectFrom('users').select('email_verified_at').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.email_verified_at).not.toBeNull();
  });

  it('the set-password link printed by the admin CLI sets the first password of a secretariat account', async () => {
    const created = await createSecretariatAccount(handle.db, { email: `sec-${dialect}@un.org`, name: 'Ana Ruiz' });
    if (!created.ok) throw new Error('the secretariat account was not created');
    const { token, userId } = created.value;
    expect(await isPasswordLinkOpen(handle.db, token)).toBe(true);
    expect(await resetPassword(handle.db, { token, password: NEW_PASSWORD })).toMatchObject({ ok: true, value: { userId } });
    expect(await signIn(handle.db, { email: `sec-${dialect}@un.org`, password: NEW_PASSWORD }, nextAddress())).toMatchObject({ ok: true, value: { kind: 'signed-in' } });
    expect(await resetPassword(handle.db, { token, password: 'another long passphrase' })).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('passwords: a short, common or missing new password is refused with a message, and the link stays usable', async () => {
    const user = await person('weak');
    const token = await requestLink(user.email);
    expect(await resetPassword(handle.db, { token, password: 'short' })).toEqual({ ok: false, code: 'invalid', issues: { password: 'Use at least 10 characters.' } });
    const common = await resetPassword(handle.db, { token, password: 'Password123' });
    expect(common).toMatchObject({ ok: false, code: 'invalid' });
    expect(common).toMatchObject({ issues: { password: saying('too common') } });
    expect(await resetPassword(handle.db, { token })).toEqual({ ok: false, code: 'invalid', issues: { password: 'Enter a password.' } });
    expect(await resetPassword(handle.db, { token, password: 'x'.repeat(257) })).toMatchObject({ code: 'invalid', issues: { password: 'Use at most 256 characters.' } });

    const session = await createSession(handle.db, user.id);
    const actor = (await validateSessionToken(handle.db, session.token))!;
    const change = await changePassword(handle.db, actor.user, { currentPassword: OLD_PASSWORD, newPassword: '1234567890' }, { sessionId: actor.id, clientAddress: nextAddress() });
    expect(change).toMatchObject({ ok: false, code: 'invalid', issues: { newPassword: saying('too common') } });
    expect(await verifyPassword(await passwordHashOf(user.id), OLD_PASSWORD)).toBe(true);
    expect(await isPasswordLinkOpen(handle.db, token)).toBe(true);
  });

  it('password change ends every other session of the user but keeps the current one', async () => {
    const user = await person('change');
    const here = await createSession(handle.db, user.id);
    const elsewhere = await createSession(handle.db, user.id);
    const current = (await validateSessionToken(handle.db, here.token))!;

    const result = await changePassword(handle.db, current.user, { currentPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD }, { sessionId: current.id, clientAddress: nextAddress() });
    expect(result).toEqual({ ok: true, value: { endedSessions: 1 } });
    expect(await validateSessionToken(handle.db, here.token)).not.toBeNull();
    expect(await validateSessionToken(handle.db, elsewhere.token)).toBeNull();
    expect(await verifyPassword(await passwordHashOf(user.id), NEW_PASSWORD)).toBe(true);
  });

  it('password change: a wrong current password is refused on that field, and nothing changes', async () => {
    const user = await person('wrong');
    const here = await createSession(handle.db, user.id);
    const elsewhere = await createSession(handle.db, user.id);
    const current = (await validateSessionToken(handle.db, here.token))!;

    const result = await changePassword(handle.db, current.user, { currentPassword: 'not my password at all', newPassword: NEW_PASSWORD }, { sessionId: current.id, clientAddress: nextAddress() });
    expect(result).toEqual({ ok: false, code: 'invalid', issues: { currentPassword: WRONG_CURRENT_PASSWORD } });
    expect(await validateSessionToken(handle.db, elsewhere.token)).not.toBeNull();
    expect(await verifyPassword(await passwordHashOf(user.id), OLD_PASSWORD)).toBe(true);
  });

  it('password change: only a signed-in person can change a password', async () => {
    expect(await changePassword(handle.db, null, { currentPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD }, { sessionId: 'x', clientAddress: nextAddress() })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });

  it('no user enumeration: a reset request answers identically for known and unknown emails', async () => {
    const known = await person('known');
    const unknown = `nobody-${dialect}@example.org`;
    const now = new Date('2027-01-01T00:00:00Z');
    const forKnown = await requestPasswordReset(handle.db, { email: known.email }, { clientAddress: nextAddress(), now });
    const forUnknown = await requestPasswordReset(handle.db, { email: unknown }, { clientAddress: nextAddress(), now });
    expect(forKnown).toEqual({ ok: true, value: { email: known.email } });
    expect(forUnknown).toEqual({ ok: true, value: { email: unknown } });
    // Only the owner of a known address hears about it.
    expect(await mailsTo(known.email, 1)).toHaveLength(1);
    expect(await mailsTo(unknown)).toHaveLength(0);

    // The limits count unknown addresses too, so they cannot tell them apart either.
    for (let attempt = 2; attempt <= RATE_LIMITS.resetPerAccount.limit; attempt++) {
      await requestPasswordReset(handle.db, { email: known.email }, { clientAddress: nextAddress(), now });
      await requestPasswordReset(handle.db, { email: unknown }, { clientAddress: nextAddress(), now });
    }
    const limitedKnown = await requestPasswordReset(handle.db, { email: known.email }, { clientAddress: nextAddress(), now });
    const limitedUnknown = await requestPasswordReset(handle.db, { email: unknown }, { clientAddress: nextAddress(), now });
    expect(limitedKnown).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(limitedUnknown).toEqual(limitedKnown);
  });

  it('rate limits: reset requests per account are limited, with the time to wait', async () => {
    const user = await person('limited');
    const now = new Date('2027-01-01T00:00:00Z');
    for (let attempt = 1; attempt <= RATE_LIMITS.resetPerAccount.limit; attempt++) {
      expect((await requestPasswordReset(handle.db, { email: user.email }, { clientAddress: nextAddress(), now })).ok).toBe(true);
    }
    const limited = await requestPasswordReset(handle.db, { email: user.email.toUpperCase() }, { clientAddress: nextAddress(), now });
    expect(limited).toEqual({ ok: false, code: 'rate_limited', retryAfterSeconds: 3600 });
    expect(await mailsTo(user.email, RATE_LIMITS.resetPerAccount.limit)).toHaveLength(RATE_LIMITS.resetPerAccount.limit);
    const nextWindow = new Date(now.getTime() + RATE_LIMITS.resetPerAccount.windowMs + 1);
    expect((await requestPasswordReset(handle.db, { email: user.email }, { clientAddress: nextAddress(), now: nextWindow })).ok).toBe(true);
  });

  it('rate limits: reset requests per client address are limited across accounts', async () => {
    const address = '10.99.99.99';
    for (let attempt = 1; attempt <= RATE_LIMITS.resetPerAddress.limit; attempt++) {
      await requestPasswordReset(handle.db, { email: `someone${attempt}@example.org` }, { clientAddress: address });
    }
    const limited = await requestPasswordReset(handle.db, { email: 'one.more@example.org' }, { clientAddress: address });
    expect(limited).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(limited.ok === false && limited.code === 'rate_limited' && limited.retryAfterSeconds).toBeGreaterThan(0);
    expect((await requestPasswordReset(handle.db, { email: 'one.more@example.org' }, { clientAddress: '10.99.99.98' })).ok).toBe(true);
  });

  it('a bad email address is refused with a message next to the field', async () => {
    expect(await requestPasswordReset(handle.db, { email: 'not-an-email' }, { clientAddress: nextAddress() })).toEqual({
      ok: false,
      code: 'invalid',
      issues: { email: 'Enter an email address such as name@example.org.' },
    });
  });

  it('a reset forgets the password attempts counted on the account, since the owner proved the address', async () => {
    const user = await person('lockout');
    const address = nextAddress();
    const now = new Date();
    for (let attempt = 0; attempt < PASSWORD_LIMITS.pair.free; attempt++) {
      expect(await signIn(handle.db, { email: user.email, password: `wrong password ${attempt}` }, address, now)).toMatchObject({ code: 'invalid' });
    }
    expect(await signIn(handle.db, { email: user.email, password: OLD_PASSWORD }, address, now)).toMatchObject({ code: 'rate_limited' });
    const token = await requestLink(user.email);
    expect((await resetPassword(handle.db, { token, password: NEW_PASSWORD }, now)).ok).toBe(true);
    expect(await signIn(handle.db, { email: user.email, password: NEW_PASSWORD }, address, now)).toMatchObject({ ok: true });
  });

  it('a password link signs its user in, so no limit on guessing keeps the secretariat out', async () => {
    const created = await createSecretariatAccount(handle.db, { email: `way-in-${dialect}@un.org`, name: 'Ana Ruiz' });
    if (!created.ok) throw new Error('the secretariat account was not created');
    const now = new Date();
    const shared = nextAddress();
    // Someone at the secretariat's own address spends every attempt there, on this account and on others.
    for (let attempt = 0; attempt < PASSWORD_LIMITS.address.free; attempt++) {
      await signIn(handle.db, { email: attempt % 2 ? `way-in-${dialect}@un.org` : `other${attempt}@un.org`, password: `guess number ${attempt}` }, shared, now);
    }
    expect(await signIn(handle.db, { email: `way-in-${dialect}@un.org`, password: 'anything at all' }, shared, now)).toMatchObject({ code: 'rate_limited' });
    const used = await resetPassword(handle.db, { token: created.value.token, password: NEW_PASSWORD }, now);
    if (!used.ok) throw new Error('the set-password link was refused');
    const session = await validateSessionToken(handle.db, used.value.session.token, now);
    expect(session?.user).toMatchObject({ email: `way-in-${dialect}@un.org`, role: 'secretariat' });
  });

  it('forgot-password does the same work for a known and an unknown address: the same statements, delivery never awaited', async () => {
    const known = await person('same-work');
    const recorded: string[] = [];
    const recorder: KyselyPlugin = {
      transformQuery: (args) => {
        recorded.push(handle.db.getExecutor().compileQuery(args.node, args.queryId).sql);
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const watched = handle.db.withPlugin(recorder);
    const now = new Date('2027-01-01T00:00:00Z');
    const statementsFor = async (email: string) => {
      await deliverMailSoon(watched);
      recorded.length = 0;
      const answer = await requestPasswordReset(watched, { email }, { clientAddress: nextAddress(), now });
      expect(answer).toEqual({ ok: true, value: { email } });
      // Answered before any delivery could finish: nothing is in the outbox yet.
      expect(readOutbox(outbox).filter((message) => message.to === email)).toHaveLength(0);
      return [...recorded];
    };
    const forKnown = await statementsFor(known.email);
    const forUnknown = await statementsFor(`nobody-${dialect}@example.org`);
    // Two limit counters, the token's delete and insert, the email's insert (and the start of a delivery pass, in both).
    expect(forKnown.length).toBeGreaterThanOrEqual(5);
    expect(forUnknown).toEqual(forKnown);
    // The known address gets its link, the unknown one nothing.
    expect(await mailsTo(known.email, 1)).toHaveLength(1);
    expect(await mailsTo(`nobody-${dialect}@example.org`)).toHaveLength(0);
  });
});
