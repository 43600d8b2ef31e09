// Forgotten and changed passwords through HTTP, as a browser does them, against
// a portal of our own on each database (so rate limits and sessions are ours).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWhatsonAsync } from '../support/cli';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases';
import { postForm, signUpFields } from '../support/forms';
import { linkIn, mailTo, readOutbox, waitForMail } from '../support/outbox';
import { startServer, type RunningServer } from '../support/server';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new long passphrase';

describe.each(DIALECTS)('password reset over HTTP on %s', (dialect) => {
  let database: TestDatabase;
  let outbox: string;
  let server: RunningServer;
  let baseUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    outbox = mkdtempSync(join(tmpdir(), 'whatson-outbox-'));
    server = await startServer({ DATABASE_URL: database.url, OUTBOX_DIR: outbox });
    baseUrl = server.baseUrl;
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    rmSync(outbox, { recursive: true, force: true });
  });

  async function page(path: string, cookie?: string) {
    const response = await fetch(new URL(path, baseUrl), { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
    return { status: response.status, location: response.headers.get('location'), html: await response.text(), headers: response.headers };
  }

  function mailsTo(email: string) {
    return readOutbox(outbox).filter((message) => message.to === email);
  }

  async function signUpAndConfirm(email: string) {
    expect((await postForm(baseUrl, '/signup', signUpFields(email))).location).toBe('/signup/sent');
    const mail = await mailTo(outbox, email, 'Confirm your email address for WhatsOn');
    const token = new URL(linkIn(mail, '/verify-email?token=')).searchParams.get('token')!;
    expect((await postForm(baseUrl, '/verify-email', { token })).location).toBe('/signin?verified=1');
  }

  async function signIn(email: string, password: string) {
    const answer = await postForm(baseUrl, '/signin', { email, password });
    expect(answer).toMatchObject({ status: 303, location: '/account' });
    return answer.cookie!;
  }

  it('forgot → email → new password: the old session ends and the new password signs in', async () => {
    const email = 'forgetful@example.org';
    await signUpAndConfirm(email);
    const oldSession = await signIn(email, PASSWORD);
    expect((await page('/account', oldSession)).status).toBe(200);

    const signInPage = await page('/signin');
    expect(signInPage.html).toContain('href="/forgot-password"');
    const form = await page('/forgot-password');
    expect(form.status).toBe(200);
    expect(form.html).toContain('name="email"');

    const requested = await postForm(baseUrl, '/forgot-password', { email });
    expect(requested).toMatchObject({ status: 303, location: '/forgot-password/sent' });
    expect((await page('/forgot-password/sent')).status).toBe(200);
    const [mail] = await waitForMail(outbox, (message) => message.to === email && message.subject.includes('new password'));
    const link = linkIn(mail!, '/reset-password?token=');
    const token = new URL(link).searchParams.get('token')!;

    // Opening the link shows the form and does not use the token up.
    const resetForm = await page(`/reset-password?token=${token}`);
    expect(resetForm.status).toBe(200);
    expect(resetForm.html).toContain(`name="token" value="${token}"`);
    expect(resetForm.html).toContain('name="password"');

    const weak = await postForm(baseUrl, '/reset-password', { token, password: 'short' });
    expect(weak.status).toBe(422);
    expect(weak.html).toContain('Use at least 10 characters.');
    expect(weak.html).toContain(`value="${token}"`);

    const reset = await postForm(baseUrl, '/reset-password', { token, password: NEW_PASSWORD });
    expect(reset).toMatchObject({ status: 303, location: '/account?password=reset' });
    // The link signs its user in (the secretariat's way in whatever the limits on guessing say).
    expect(reset.cookie).toMatch(/^whatson_session=/);
    expect((await page('/account?password=reset', reset.cookie!)).html).toContain('Your new password is saved');

    // Security note: a password reset ends every session of that user.
    expect(await page('/account', oldSession)).toMatchObject({ status: 303, location: '/signin' });
    expect((await postForm(baseUrl, '/signin', { email, password: PASSWORD })).status).toBe(422);
    const newSession = await signIn(email, NEW_PASSWORD);
    expect((await page('/account', newSession)).status).toBe(200);

    // Single use: the link is spent.
    const reused = await postForm(baseUrl, '/reset-password', { token, password: 'yet another long passphrase' });
    expect(reused.status).toBe(404);
    expect(reused.html).toContain('This link has expired or was already used.');
    expect(reused.html).toContain('href="/forgot-password"');
  });

  it('an unknown or malformed reset link gets a clear 404 page, never a 500', async () => {
    for (const path of ['/reset-password?token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '/reset-password?token=%3Cscript%3E', '/reset-password']) {
      const answer = await page(path);
      expect(answer.status).toBe(404);
      expect(answer.html).toContain('This link has expired or was already used.');
      expect(answer.html).not.toContain('name="password"');
    }
    const posted = await postForm(baseUrl, '/reset-password', { token: 'b'.repeat(32), password: NEW_PASSWORD });
    expect(posted.status).toBe(404);
    expect(posted.html).toContain('This link has expired or was already used.');
    const empty = await postForm(baseUrl, '/reset-password', {});
    expect(empty.status).toBe(404);
  });

  it('no user enumeration: the reset request answers identically for known and unknown emails (status, location, body)', async () => {
    await signUpAndConfirm('known.reset@example.org');
    const known = await postForm(baseUrl, '/forgot-password', { email: 'known.reset@example.org' });
    const unknown = await postForm(baseUrl, '/forgot-password', { email: 'unknown.reset@example.org' });
    expect(known.status).toBe(303);
    expect(unknown.status).toBe(known.status);
    expect(unknown.location).toBe(known.location);
    expect(unknown.html).toBe(known.html);
    expect(unknown.cookie).toBe(known.cookie);
    await waitForMail(outbox, (message) => message.to === 'known.reset@example.org' && message.subjectText === 'Choose a new password for WhatsOn');
    expect(mailsTo('unknown.reset@example.org')).toHaveLength(0);
  });

  it('rate limits: reset requests get 429 with a Retry-After', async () => {
    const email = 'often.forgets@example.org';
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await postForm(baseUrl, '/forgot-password', { email })).status).toBe(303);
    }
    const limited = await postForm(baseUrl, '/forgot-password', { email });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.html).toContain('Too many attempts');

    const address = '10.250.250.250';
    for (let attempt = 0; attempt < 20; attempt++) {
      await postForm(baseUrl, '/forgot-password', { email: `person${attempt}@example.org` }, undefined, address);
    }
    const fromAddress = await postForm(baseUrl, '/forgot-password', { email: 'fresh.person@example.org' }, undefined, address);
    expect(fromAddress.status).toBe(429);
    expect(Number(fromAddress.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('a bad email address re-renders the form with a 422 and the message next to the field', async () => {
    const answer = await postForm(baseUrl, '/forgot-password', { email: 'not-an-email' });
    expect(answer.status).toBe(422);
    expect(answer.html).toContain('id="field-email-error"');
    expect(answer.html).toContain('Enter an email address such as name@example.org.');
  });

  it('password change: signed in only; a wrong current password is a 422 on that field; success ends the other sessions only', async () => {
    expect(await page('/account/password')).toMatchObject({ status: 303, location: '/signin' });
    expect(await postForm(baseUrl, '/account/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).toMatchObject({ status: 303, location: '/signin' });

    const email = 'changer@example.org';
    await signUpAndConfirm(email);
    const here = await signIn(email, PASSWORD);
    const elsewhere = await signIn(email, PASSWORD);
    expect((await page('/account', here)).html).toContain('href="/account/password"');
    expect((await page('/account/password', here)).status).toBe(200);

    const wrong = await postForm(baseUrl, '/account/password', { currentPassword: 'not my password', newPassword: NEW_PASSWORD }, here);
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('id="field-currentPassword-error"');
    expect(wrong.html).toContain('This is not your current password.');

    const weak = await postForm(baseUrl, '/account/password', { currentPassword: PASSWORD, newPassword: 'Password123' }, here);
    expect(weak.status).toBe(422);
    expect(weak.html).toContain('id="field-newPassword-error"');

    const changed = await postForm(baseUrl, '/account/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, here);
    expect(changed).toMatchObject({ status: 303, location: '/account?password=changed' });
    const account = await page('/account?password=changed', here);
    expect(account.status).toBe(200);
    expect(account.html).toContain('Your password is changed.');
    expect(await page('/account', elsewhere)).toMatchObject({ status: 303, location: '/signin' });
    await signIn(email, NEW_PASSWORD);
  });

  it('the set-password link printed by create-secretariat opens /reset-password and lets the secretariat sign in', async () => {
    const email = `secretariat.${dialect}@un.org`;
    const cli = await runWhatsonAsync(['create-secretariat', '--email', email, '--name', 'Ana Ruiz'], { DATABASE_URL: database.url });
    expect(cli.status).toBe(0);
    const token = /\/reset-password\?token=([a-z2-7]{32})/.exec(cli.stdout)?.[1];
    expect(token).toBeDefined();

    const form = await page(`/reset-password?token=${token}`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('name="password"');
    expect(await postForm(baseUrl, '/reset-password', { token: token!, password: NEW_PASSWORD })).toMatchObject({ status: 303, location: '/account?password=reset' });

    const session = await signIn(email, NEW_PASSWORD);
    const account = await page('/account', session);
    expect(account.status).toBe(200);
    expect(account.html).toContain('Secretariat');
    expect((await page('/admin', session)).status).toBe(200);
  });
});
