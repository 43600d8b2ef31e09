// "Sign in to apply" comes back to the event: the links that send a visitor
// to sign in to act carry where they were, sign-in (and sign-up, through the
// confirmation email, to the first sign-in) returns there in the visitor's
// language, and a return address that is not plainly a path on this site
// is ignored: the person lands on /account.
import { describe, expect, inject, it } from 'vitest';
import { postForm, signUpFields } from '../support/forms';
import { linkIn, waitForMail } from '../support/outbox';

const baseUrl = inject('baseUrl');
const outboxDir = inject('outboxDir');
const PASSWORD = 'correct horse battery staple';
// Demo content, moved to the test run's date: applications and the call for input are open.
const DIALOGUE = '/dialogues/2027-03-firearms';
const RETURN = `next=${encodeURIComponent(DIALOGUE)}`;

async function get(path: string) {
  const response = await fetch(new URL(path, baseUrl), { redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

/** Signs up in `language` from a sign-up page that carries `next`, confirms the address, and gives the confirmation step's answer. */
async function signUpAndConfirm(email: string, prefix: '' | '/fr', next: string) {
  const query = `?next=${encodeURIComponent(next)}`;
  const form = await get(`${prefix}/signup${query}`);
  expect(form.html).toContain(`<input type="hidden" name="next" value="${next}"`);
  const signUp = await postForm(baseUrl, `${prefix}/signup`, signUpFields(email, { language: prefix ? 'fr' : 'en', next }));
  // On failure the status says why: 503 for a database fault, 422 for the form, 429 for the limit.
  expect(signUp.location, `sign-up answered ${signUp.status}`).toBe(`${prefix}/signup/sent`);
  const [mail] = await waitForMail(outboxDir, (message) => message.to === email);
  const link = new URL(linkIn(mail!, `${prefix}/verify-email?token=`));
  expect(link.searchParams.get('next')).toBe(next);
  const page = await get(`${link.pathname}${link.search}`);
  expect(page.html).toContain(`<input type="hidden" name="next" value="${next}"`);
  return postForm(baseUrl, link.pathname, { token: link.searchParams.get('token')!, next: link.searchParams.get('next')! });
}

describe('signing in to act returns to where the visitor was', () => {
  it('the event page’s "Sign in to apply" and "Sign in to write input" carry the event’s address', async () => {
    const { html } = await get(DIALOGUE);
    const box = /<section class="action-box"[\s\S]*?<\/section>/.exec(html)![0];
    expect(box).toContain(`<a class="button" href="/signin?${RETURN}">Sign in to apply</a>`);
    expect(box).toContain(`<a class="button" href="/signin?${RETURN}">Sign in to write input</a>`);
    expect(box).not.toContain('href="/signin"');
  });

  it('in French, the links keep the language prefix in front and the return address without it', async () => {
    const { html } = await get(`/fr${DIALOGUE}`);
    expect(html).toContain(`href="/fr/signin?${RETURN}"`);
  });

  it('sign-in keeps the address through its form and its sign-up link, then goes there', async () => {
    const page = await get(`/signin?${RETURN}`);
    expect(page.html).toContain(`<input type="hidden" name="next" value="${DIALOGUE}"`);
    expect(page.html).toContain(`href="/signup?${RETURN}"`);
    await signUpAndConfirm('return.english@example.org', '', DIALOGUE);
    const signIn = await postForm(baseUrl, '/signin', { email: 'return.english@example.org', password: PASSWORD, next: DIALOGUE });
    expect(signIn.status).toBe(303);
    expect(signIn.location).toBe(DIALOGUE);
    expect(signIn.cookie).toBeTruthy();
  });

  it('after sign-up, the confirmation link and the first sign-in return to the event, in the person’s language', async () => {
    const email = 'retour.francais@example.org';
    const confirmed = await signUpAndConfirm(email, '/fr', DIALOGUE);
    expect(confirmed.location).toBe(`/fr/signin?verified=1&${RETURN}`);
    const page = await get(confirmed.location!);
    expect(page.html).toContain(`<input type="hidden" name="next" value="${DIALOGUE}"`);
    const signIn = await postForm(baseUrl, '/fr/signin', { email, password: PASSWORD, next: DIALOGUE });
    expect(signIn.location).toBe(`/fr${DIALOGUE}`);
  });

  it('signing in before confirming sends a new confirmation link that still carries the way back', async () => {
    const email = 'return.unconfirmed@example.org';
    await postForm(baseUrl, '/signup', signUpFields(email, { next: DIALOGUE }));
    await waitForMail(outboxDir, (message) => message.to === email);
    const early = await postForm(baseUrl, '/signin', { email, password: PASSWORD, next: DIALOGUE });
    expect(early.status).toBe(200);
    const mails = await waitForMail(outboxDir, (message) => message.to === email, 2);
    expect(new URL(linkIn(mails.at(-1)!, '/verify-email?token=')).searchParams.get('next')).toBe(DIALOGUE);
  });

  it('following a topic, applying and writing input while signed out send to sign-in with the way back', async () => {
    expect((await postForm(baseUrl, '/topics/firearms/follow', { follow: 'true' })).location).toBe(`/signin?next=${encodeURIComponent('/topics/firearms')}`);
    expect((await get(`${DIALOGUE}/apply`)).location).toBe(`/signin?next=${encodeURIComponent(`${DIALOGUE}/apply`)}`);
    const call = `/submissions/new?call=${encodeURIComponent('dialogues/2027-03-firearms')}`;
    expect((await get(call)).location).toBe(`/signin?next=${encodeURIComponent(call)}`);
    expect((await get('/fr/submissions/new')).location).toBe(`/fr/signin?next=${encodeURIComponent('/submissions/new')}`);
  });
});

describe('Requests: a return address after sign-in is a path on this site only (no open redirect)', () => {
  const email = 'return.hostile@example.org';
  const hostile = ['https://evil.example/account', '//evil.example', '/\\evil.example', '\\\\evil.example', '/%2Fevil.example', '%2F%2Fevil.example', '/..//evil.example', '/\t/evil.example', 'javascript:alert(1)', '/x%0d%0aSet-Cookie:%20a=b'];

  it.each(hostile)('signing in with next=%j lands on /account', async (next) => {
    await ensureConfirmed(email);
    const signIn = await postForm(baseUrl, '/signin', { email, password: PASSWORD, next });
    expect(signIn.status).toBe(303);
    expect(signIn.location).toBe('/account');
  });

  it('a hostile address is not written into the form, the sign-up link or the confirmation email', async () => {
    // (The language switcher keeps the whole query, to a page on this site that judges it again.)
    const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)![0];
    const page = await get(`/signin?next=${encodeURIComponent('//evil.example')}`);
    expect(main(page.html)).not.toContain('evil.example');
    expect(main(page.html)).toContain('href="/signup"');
    const signUp = await get(`/signup?next=${encodeURIComponent('https://evil.example')}`);
    expect(main(signUp.html)).not.toContain('evil.example');
    const mailTo = 'return.hostile.signup@example.org';
    await postForm(baseUrl, '/signup', signUpFields(mailTo, { next: '//evil.example' }));
    const [mail] = await waitForMail(outboxDir, (message) => message.to === mailTo);
    expect(mail!.raw).not.toContain('evil.example');
    const confirmed = await postForm(baseUrl, '/verify-email', { token: new URL(linkIn(mail!, '/verify-email?token=')).searchParams.get('token')!, next: '//evil.example' });
    expect(confirmed.location).toBe('/signin?verified=1');
  });
});

let confirmed: Promise<unknown> | undefined;
/** The hostile cases share one confirmed account. */
function ensureConfirmed(email: string) {
  confirmed ??= signUpAndConfirm(email, '', DIALOGUE);
  return confirmed;
}
