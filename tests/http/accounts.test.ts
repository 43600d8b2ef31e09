// Sign-up, confirmation, sign-in and sign-out through HTTP, as a browser does them.
import { describe, expect, inject, it } from 'vitest';
import { postForm, signUpFields } from '../support/forms';
import { linkIn, mailTo } from '../support/outbox';

const baseUrl = inject('baseUrl');
const outboxDir = inject('outboxDir');
const PASSWORD = 'correct horse battery staple';

async function signUpAndConfirm(email: string) {
  expect((await postForm(baseUrl, '/signup', signUpFields(email))).location).toBe('/signup/sent');
  const mail = await mailTo(outboxDir, email, 'Confirm your email address for WhatsOn');
  const token = new URL(linkIn(mail, '/verify-email?token=')).searchParams.get('token')!;
  expect((await postForm(baseUrl, '/verify-email', { token })).location).toBe('/signin?verified=1');
}

async function page(path: string, cookie?: string) {
  const response = await fetch(new URL(path, baseUrl), { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
  return { status: response.status, location: response.headers.get('location'), html: await response.text(), headers: response.headers };
}

describe('accounts over HTTP', () => {
  it('signs up, confirms the address, signs in and shows the pending organisation', async () => {
    await signUpAndConfirm('journey@example.org');
    const signIn = await postForm(baseUrl, '/signin', { email: 'journey@example.org', password: PASSWORD });
    expect(signIn.status).toBe(303);
    expect(signIn.location).toBe('/account');
    const account = await page('/account', signIn.cookie!);
    expect(account.html).toContain('Survivor Voices Alliance');
    expect(account.html).toContain('data-accreditation="pending"');
    expect(account.headers.get('cache-control')).toBe('private, no-store');
  });

  it('session cookie: HttpOnly, SameSite=Lax, Path=/ and an explicit expiry', async () => {
    await signUpAndConfirm('cookie@example.org');
    const signIn = await postForm(baseUrl, '/signin', { email: 'cookie@example.org', password: PASSWORD });
    const header = signIn.headers.get('set-cookie')!;
    expect(header).toMatch(/^whatson_session=[a-z2-7]{32};/);
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Lax');
    expect(header).toContain('Path=/');
    expect(header).toMatch(/Expires=\w{3}, \d{2} \w{3} \d{4}/);
  });

  it('secretariat accounts come only from the CLI: a sign-up asking for that role gets a focal point', async () => {
    expect((await postForm(baseUrl, '/signup', { ...signUpFields('wants-power@example.org'), role: 'secretariat' })).location).toBe('/signup/sent');
    const mail = await mailTo(outboxDir, 'wants-power@example.org', 'Confirm your email address for WhatsOn');
    await postForm(baseUrl, '/verify-email', { token: new URL(linkIn(mail, '/verify-email?token=')).searchParams.get('token')! });
    const { cookie } = await postForm(baseUrl, '/signin', { email: 'wants-power@example.org', password: PASSWORD });
    expect((await page('/account', cookie!)).html).toContain('Focal point');
    expect((await page('/admin', cookie!)).status).toBe(403);
  });

  it('sends the account page to the sign-in page without a session', async () => {
    expect(await page('/account')).toMatchObject({ status: 303, location: '/signin' });
  });

  it('signs out with a POST, and the old cookie no longer works', async () => {
    await signUpAndConfirm('signout@example.org');
    const { cookie } = await postForm(baseUrl, '/signin', { email: 'signout@example.org', password: PASSWORD });
    expect((await postForm(baseUrl, '/signout', {}, cookie!)).location).toBe('/');
    expect((await page('/account', cookie!)).status).toBe(303);
  });

  it('every state change is a POST: signing out by GET does nothing', async () => {
    await signUpAndConfirm('getsignout@example.org');
    const { cookie } = await postForm(baseUrl, '/signin', { email: 'getsignout@example.org', password: PASSWORD });
    expect((await page('/signout', cookie!)).status).not.toBe(303);
    expect((await page('/account', cookie!)).status).toBe(200);
  });

  it('origin check: a cross-origin POST is refused', async () => {
    const response = await fetch(new URL('/signin', baseUrl), {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: 'https://attacker.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'email=a%40example.org&password=whatever',
    });
    expect(response.status).toBe(403);
  });

  it('re-renders the sign-up form with a 422 and a message next to each bad field, keeping what was typed', async () => {
    const result = await postForm(baseUrl, '/signup', signUpFields('not-an-email', { organisationName: '', country: 'XX', website: 'example', topics: [], name: 'x'.repeat(200) }));
    expect(result.status).toBe(422);
    for (const [field, message] of [
      ['organisationName', 'Enter the organisation’s name.'],
      ['country', 'Choose a country from the list.'],
      ['website', 'Enter a full address such as https://example.org.'],
      ['name', 'Use at most 120 characters.'],
      ['email', 'Enter an email address such as name@example.org.'],
    ]) {
      expect(result.html).toContain(`<p class="field-error" id="field-${field}-error">${message}</p>`);
      expect(result.html).toMatch(new RegExp(`id="field-${field}"[^>]*aria-invalid="true"`));
    }
    expect(result.html).toContain('Choose at least one topic of expertise.');
    expect(result.html).toContain('value="Survivor Voices Alliance"'.replace('Survivor Voices Alliance', 'SVA'));
    expect(result.html).not.toContain('correct horse battery staple');
  });

  it('answers a form body that is not a form with a 422, not a 500', async () => {
    const response = await fetch(new URL('/signin', baseUrl), {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '%%%not-a-form',
    });
    expect(response.status).toBe(422);
  });

  it('no user enumeration: sign-in answers a wrong password and an unknown address identically', async () => {
    await signUpAndConfirm('enum@example.org');
    const wrong = await postForm(baseUrl, '/signin', { email: 'enum@example.org', password: 'not the password at all' });
    const unknown = await postForm(baseUrl, '/signin', { email: 'nobody-here@example.org', password: 'not the password at all' });
    expect(wrong.status).toBe(422);
    expect(unknown.status).toBe(422);
    const strip = (html: string) => html.replace(/value="[^"]*"/g, '');
    expect(strip(wrong.html)).toBe(strip(unknown.html));
  });

  it('no user enumeration: sign-up answers an existing address exactly like a new one', async () => {
    await signUpAndConfirm('existing@example.org');
    const again = await postForm(baseUrl, '/signup', signUpFields('existing@example.org'));
    const fresh = await postForm(baseUrl, '/signup', signUpFields('brand-new@example.org'));
    expect([again.status, again.location]).toEqual([fresh.status, fresh.location]);
  });

  it('failures from one address never lock the account out from another: 429 with Retry-After and a clear message there, a session here', async () => {
    await signUpAndConfirm('ratelimited@example.org');
    const guesser = '10.240.0.1';
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await postForm(baseUrl, '/signin', { email: 'ratelimited@example.org', password: `wrong ${attempt} password` }, undefined, guesser)).status).toBe(422);
    }
    const sixth = await postForm(baseUrl, '/signin', { email: 'ratelimited@example.org', password: PASSWORD }, undefined, guesser);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(25);
    expect(sixth.html).toMatch(/Too many attempts\. Please wait \d+ seconds and try again\./);
    const owner = await postForm(baseUrl, '/signin', { email: 'ratelimited@example.org', password: PASSWORD });
    expect(owner).toMatchObject({ status: 303, location: '/account' });
  });

  it('password checks on every form share the limit: account deletion no longer allows unlimited guesses', async () => {
    await signUpAndConfirm('keeps.account@example.org');
    const { cookie } = await postForm(baseUrl, '/signin', { email: 'keeps.account@example.org', password: PASSWORD });
    const thief = '10.240.0.2';
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await postForm(baseUrl, '/account/delete', { password: `guess ${attempt} here` }, cookie!, thief)).status).toBe(422);
    }
    const limited = await postForm(baseUrl, '/account/delete', { password: PASSWORD }, cookie!, thief);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await postForm(baseUrl, '/signin', { email: 'keeps.account@example.org', password: PASSWORD }, undefined, thief)).status).toBe(429);
    expect((await page('/account', cookie!)).status).toBe(200);
  });
});

describe('client addresses for rate limits', () => {
  it('only believes X-Forwarded-For from a configured proxy', async () => {
    // The test server trusts 127.0.0.1, so each forwarded address is limited on its own …
    const address = '10.250.250.250';
    for (let attempt = 0; attempt < 20; attempt++) await postForm(baseUrl, '/signin', { email: `spray${attempt}@example.org`, password: 'wrong password!' }, undefined, address);
    expect((await postForm(baseUrl, '/signin', { email: 'spray-last@example.org', password: 'wrong password!' }, undefined, address)).status).toBe(429);
    expect((await postForm(baseUrl, '/signin', { email: 'spray-last@example.org', password: 'wrong password!' }, undefined, '10.250.250.251')).status).toBe(422);
  });
});
