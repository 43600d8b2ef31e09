// The knowledge hub: its front matter, its filters, and what an event or a
// topic page lists.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourceSchema } from '../../src/server/resources/schema';
import { ResourceShelf, type Resource } from '../../src/server/resources/resource-list';
import { browseResources } from '../../src/server/resources/browse-resources';
import { TOPIC_SLUGS } from '../support/event-fixtures';

const publicDir = mkdtempSync(join(tmpdir(), 'whatson-public-'));
mkdirSync(join(publicDir, 'resources'));
writeFileSync(join(publicDir, 'resources', 'toolkit.pdf'), '%PDF-1.7');
const schema = resourceSchema(TOPIC_SLUGS, publicDir);
const base = { title: 'Toolkit', type: 'toolkit', summary: 'How to engage.', date: '2026-10-15' };

describe('resource front matter', () => {
  it('takes a link or a file in public/resources/', () => {
    expect(schema.parse({ ...base, file: '/resources/toolkit.pdf' })).toMatchObject({ file: '/resources/toolkit.pdf', languages: ['en'], topics: [], illustrative: false });
    expect(schema.parse({ ...base, link: 'https://www.unodc.org/toolkit' }).link).toBe('https://www.unodc.org/toolkit');
  });

  it('refuses both, neither, a missing file, an unknown topic and a badly named event', () => {
    const messages = (data: object) => schema.safeParse({ ...base, ...data }).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(messages({ link: 'https://example.org', file: '/resources/toolkit.pdf' })).toEqual(['link: give either a link or a file, not both and not neither']);
    expect(messages({})).toEqual(['link: give either a link or a file, not both and not neither']);
    expect(messages({ file: '/resources/missing.pdf' })).toEqual(['file: names a file that is not in public/resources/']);
    expect(messages({ file: '/resources/toolkit.pdf', topics: ['astronomy'] })?.[0]).toMatch(/^topics.0: unknown topic "astronomy"/);
    expect(messages({ file: '/resources/toolkit.pdf', events: ['firearms'] })).toEqual(['events.0: must name an event as collection/slug, such as dialogues/2027-07-firearms']);
  });
});

function resource(slug: string, overrides: Partial<Resource>): Resource {
  return { slug, title: slug, type: 'guide', summary: '', topics: [], languages: ['en'], date: '2026-01-01', events: [], order: 0, illustrative: true, href: `https://example.org/${slug}`, bodyText: '', link: `https://example.org/${slug}`, ...overrides };
}

const shelf = new ResourceShelf([
  resource('toolkit', { title: 'Toolkit on Stakeholder Engagement', type: 'toolkit', topics: ['organized-crime'], languages: ['en', 'fr'], date: '2026-10-15' }),
  resource('chapter-2', { title: 'Preparing for a dialogue', type: 'chapter', partOf: 'toolkit', order: 2, topics: ['firearms'], events: ['dialogues/2027-03-firearms'], date: '2026-10-15' }),
  resource('chapter-1', { title: 'The Review Mechanism in brief', type: 'chapter', partOf: 'toolkit', order: 1, topics: ['firearms'], date: '2026-10-15' }),
  resource('summary', { title: 'Co-chairs’ summary', type: 'co-chairs-summary', topics: ['firearms'], events: ['dialogues/2027-03-firearms'], summary: 'Marking and récord-keeping.', date: '2027-04-01' }),
]);

describe('the knowledge hub', () => {
  it('filters by type, topic, language and words (accents ignored), newest first', () => {
    expect(shelf.filter({}).map((entry) => entry.slug)).toEqual(['summary', 'toolkit', 'chapter-1', 'chapter-2']);
    expect(shelf.filter({ type: 'chapter' }).map((entry) => entry.slug)).toEqual(['chapter-1', 'chapter-2']);
    expect(shelf.filter({ language: 'fr' }).map((entry) => entry.slug)).toEqual(['toolkit']);
    expect(shelf.filter({ topic: 'firearms', q: 'RECORD keeping' }).map((entry) => entry.slug)).toEqual(['summary']);
  });

  it('lists for an event or topic page what is linked to it, the toolkit’s chapters in order', () => {
    expect(shelf.linkedTo({ event: 'dialogues/2027-03-firearms' }).map((entry) => entry.slug)).toEqual(['summary', 'chapter-2']);
    expect(shelf.linkedTo({ topic: 'firearms' }).map((entry) => entry.slug)).toEqual(['summary', 'chapter-1', 'chapter-2']);
    expect(shelf.chaptersOf('toolkit').map((entry) => entry.slug)).toEqual(['chapter-1', 'chapter-2']);
  });

  it('names a filter that does not exist and still applies the others', () => {
    const page = browseResources(shelf, TOPIC_SLUGS, new URLSearchParams('type=poster&topic=firearms'));
    expect(page.errors).toEqual({ type: 'Choose a type from the list.' });
    expect(page.resources.map((entry) => entry.slug)).toEqual(['summary', 'chapter-1', 'chapter-2']);
  });
});
