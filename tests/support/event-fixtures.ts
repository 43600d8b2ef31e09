// Builds events the way the content loader does, from front-matter-like data.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CollectionName } from '../../src/server/content-directory';
import { contentToMarkdown } from '../../src/server/event-editor/event-files';
import { toPortalEvent, type EventEntryData, type PortalEvent } from '../../src/server/events/portal-event';

export const TOPIC_TITLES = new Map([
  ['trafficking-in-persons', 'Trafficking in persons'],
  ['smuggling-of-migrants', 'Smuggling of migrants'],
  ['firearms', 'Firearms'],
  ['organized-crime', 'Transnational organized crime'],
  ['international-cooperation', 'International cooperation'],
  ['technical-assistance', 'Technical assistance'],
]);
export const TOPIC_SLUGS = [...TOPIC_TITLES.keys()];

/** The fields an author writes for a dialogue, before the schema fills in its defaults. */
export const WRITTEN_FRONT_MATTER = {
  title: 'Constructive dialogue on firearms',
  summary: 'Civil society and States discuss the Firearms Protocol.',
  start: '2027-03-10T10:00',
  end: '2027-03-10T18:00',
  timezone: 'Europe/Vienna',
  format: 'hybrid',
  venue: { site: 'Vienna International Centre', room: 'Boardroom D', city: 'Vienna', country: 'AT' },
  topics: ['firearms'],
  organisers: ['UNODC Civil Society Unit'],
} as const;

export function frontMatter(overrides: Partial<EventEntryData> = {}): EventEntryData {
  return {
    ...WRITTEN_FRONT_MATTER,
    venue: { ...WRITTEN_FRONT_MATTER.venue },
    topics: [...WRITTEN_FRONT_MATTER.topics],
    organisers: [...WRITTEN_FRONT_MATTER.organisers],
    languages: ['en'],
    status: 'scheduled',
    documents: [],
    illustrative: true,
    ...overrides,
  };
}

export function portalEvent(slug: string, overrides: Partial<EventEntryData> = {}, collection: CollectionName = 'dialogues'): PortalEvent {
  return toPortalEvent(collection, slug, frontMatter(overrides), TOPIC_TITLES);
}

/**
 * Two dialogue files in `folder`/dialogues whose addresses are not their file
 * names, each with a French translation beside it: `named.md` chooses
 * `chosen-slug` in its front matter, `Firearms Dialogue!.md` becomes
 * `firearms-dialogue`.
 */
export function writeDialoguesNamedOtherwise(folder: string): void {
  const dialogue = (title: string, extra: object = {}) => contentToMarkdown({ ...frontMatter({ workingGroup: 'firearms', title }), ...extra }, 'Body.');
  writeFileSync(join(folder, 'dialogues', 'named.md'), dialogue('Named in its front matter', { slug: 'chosen-slug' }));
  writeFileSync(join(folder, 'dialogues', 'named.fr.md'), contentToMarkdown({ title: 'Nommé dans son en-tête', summary: 'Un résumé.' }, ''));
  writeFileSync(join(folder, 'dialogues', 'Firearms Dialogue!.md'), dialogue('Named by its file'));
  writeFileSync(join(folder, 'dialogues', 'Firearms Dialogue!.fr.md'), contentToMarkdown({ title: 'Nommé par son fichier', summary: 'Un résumé.' }, ''));
}
