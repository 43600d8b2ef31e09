// The six UN languages by address: /fr/… is the page at /… in French, with
// its links, forms and redirects staying in French; every page offers the
// others; the root suggests the browser's language but never redirects.
import { describe, expect, inject, it } from 'vitest';
import { postForm } from '../support/forms';

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
    expect(html).not.toMatch(/\shref="\/(?!fr\/|fr"|favicon\.svg|_astro\/|scripts\/)/);
    expect(html).toContain('href="/favicon.svg"');
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
      const href = new URL(`${locale === 'en' ? '' : `/${locale}`}/events?format=online&topic=firearms`, 'http://127.0.0.1:4321').href.replaceAll('&', '&amp;');
      expect(html).toContain(`href="${href}" lang="${locale}" hreflang="${locale}"`);
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
