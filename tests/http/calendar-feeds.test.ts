// Public calendar feeds, read with Mozilla's ical.js (the parser Thunderbird uses).
import { fixtureDate, fixtureInstant, icalUtc } from '../support/fixture-dates';
import ICAL from 'ical.js';
import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');

async function fetchFeed(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path, baseUrl), { headers });
  return { response, body: await response.text() };
}

function parse(body: string) {
  const calendar = new ICAL.Component(ICAL.parse(body));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate,
      status: vevent.getFirstPropertyValue('status'),
      sequence: Number(vevent.getFirstPropertyValue('sequence')),
      url: String(vevent.getFirstPropertyValue('url')),
      categories: vevent.getAllProperties('categories').flatMap((property) => property.getValues() as string[]),
    };
  });
  return {
    name: calendar.getFirstPropertyValue('x-wr-calname'),
    method: calendar.getFirstPropertyValue('method'),
    zones: calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid')),
    refresh: calendar.getFirstProperty('refresh-interval')?.getFirstValue()?.toString(),
    events,
  };
}

const byUrl = (events: ReturnType<typeof parse>['events'], path: string) => events.find((event) => event.url.endsWith(path))!;

describe('public calendar feeds', () => {
  it('serves every event as text/calendar with CRLF lines folded at 75 octets', async () => {
    const { response, body } = await fetchFeed('/calendar.ics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    expect(body.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(body).not.toMatch(/[^\r]\n/);
    expect(body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const feed = parse(body);
    expect(feed).toMatchObject({ name: 'WhatsOn - All events', method: 'PUBLISH', refresh: 'PT4H' });
    expect(feed.events).toHaveLength(33);
  });

  it('puts times in the event’s zone, with a VTIMEZONE for each zone used', async () => {
    const feed = parse((await fetchFeed('/calendar.ics')).body);
    expect(feed.zones.sort()).toEqual(['Africa/Nairobi', 'America/Panama', 'Europe/Vienna']);
    const vienna = byUrl(feed.events, '/dialogues/2027-07-trafficking-in-persons');
    expect(vienna.start.zone.tzid).toBe('Europe/Vienna');
    expect(vienna.start.toString()).toBe(`${fixtureDate('2027-07-06T10:00')}:00`);
    expect(vienna.start.toJSDate().toISOString()).toBe(fixtureInstant('2027-07-06T10:00', 'Europe/Vienna').toISOString());
    const nairobi = byUrl(feed.events, '/events/2027-02-nairobi-regional-workshop-migrant-smuggling');
    expect(nairobi.start.zone.tzid).toBe('Africa/Nairobi');
    expect(nairobi.start.toJSDate().toISOString()).toBe(fixtureInstant('2027-02-23T09:00', 'Africa/Nairobi').toISOString());
  });

  it('keeps a cancelled event in the feed, marked CANCELLED, and a postponed one TENTATIVE', async () => {
    const feed = parse((await fetchFeed('/events/calendar.ics')).body);
    expect(byUrl(feed.events, '/events/2027-02-briefing-mutual-legal-assistance-model-law').status).toBe('CANCELLED');
    expect(byUrl(feed.events, '/events/2027-04-panama-regional-workshop-firearms').status).toBe('TENTATIVE');
    expect(byUrl(feed.events, '/events/2027-01-webinar-engaging-with-the-review-mechanism').status).toBe('CONFIRMED');
  });

  it('derives UIDs from collection and slug, the same in every feed and every single-event file', async () => {
    const all = parse((await fetchFeed('/calendar.ics')).body);
    const again = parse((await fetchFeed('/dialogues/calendar.ics')).body);
    const one = parse((await fetchFeed('/dialogues/2027-07-trafficking-in-persons.ics')).body);
    expect(byUrl(all.events, '/dialogues/2027-07-trafficking-in-persons').uid).toMatch(/^dialogues-2027-07-trafficking-in-persons@/);
    expect(byUrl(again.events, '/dialogues/2027-07-trafficking-in-persons').uid).toBe(byUrl(all.events, '/dialogues/2027-07-trafficking-in-persons').uid);
    expect(one.events[0]!.uid).toBe(byUrl(all.events, '/dialogues/2027-07-trafficking-in-persons').uid);
    expect(new Set(all.events.map((event) => event.uid)).size).toBe(33);
  });

  it('names each feed after what it holds and honours combined filters', async () => {
    expect(parse((await fetchFeed('/dialogues/calendar.ics')).body).name).toBe('WhatsOn - Dialogues');
    const topic = parse((await fetchFeed('/topics/firearms/calendar.ics')).body);
    expect(topic.name).toBe('WhatsOn - Firearms');
    expect(topic.events.every((event) => event.categories.includes('firearms'))).toBe(true);
    const filtered = parse((await fetchFeed('/calendar.ics?topic=firearms&format=in-person&kind=events')).body);
    expect(filtered.name).toBe('WhatsOn - Firearms · Events · In person');
    expect(filtered.events.map((event) => event.url.replace(/^.*\/\/[^/]+/, ''))).toEqual(['/events/2026-10-cop13-untoc', '/events/2027-03-working-group-on-firearms', '/events/2027-04-panama-regional-workshop-firearms']);
  });

  it('answers a conditional poll with 304 and no body, by ETag and by date', async () => {
    const { response } = await fetchFeed('/side-events/calendar.ics');
    const etag = response.headers.get('etag')!;
    const lastModified = response.headers.get('last-modified')!;
    expect(etag).toMatch(/^".+"$/);
    const byTag = await fetchFeed('/side-events/calendar.ics', { 'If-None-Match': etag });
    expect(byTag.response.status).toBe(304);
    expect(byTag.body).toBe('');
    const byDate = await fetchFeed('/side-events/calendar.ics', { 'If-Modified-Since': lastModified });
    expect(byDate.response.status).toBe(304);
    expect((await fetchFeed('/side-events/calendar.ics', { 'If-None-Match': '"stale"' })).response.status).toBe(200);
  });

  it('puts nothing private in public feeds: no people, no join links', async () => {
    const { body } = await fetchFeed('/calendar.ics');
    expect(body).not.toMatch(/ATTENDEE|ORGANIZER|mailto:|@example\.org|zoom\.us|teams\.microsoft|webex/i);
  });

  it('refuses an unknown filter value with a 400 that says which', async () => {
    const { response, body } = await fetchFeed('/calendar.ics?topic=piracy');
    expect(response.status).toBe(400);
    expect(body).toContain('"topic"');
    expect((await fetchFeed('/topics/piracy/calendar.ics')).response.status).toBe(400);
    expect((await fetchFeed('/dialogues/no-such-dialogue.ics')).response.status).toBe(404);
  });

  it('offers subscribe, download, Google and Outlook links on event pages and listings', async () => {
    const page = await (await fetch(new URL('/dialogues/2027-07-trafficking-in-persons', baseUrl))).text();
    expect(page).toContain('href="/dialogues/2027-07-trafficking-in-persons.ics"');
    expect(page).toMatch(/href="webcal:\/\/[^"]+\/dialogues\/calendar\.ics"/);
    expect(page).toContain('href="https://calendar.google.com/calendar/render?action=TEMPLATE');
    expect(page).toContain(`dates=${icalUtc(fixtureInstant('2027-07-06T10:00', 'Europe/Vienna'))}%2F${icalUtc(fixtureInstant('2027-07-06T18:00', 'Europe/Vienna'))}`);
    expect(page).toContain('href="https://outlook.office.com/calendar/0/deeplink/compose?');
    const listing = await (await fetch(new URL('/dialogues?topic=firearms&format=hybrid', baseUrl))).text();
    expect(listing).toMatch(/href="webcal:\/\/[^"]+\/dialogues\/calendar\.ics\?topic=firearms&(amp|#38);format=hybrid"/);
  });
});
