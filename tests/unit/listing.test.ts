import { describe, expect, it } from 'vitest';
import { listEvents, listingQuerySchema, listingSearch, matchesQuery, parseListingQuery, PAGE_SIZE } from '../../src/server/events/listing';
import { messageOfIssue } from '../../src/server/result';
import { portalEvent, TOPIC_SLUGS } from '../support/event-fixtures';
import { browseListing } from '../../src/server/events/browse';
import { indexEvents } from '../../src/server/events/event-index';

const now = new Date('2026-11-29T12:00:00Z');
const nairobi = { site: 'UN Office at Nairobi', city: 'Nairobi', country: 'KE' };
const events = [
  portalEvent('past-firearms', { start: '2026-03-10T10:00', end: '2026-03-10T18:00', topics: ['firearms'] }),
  portalEvent('cop-side-event', { title: 'Online smuggling services', start: '2026-10-14T13:00', end: '2026-10-14T14:00', topics: ['smuggling-of-migrants'], format: 'in-person' }),
  portalEvent('webinar', { title: 'Webinar on victim identification', start: '2027-01-20T14:00', end: '2027-01-20T15:30', topics: ['trafficking-in-persons'], format: 'online', venue: undefined }),
  portalEvent('nairobi-workshop', { title: 'Regional workshop on cooperation', start: '2027-02-09T09:00', end: '2027-02-11T17:00', timezone: 'Africa/Nairobi', venue: nairobi, format: 'in-person', topics: ['international-cooperation', 'organized-crime'], organisers: ['Réseau Afrique Sécurité'] }),
  portalEvent('tip-dialogue', { title: 'Constructive dialogue on trafficking in persons', start: '2027-07-02T10:00', end: '2027-07-02T18:00', topics: ['trafficking-in-persons'] }),
];

function slugsFor(search: string) {
  const { query, errors } = parseListingQuery(new URLSearchParams(search), TOPIC_SLUGS);
  expect(errors).toEqual({});
  return listEvents(events, query, now).events.map((event) => event.slug);
}

describe('event listings', () => {
  it('shows upcoming events soonest first by default', () => {
    expect(slugsFor('')).toEqual(['webinar', 'nairobi-workshop', 'tip-dialogue']);
  });

  it('shows past events most recent first', () => {
    expect(slugsFor('when=past')).toEqual(['cop-side-event', 'past-firearms']);
  });

  it('shows every date with when=all', () => {
    expect(slugsFor('when=all')).toHaveLength(5);
  });

  it('filters by topic', () => {
    expect(slugsFor('topic=trafficking-in-persons')).toEqual(['webinar', 'tip-dialogue']);
    expect(slugsFor('topic=firearms&when=all')).toEqual(['past-firearms']);
  });

  it('filters by format', () => {
    expect(slugsFor('format=online')).toEqual(['webinar']);
    expect(slugsFor('format=in-person&when=all')).toEqual(['cop-side-event', 'nairobi-workshop']);
  });

  it('keeps events that overlap the date range, on the venue calendar', () => {
    expect(slugsFor('from=2027-02-10&to=2027-02-10')).toEqual(['nairobi-workshop']);
    expect(slugsFor('from=2027-01-21')).toEqual(['nairobi-workshop', 'tip-dialogue']);
    expect(slugsFor('to=2027-01-20')).toEqual(['webinar']);
    expect(slugsFor('when=all&from=2026-01-01&to=2026-12-31')).toEqual(['past-firearms', 'cop-side-event']);
  });

  it('searches titles, organisers, places and topic names, ignoring case and accents', () => {
    expect(slugsFor('q=WEBINAR')).toEqual(['webinar']);
    expect(slugsFor('q=reseau securite')).toEqual(['nairobi-workshop']);
    expect(slugsFor('q=nairobi')).toEqual(['nairobi-workshop']);
    expect(slugsFor('q=organized crime')).toEqual(['nairobi-workshop']);
    expect(slugsFor('q=trafficking dialogue')).toEqual(['tip-dialogue']);
    expect(slugsFor('q=nothing-like-this')).toEqual([]);
  });

  it('combines filters', () => {
    expect(slugsFor('topic=trafficking-in-persons&format=hybrid&q=dialogue')).toEqual(['tip-dialogue']);
  });

  it('treats empty form fields as no filter', () => {
    expect(slugsFor('topic=&format=&from=&to=&q=&when=')).toEqual(['webinar', 'nairobi-workshop', 'tip-dialogue']);
  });

  it('reports each invalid field with a message that says how to fix it and still applies the valid ones', () => {
    const { query, errors } = parseListingQuery(new URLSearchParams('topic=piracy&from=31/12/2026&format=hybrid&when=someday'), TOPIC_SLUGS);
    expect(errors).toEqual({ topic: 'Choose a topic from the list.', from: 'Enter a date as YYYY-MM-DD, for example 2027-07-01.', when: 'Choose upcoming, past or all dates.' });
    expect(query).toMatchObject({ format: 'hybrid', when: 'upcoming' });
    expect(query.topic).toBeUndefined();
    expect(query.from).toBeUndefined();
  });

  it('refuses a date range that ends before it starts', () => {
    const { errors } = parseListingQuery(new URLSearchParams('from=2027-02-01&to=2027-01-01'), TOPIC_SLUGS);
    expect(errors).toEqual({ to: 'The end date must be on or after the start date.' });
  });

  it('pages results and keeps the filter in the links', () => {
    const many = Array.from({ length: PAGE_SIZE + 3 }, (_, index) =>
      portalEvent(`event-${index}`, { start: `2027-03-${String(index + 1).padStart(2, '0')}T10:00`, end: `2027-03-${String(index + 1).padStart(2, '0')}T12:00` }),
    );
    const { query } = parseListingQuery(new URLSearchParams('topic=firearms&page=2'), TOPIC_SLUGS);
    const page = listEvents(many, query, now);
    expect(page).toMatchObject({ total: PAGE_SIZE + 3, page: 2, pageCount: 2 });
    expect(page.events.map((event) => event.slug)).toEqual(['event-12', 'event-13', 'event-14']);
    expect(listingSearch(query, { page: 1 })).toBe('?topic=firearms');
    expect(listingSearch(query, { page: 3 })).toBe('?topic=firearms&page=3');
  });

  it('shows the last page when asked for a page past the end', () => {
    const { query } = parseListingQuery(new URLSearchParams('page=99'), TOPIC_SLUGS);
    expect(listEvents(events, query, now).page).toBe(1);
  });
});

describe('reading the query string', () => {
  /** What the schema alone makes of a query string: each refused field reported and left out. */
  function bySchema(search: string) {
    const schema = listingQuerySchema(TOPIC_SLUGS);
    const raw: Record<string, string> = {};
    for (const [key, value] of new URLSearchParams(search)) if (!(key in raw)) raw[key] = value;
    const errors: Record<string, unknown> = {};
    let result = schema.safeParse(raw);
    while (!result.success) {
      const issue = result.error.issues[0]!;
      errors[issue.path[0] as string] = messageOfIssue(issue);
      delete raw[issue.path[0] as string];
      result = schema.safeParse(raw);
    }
    return { query: result.data, errors };
  }

  it('reads every query string as the schema does, plain or not', () => {
    const searches = [
      '', 'topic=firearms', 'topic=&format=&from=&to=&q=&when=&page=', 'format=hybrid&when=all&page=3', 'when=past&page=1',
      'from=2027-01-01&to=2027-01-01', 'from=2027-01-01&to=2027-03-01', 'from=2027-03-01&to=2027-01-01', 'from=2027-02-30', 'from=%202027-01-01%20',
      'q=%20%20', 'q=%20Nairobi%20workshop%20', `q=${'a'.repeat(200)}`, `q=${'a'.repeat(201)}`, `q=%20${'a'.repeat(200)}%20`, 'q=a%00b', 'q=tab%09ok',
      'page=0', 'page=-1', 'page=abc', 'page=1.5', 'page=01', 'page=1e2', 'page=%202', 'page=9999999999', 'page=123456789',
      'topic=piracy', 'topic=%20firearms', 'format=Hybrid', 'when=someday', 'topic=firearms&topic=piracy', 'unknown=1&n=7',
    ];
    for (const search of searches) expect(parseListingQuery(new URLSearchParams(search), TOPIC_SLUGS), search).toEqual(bySchema(search));
  });
});

describe('upcoming and past pages without filtering every event', () => {
  // Events of one to nine days, some starting together, some running across the moments looked at.
  const days = (day: number, hour: number) => `2027-01-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00`;
  const sorted = Array.from({ length: 40 }, (_, index) => {
    const startDay = 1 + Math.floor(index / 2);
    return portalEvent(`e-${String(index).padStart(2, '0')}`, { start: days(startDay, 9), end: days(Math.min(28, startDay + (index * 7) % 9), 17) });
  });

  function byFiltering(events: typeof sorted, search: string, now: Date) {
    const { query } = parseListingQuery(new URLSearchParams(search), TOPIC_SLUGS);
    const matching = events.filter((event) => matchesQuery(event, query, now));
    if (query.when === 'past') matching.reverse();
    const pageCount = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
    const page = Math.min(query.page, pageCount);
    return { events: matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: matching.length, page, pageCount };
  }

  it('gives the same pages as filtering every event, at any moment', () => {
    for (const now of ['2026-12-31T12:00:00Z', '2027-01-05T08:00:00Z', '2027-01-05T12:00:00Z', '2027-01-10T16:59:00Z', '2027-01-20T17:00:00Z', '2027-02-01T00:00:00Z'].map((at) => new Date(at))) {
      for (const when of ['upcoming', 'past', 'all']) {
        for (const page of [1, 2, 3, 4]) {
          const search = `when=${when}&page=${page}`;
          const { query } = parseListingQuery(new URLSearchParams(search), TOPIC_SLUGS);
          expect(listEvents(sorted, query, now), `${search} at ${now.toISOString()}`).toEqual(byFiltering(sorted, search, now));
        }
      }
    }
  });

  it('filters every event of a list not in start order', () => {
    const shuffled = [sorted[5]!, sorted[1]!, sorted[30]!, sorted[2]!];
    const now = new Date('2027-01-05T12:00:00Z');
    for (const when of ['upcoming', 'past', 'all']) {
      const { query } = parseListingQuery(new URLSearchParams(`when=${when}`), TOPIC_SLUGS);
      expect(listEvents(shuffled, query, now)).toEqual(byFiltering(shuffled, `when=${when}`, now));
    }
  });
});

describe('listing from the catalogue index', () => {
  const catalogue = [...events, portalEvent('side-event', { start: '2027-03-01T10:00', end: '2027-03-01T11:00', topics: ['firearms'], format: 'online', venue: undefined }, 'side-events')];
  const select = indexEvents(catalogue);

  it('looks only at the events of the collection, topic and format asked for, in catalogue order', () => {
    expect(select('dialogues', 'trafficking-in-persons').map((event) => event.slug)).toEqual(['webinar', 'tip-dialogue']);
    expect(select(undefined, 'firearms', 'online').map((event) => event.slug)).toEqual(['side-event']);
    expect(select('side-events').map((event) => event.slug)).toEqual(['side-event']);
    expect(select().length).toBe(catalogue.length);
  });

  it('makes each group once', () => {
    expect(select('dialogues', 'firearms')).toBe(select('dialogues', 'firearms'));
  });

  it('gives the same listing as filtering every event', () => {
    const source = { events: catalogue, topicSlugs: TOPIC_SLUGS, select };
    for (const search of ['', 'topic=trafficking-in-persons', 'format=in-person&when=all', 'topic=firearms&when=past', 'q=webinar']) {
      const { query } = parseListingQuery(new URLSearchParams(search), TOPIC_SLUGS);
      const expected = listEvents(catalogue.filter((event) => event.collection === 'dialogues'), query, now);
      expect(browseListing(source, 'dialogues', new URLSearchParams(search), now).result, search).toEqual(expected);
    }
  });
});
