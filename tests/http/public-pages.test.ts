import { fixtureDate, fixtureInstant, withOffset } from '../support/fixture-dates';
import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');
const NAIROBI = '/events/2027-02-nairobi-regional-workshop-migrant-smuggling';
const CANCELLED = '/events/2027-02-briefing-mutual-legal-assistance-model-law';
const POSTPONED = '/events/2027-04-panama-regional-workshop-firearms';
const DIALOGUE = '/dialogues/2027-07-trafficking-in-persons';

async function get(path: string) {
  const response = await fetch(new URL(path, baseUrl), { redirect: 'manual' });
  return { response, html: await response.text() };
}

function cardLinks(html: string): string[] {
  return [...html.matchAll(/<h2><a href="(\/[a-z-]+\/[^"]+)"/g)].map((match) => match[1]!);
}

function jsonLdOf(html: string) {
  const match = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html);
  expect(match, 'the page carries JSON-LD').toBeTruthy();
  return JSON.parse(match![1]!);
}

describe('public pages', () => {
  it.each(['/', '/events', '/side-events', '/dialogues', '/topics', '/topics/firearms', DIALOGUE, NAIROBI])('serves %s as HTML in the locale with its direction', async (path) => {
    const { response, html } = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(html).toMatch(/<html lang="en" dir="ltr">/);
    expect(html).toContain('<main id="main"');
  });

  it.each(['/no-such-page', '/events/no-such-event', '/topics/no-such-topic', '/calendars/anything'])('answers %s with the 404 page', async (path) => {
    const { response, html } = await get(path);
    expect(response.status).toBe(404);
    expect(html).toContain('Page not found');
  });

  it('does not show one collection’s event under another collection’s address', async () => {
    expect((await get('/side-events/2027-07-trafficking-in-persons')).response.status).toBe(404);
  });

  it('shows an event outside Vienna at its own local time, naming the zone', async () => {
    const { html } = await get(NAIROBI);
    const start = fixtureInstant('2027-02-23T09:00', 'Africa/Nairobi');
    expect(html).toContain(`datetime="${start.toISOString()}"`);
    // The venue's own clock: 09:00 in Nairobi, whatever the server's zone.
    const day = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Africa/Nairobi' }).format(start);
    expect(html).toContain(`${day}, 09:00`);
    expect(html).toContain('East Africa Time');
    expect(html).toContain('Nairobi, Kenya');
  });

  it('describes the event in JSON-LD with its start offset and location', async () => {
    const data = jsonLdOf((await get(NAIROBI)).html);
    expect(data).toMatchObject({ '@type': 'Event', startDate: withOffset('2027-02-23T09:00', 'Africa/Nairobi'), location: { '@type': 'Place', address: { addressLocality: 'Nairobi', addressCountry: 'KE' } } });
    expect(data.name).toMatch(/Regional workshop/i);
    const dialogue = jsonLdOf((await get(DIALOGUE)).html);
    expect(dialogue.startDate).toBe(withOffset('2027-07-06T10:00', 'Europe/Vienna'));
    expect(dialogue.eventAttendanceMode).toBe('https://schema.org/MixedEventAttendanceMode');
  });

  it('says an event is cancelled or postponed in a banner and in its data', async () => {
    const cancelled = await get(CANCELLED);
    expect(cancelled.html).toContain('This event has been cancelled.');
    expect(jsonLdOf(cancelled.html).eventStatus).toBe('https://schema.org/EventCancelled');
    const postponed = await get(POSTPONED);
    expect(postponed.html).toContain('This event has been postponed.');
  });

  it('shows registration as information: mode, deadline in venue time, places', async () => {
    const { html } = await get(DIALOGUE);
    expect(html).toContain('Applications are reviewed by the secretariat.');
    expect(html).toMatch(/Deadline<\/dt><dd><time datetime="[^"]+">[^<]*23:59<\/time>/);
    expect(html).toContain('Places in person');
  });

  it('keeps an event page under 50 KB of HTML and CSS, readable without running any script', async () => {
    const { html } = await get(DIALOGUE);
    expect(Buffer.byteLength(html)).toBeLessThan(50 * 1024);
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1]!);
    expect(scripts.every((attributes) => attributes.includes('application/ld+json') || attributes.includes('src="/scripts/local-time.js"'))).toBe(true);
  });

  it('sends the security headers', async () => {
    const { response } = await get('/');
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
  });
});

describe('listings over HTTP', () => {
  it('keeps only events on the chosen topic', async () => {
    const { html } = await get('/dialogues?topic=firearms&when=all');
    expect(cardLinks(html).sort()).toEqual(['/dialogues/2026-03-firearms', '/dialogues/2027-03-firearms']);
    expect(html).toContain('<option value="firearms" selected>');
  });

  it('separates upcoming from past events', async () => {
    const upcoming = cardLinks((await get('/side-events')).html);
    const past = cardLinks((await get('/side-events?when=past')).html);
    expect(upcoming.every((link) => link.includes('/2027-'))).toBe(true);
    expect(past.every((link) => link.includes('/2026-'))).toBe(true);
    expect(upcoming.length + past.length).toBe(8);
  });

  it('finds events by free text and date range', async () => {
    expect(cardLinks((await get('/events?q=nairobi')).html)).toEqual([NAIROBI]);
    expect(cardLinks((await get(`/dialogues?from=${fixtureDate('2027-07-06')}&to=${fixtureDate('2027-07-07')}`)).html)).toEqual([
      DIALOGUE,
      '/dialogues/2027-07-smuggling-of-migrants-preparation-day',
    ]);
  });

  it('says when nothing matches and offers to clear the filters', async () => {
    const { response, html } = await get('/events?q=zzzz-nothing');
    expect(response.status).toBe(200);
    expect(html).toContain('No events match these filters.');
    expect(html).toContain('<a href="/events">Clear filters</a>');
  });

  it('answers a bad filter value with 422 and the message next to the field', async () => {
    const { response, html } = await get('/dialogues?from=31-12-2026&topic=piracy');
    expect(response.status).toBe(422);
    expect(html).toMatch(/id="filter-from"[^>]*value="31-12-2026"[^>]*aria-invalid="true"[^>]*aria-describedby="from-error"/);
    expect(html).toContain('<p class="field-error" id="from-error">Enter a date as YYYY-MM-DD, for example 2027-07-01.</p>');
    expect(html).toContain('<p class="field-error" id="topic-error">Choose a topic from the list.</p>');
  });
});

describe('feeds for machines', () => {
  it('lists every public page in the sitemap, in each of the six languages', async () => {
    const { response, html: xml } = await get('/sitemap.xml');
    expect(response.headers.get('content-type')).toContain('application/xml');
    expect(xml).toContain(`<loc>${new URL(DIALOGUE, 'http://127.0.0.1:4321').href}</loc>`);
    // Home, the collections, topics, organisations, the input archive, the knowledge hub, search, about, privacy,
    // accessibility, the Review Mechanism and countries, the hub's one file in public/, each topic and event; then published input, if any.
    const pages = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname);
    const english = pages.filter((path) => !/^\/(?:ar|zh|fr|ru|es)(?:\/|$)/.test(path));
    expect(english.filter((path) => !/^\/submissions\/[a-z2-7]{32}$/.test(path))).toHaveLength(1 + 3 + 1 + 1 + 1 + 5 + 2 + 1 + 6 + 33);
    // The one resource file is listed once; every page in six languages.
    expect(pages).toHaveLength((english.length - 1) * 6 + 1);
    for (const locale of ['ar', 'zh', 'fr', 'ru', 'es']) expect(pages).toContain(`/${locale}${DIALOGUE}`);
    expect(xml).toContain(`<xhtml:link rel="alternate" hreflang="ar" href="${new URL(`/ar${DIALOGUE}`, 'http://127.0.0.1:4321').href}"/>`);
  });

  it('lists upcoming events, and only those, in RSS', async () => {
    const { response, html: xml } = await get('/rss.xml');
    expect(response.headers.get('content-type')).toContain('application/rss+xml');
    expect(xml).toContain('<rss version="2.0">');
    const links = [...xml.matchAll(/<item>\s*<title>[^<]*<\/title>\s*<link>([^<]+)<\/link>/g)].map((match) => match[1]!);
    expect(links.length).toBeGreaterThan(10);
    expect(links.every((link) => /\/2027-/.test(link))).toBe(true);
    expect(xml).toContain('Cancelled: ');
  });
});
