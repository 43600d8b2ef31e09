// The published events and topics: the Markdown files built into the portal
// (read once: they are fixed for the life of the process) and the events the
// secretariat stores in the database, which every instance follows by asking
// for changes at most twice a second, and at once when the public data
// version moves (so a page kept under a new version never shows older events).
import { getCollection, type CollectionEntry } from 'astro:content';
import { COLLECTIONS, type CollectionName } from '../content-directory';
import { database } from '../db/index';
import { toPortalEvent, type PortalEvent } from './portal-event';
import { sortEvents, type CatalogueOf, type CatalogueTopic, type FileSource } from './catalogue-assembly';
import { catalogueRefresher } from './catalogue-refresh';
import { readStoredEventChanges } from '../event-editor/stored-event-changes';
import { takeCheckRequest } from '../event-editor/catalogue-freshness';
import { basename } from 'node:path';
import { isLocale, type Locale } from '../../i18n/index';
import type { ContentTranslations } from '../translations/content-text';

export type Topic = CatalogueTopic<CollectionEntry<'topics'>>;
export type Catalogue = CatalogueOf<CollectionEntry<CollectionName>, CollectionEntry<'topics'>>;

/** The longest a change saved through another instance stays unseen here (as the page cache's version). */
const STORED_REFRESH_MS = 500;

export const loadCatalogue: () => Promise<Catalogue> = catalogueRefresher({
  files: readFiles,
  readChanges: (sinceSeq) => readStoredEventChanges(database().db, sinceSeq),
  checkRequested: () => takeCheckRequest('events'),
  refreshMs: STORED_REFRESH_MS,
});

type FileEntry = CollectionEntry<CollectionName>;

/** Translation files by "<collection or topics>/<entry id>.<locale>": fixed for the life of the process, as the files are. */
let translationFiles: Promise<Map<string, CollectionEntry<'translations'>>> | undefined;

/** The translation file of an event or topic ("dialogues/<slug>", "topics/<slug>") in `locale`, for Astro to render its body. */
export async function loadTranslationEntry(key: string, locale: Locale): Promise<CollectionEntry<'translations'> | undefined> {
  translationFiles ??= readTranslations().then(({ translationEntries }) => translationEntries);
  return (await translationFiles).get(`${key}.${locale}`);
}

async function readFiles(): Promise<FileSource<FileEntry, CollectionEntry<'topics'>>> {
  const { translationsOf } = await readTranslations();
  const topicEntries = await getCollection('topics');
  const topics = topicEntries
    .map((entry) => ({ slug: entry.id, title: entry.data.title, summary: entry.data.summary, order: entry.data.order, entry, translations: translationsOf('topics', entry) }))
    .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  const topicTitles = new Map(topics.map((topic) => [topic.slug, topic.title]));

  const entries = new Map<string, FileEntry>();
  const events: PortalEvent[] = [];
  for (const collection of COLLECTIONS) {
    for (const entry of await getCollection(collection)) {
      events.push(toPortalEvent(collection, entry.id, entry.data, topicTitles, translationsOf(collection, entry)));
      entries.set(`${collection}/${entry.id}`, entry);
    }
  }
  return { topics, events: sortEvents(events), entries };
}

/**
 * The translation files (checked when the collections were built, see
 * src/server/translations/translation-files.ts), by their original. A
 * translation is named after its original's file; the entry's id may differ
 * (a front-matter `slug`), so originals are matched by file name, and the
 * entries are kept under the id pages use: "<folder>/<id>.<locale>".
 */
async function readTranslations() {
  const byFile = new Map<string, Map<Locale, CollectionEntry<'translations'>>>();
  for (const entry of await getCollection('translations')) {
    const [, folder, name, locale] = /^([^/]+)\/([^.]+)\.([^.]+)$/.exec(entry.id) ?? [];
    if (!folder || !name || !locale || !isLocale(locale)) continue;
    const key = `${folder}/${name}`;
    if (!byFile.has(key)) byFile.set(key, new Map());
    byFile.get(key)!.set(locale, entry);
  }
  const translationEntries = new Map<string, CollectionEntry<'translations'>>();
  const translationsOf = (folder: string, original: { id: string; filePath?: string }): ContentTranslations => {
    const fileName = original.filePath ? basename(original.filePath, '.md') : original.id;
    const translations: ContentTranslations = {};
    for (const [locale, entry] of byFile.get(`${folder}/${fileName}`) ?? []) {
      translations[locale] = { title: entry.data.title, summary: entry.data.summary, body: entry.body ?? '' };
      translationEntries.set(`${folder}/${original.id}.${locale}`, entry);
    }
    return translations;
  };
  // Every original is named once, so the entries are complete after one pass over the collections.
  for (const folder of ['topics', ...COLLECTIONS] as const) for (const entry of await getCollection(folder)) translationsOf(folder, entry);
  return { translationsOf, translationEntries };
}
