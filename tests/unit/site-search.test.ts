// Search across the portal, on documents made here: ranked, highlighted,
// filtered by kind and topic, tolerant of accents and simple typos.
import { describe, expect, it } from 'vitest';
import { highlight, SiteSearchIndex, type SearchDocument } from '../../src/server/search/site-search';
import { eventDocument, resourceDocument, topicDocument } from '../../src/server/search/search-documents';
import { searchQuerySchema } from '../../src/server/search/search-portal';
import { portalEvent } from '../support/event-fixtures';
import type { Resource } from '../../src/server/resources/resource-list';

const dialogue = portalEvent('2027-07-trafficking-in-persons', {
  title: 'Constructive dialogue on trafficking in persons',
  summary: 'Non-governmental stakeholders and States discuss the Trafficking in Persons Protocol.',
  topics: ['trafficking-in-persons'],
});
const workshop = portalEvent('2027-02-nairobi', {
  title: 'Regional workshop on migrant smuggling in Nairobi',
  summary: 'Cooperation along the routes: a workshop for prosecutors and civil society, with a session on trafficking.',
  topics: ['smuggling-of-migrants'],
  venue: { site: 'UN Gigiri', city: 'Nairobi', country: 'KE' },
}, 'events');
const spanish = portalEvent('2027-04-panama', {
  title: 'Taller regional sobre armas de fuego en Panamá',
  summary: 'Protección de las víctimas y rastreo de armas.',
  topics: ['firearms'],
}, 'events');
const toolkit: Resource = {
  slug: 'toolkit-stakeholder-engagement',
  title: 'Toolkit on Stakeholder Engagement',
  type: 'toolkit',
  summary: 'How non-governmental stakeholders engage with the Review Mechanism.',
  topics: ['organized-crime'],
  languages: ['en'],
  date: '2026-10-15',
  file: '/resources/toolkit.txt',
  events: [],
  order: 0,
  illustrative: true,
  href: '/resources/toolkit.txt',
  bodyText: 'Chapters on dialogues and written input.',
};
const input: SearchDocument = {
  id: 'input:abc',
  kind: 'input',
  title: 'Findings on firearms tracing',
  excerpt: 'Our observatory traced 400 firearms across borders.',
  extra: 'Firearms Research Institute',
  topics: ['firearms'],
  href: '/submissions/abc',
};

const index = new SiteSearchIndex([
  eventDocument(dialogue),
  eventDocument(workshop),
  eventDocument(spanish),
  topicDocument({ slug: 'trafficking-in-persons', title: 'Trafficking in persons', summary: 'The Protocol to Prevent, Suppress and Punish Trafficking in Persons.' }),
  resourceDocument(toolkit),
  input,
]);

const ids = (query: string, filter = {}) => index.search(query, filter).map((hit) => hit.document.id);

describe('search across the portal', () => {
  it('finds events of every collection, topics, resources and input, a title match ranked above a passing mention', () => {
    const found = ids('trafficking');
    expect(found).toContain('event:dialogues/2027-07-trafficking-in-persons');
    expect(found).toContain('topic:trafficking-in-persons');
    expect(found.indexOf('event:events/2027-02-nairobi')).toBeGreaterThan(found.indexOf('event:dialogues/2027-07-trafficking-in-persons'));
    expect(ids('toolkit stakeholder')).toEqual(['resource:toolkit-stakeholder-engagement']);
    expect(ids('observatory')).toEqual(['input:abc']);
  });

  it('ignores accents in the query and in the text', () => {
    expect(ids('panama proteccion')).toEqual(['event:events/2027-04-panama']);
    expect(ids('PANAMÁ')).toEqual(['event:events/2027-04-panama']);
  });

  it('forgives a simple typo and finds words by their beginning', () => {
    expect(ids('trafficing')).toContain('event:dialogues/2027-07-trafficking-in-persons');
    expect(ids('smugg')).toContain('event:events/2027-02-nairobi');
  });

  it('filters by kind and by topic', () => {
    expect(ids('trafficking', { kind: 'topic' })).toEqual(['topic:trafficking-in-persons']);
    expect(ids('trafficking', { topic: 'smuggling-of-migrants' })).toEqual(['event:events/2027-02-nairobi']);
  });

  it('marks the matching words in the title and excerpt, as written', () => {
    const [hit] = index.search('panama', { kind: 'event' });
    expect(hit!.title.filter((segment) => segment.match).map((segment) => segment.text)).toEqual(['Panamá']);
    expect(hit!.title.map((segment) => segment.text).join('')).toBe('Taller regional sobre armas de fuego en Panamá');
  });

  it('ranks a past event below the same match still to come', () => {
    const past = portalEvent('2026-07-firearms', { title: 'Constructive dialogue on firearms', start: '2026-07-01T10:00', end: '2026-07-01T18:00' });
    const coming = portalEvent('2027-07-firearms', { title: 'Constructive dialogue on firearms', start: '2027-07-01T10:00', end: '2027-07-01T18:00' });
    const both = new SiteSearchIndex([eventDocument(past), eventDocument(coming)]);
    expect(both.search('firearms dialogue', {}, 10, new Date('2026-12-01T12:00:00Z')).map((hit) => hit.document.id)).toEqual(['event:dialogues/2027-07-firearms', 'event:dialogues/2026-07-firearms']);
    expect(both.search('firearms dialogue', {}, 10, new Date('2020-01-01T00:00:00Z'))[0]!.score).toBe(both.search('firearms dialogue', {}, 10, new Date('2020-01-01T00:00:00Z'))[1]!.score);
  });

  it('finds nothing for words that are nowhere', () => {
    expect(ids('zzzzqqq')).toEqual([]);
  });

  it('keeps the other words’ matches when one word matches nothing', () => {
    expect(ids('nairobi qwxzv')).toEqual(['event:events/2027-02-nairobi']);
  });
});

describe('highlighting', () => {
  it('marks whole words only, keeping punctuation and spacing', () => {
    expect(highlight('Arms, armaments and arms.', new Set(['arms']))).toEqual([
      { text: 'Arms', match: true },
      { text: ', armaments and ', match: false },
      { text: 'arms', match: true },
      { text: '.', match: false },
    ]);
  });
});

describe('the search query', () => {
  const schema = searchQuerySchema(['firearms']);
  it('names a kind or topic that does not exist, and a query that is too long', () => {
    expect(schema.safeParse({ q: 'x', kind: 'planets' }).error?.issues[0]?.message).toBe('Choose a kind from the list.');
    expect(schema.safeParse({ q: 'x', topic: 'astronomy' }).error?.issues[0]?.message).toBe('Choose a topic from the list.');
    expect(schema.safeParse({ q: 'x'.repeat(201) }).error?.issues[0]?.message).toBe('Use at most 200 characters.');
    expect(schema.parse({ q: '  arms  ', kind: '', topic: '' })).toEqual({ q: 'arms' });
  });
});
