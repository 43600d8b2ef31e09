// The six UN languages by address: /fr/… is the page at /… in French, with
// its links, forms and redirects staying in French; every page offers the
// others; the root suggests the browser's language but never redirects.
import { describe, expect, inject, it } from 'vitest';
import { postForm, signUpFields } from '../support/forms';
import { linkIn, waitForMail } from '../support/outbox';

const baseUrl = inject('baseUrl');
const DIALOGUE = '/dialogues/2027-07-trafficking-in-persons';
const OTHER_LOCALES = ['ar', 'zh', 'fr', 'ru', 'es'] as const;

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path, baseUrl), { redirect: 'manual', headers });
  return { response, html: await response.text() };
}

describe('pages by language', () => {
  it.each(OTHER_LOCALES)('serves /%s/… with its language and direction, the same page as in English', async (locale) => {
    for (const path of ['', '/events', DIALOGUE, '/topics/firearms', '/signin', '/signup']) {
      const { response, html } = await get(`/${locale}${path}`);
      expect(response.status, `/${locale}${path}`).toBe(200);
      expect(html).toContain(`<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">`);
    }
  });

  it('keeps links and form actions in the language of the page, and shared files where they are', async () => {
    const { html } = await get('/fr/events?format=online');
    expect(html).toContain('href="/fr/dialogues"');
    expect(html).toContain('action="/fr/events"');
    // Apart from the language switcher (rel="alternate": the same page in each language, from the root).
    const withoutSwitcher = html.replace(/<a [^>]*rel="alternate"[^>]*>/g, '');
    expect(withoutSwitcher).not.toMatch(/\shref="\/(?!fr\/|fr"|favicon\.svg|_astro\/|scripts\/)/);
    expect(html).toContain('href="/favicon.svg"');
    // Main's knowledge hub and search: their links stay in French, the hub's file is the same in every language.
    const hub = await get('/fr/resources');
    expect(hub.html).toContain('href="/fr/search"');
    expect(hub.html).toContain('action="/fr/resources"');
    expect(hub.html).toContain('href="/resources/toolkit-stakeholder-engagement.txt"');
    expect((await get('/resources/toolkit-stakeholder-engagement.txt')).response.status).toBe(200);
  });

  it('answers a form posted in French in French, and redirects within French', async () => {
    const refused = await postForm(baseUrl, '/fr/signin', { email: 'nobody@example.org', password: 'wrong password' });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('<html lang="fr"');
    const signIn = await get('/fr/account');
    expect(signIn.response.status).toBe(303);
    expect(signIn.response.headers.get('location')).toBe('/fr/signin');
  });

  it('offers every page in the six languages, keeping the page and its filters, with hreflang alternates', async () => {
    const { html } = await get('/es/events?format=online&topic=firearms');
    for (const locale of ['ar', 'zh', 'en', 'fr', 'ru', 'es']) {
      // From the root, so the switcher works on whatever address the portal was reached; not prefixed with Spanish.
      const href = `${locale === 'en' ? '' : `/${locale}`}/events?format=online&amp;topic=firearms`;
      expect(html).toContain(`href="${href}" rel="alternate" lang="${locale}" hreflang="${locale}"`);
      expect(html).toContain(`<link rel="alternate" hreflang="${locale}" href="${new URL(`${locale === 'en' ? '' : `/${locale}`}/events`, 'http://127.0.0.1:4321').href}">`);
    }
    expect(html).toContain('aria-current="true">Español</a>');
    expect(html).toContain('<link rel="canonical" href="http://127.0.0.1:4321/es/events">');
  });

  it('suggests the browser’s language at the root, in that language, and never redirects', async () => {
    const { response, html } = await get('/', { 'Accept-Language': 'ar,en;q=0.5' });
    expect(response.status).toBe(200);
    expect(html).toContain('<html lang="en" dir="ltr">');
    expect(html).toMatch(/<p class="language-suggestion" data-suggest-locale="ar" lang="ar" dir="rtl" hidden><a href="http:\/\/127\.0\.0\.1:4321\/ar">/);
    expect(html).toContain('<script src="/scripts/language-suggestion.js" defer></script>');
  });

  it('does not take a prefix that is not one of the six languages', async () => {
    expect((await get('/de/events')).response.status).toBe(404);
    expect((await get('/english/events')).response.status).toBe(404);
  });

  it('serves feeds and the RSS channel in the language of their address', async () => {
    const rss = await get('/fr/rss.xml');
    expect(rss.html).toContain('<language>fr</language>');
    expect(rss.html).toContain('<link>http://127.0.0.1:4321/fr/dialogues/');
    const feed = await get('/fr/dialogues/calendar.ics');
    expect(feed.response.status).toBe(200);
    expect(feed.html).toContain('URL;VALUE=URI:http://127.0.0.1:4321/fr/dialogues/');
  });
});

describe('a person’s language', () => {
  const outboxDir = inject('outboxDir');
  const PASSWORD = 'correct horse battery staple';

  async function signIn(email: string): Promise<string> {
    const session = await postForm(baseUrl, '/fr/signin', { email, password: PASSWORD });
    expect(session.location).toBe('/fr/account');
    return session.cookie!;
  }

  it('is chosen at sign-up: the confirmation email is in it and links to pages in it', async () => {
    const email = 'francophone@example.org';
    const signUp = await postForm(baseUrl, '/fr/signup', signUpFields(email, { language: 'fr' }));
    expect(signUp.location).toBe('/fr/signup/sent');
    const [mail] = await waitForMail(outboxDir, (message) => message.to === email);
    expect(mail!.subjectText).toBe('Confirmez votre adresse électronique pour WhatsOn');
    expect(mail!.raw).toContain('Veuillez confirmer votre adresse électronique');
    const token = new URL(linkIn(mail!, '/fr/verify-email?token=')).searchParams.get('token')!;
    expect((await postForm(baseUrl, '/fr/verify-email', { token })).location).toBe('/fr/signin?verified=1');
  });

  it('is offered at sign-up in each language’s own name, the page’s language chosen', async () => {
    const { html } = await get('/ar/signup');
    expect(html).toMatch(/<option value="ar" selected>العربية<\/option>/);
    expect(html).toContain('<option value="zh">中文</option>');
    expect(html).toContain('<option value="fr">Français</option>');
  });

  it('is changed in the account, which then opens in it; a code that is not one of the six is refused next to the field', async () => {
    const email = 'changes-language@example.org';
    await postForm(baseUrl, '/signup', signUpFields(email));
    const [mail] = await waitForMail(outboxDir, (message) => message.to === email);
    expect(mail!.subjectText).toBe('Confirm your email address for WhatsOn');
    const token = new URL(linkIn(mail!, '/verify-email?token=')).searchParams.get('token')!;
    await postForm(baseUrl, '/verify-email', { token });
    const cookie = await signIn(email);
    const refused = await postForm(baseUrl, '/fr/account/language', { language: 'de' }, cookie);
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('Choisissez une langue dans la liste.');
    const saved = await postForm(baseUrl, '/fr/account/language', { language: 'es' }, cookie);
    expect(saved.status).toBe(303);
    expect(saved.location).toBe('http://127.0.0.1:4321/es/account?language=saved');
    const forgot = await postForm(baseUrl, '/es/forgot-password', { email });
    expect(forgot.status).toBe(303);
    const [reset] = await waitForMail(outboxDir, (message) => message.to === email && message.subjectText.includes('contraseña'));
    expect(reset!.subjectText).toBe('Elija una nueva contraseña para WhatsOn');
    expect(linkIn(reset!, '/es/reset-password?token=')).toBeTruthy();
  });
});
