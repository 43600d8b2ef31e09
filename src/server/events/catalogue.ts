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

async function readFiles(): Promise<FileSource<CollectionEntry<CollectionName>, CollectionEntry<'topics'>>> {
  const topicEntries = await getCollection('topics');
  const topics = topicEntries
    .map((entry) => ({ slug: entry.id, title: entry.data.title, summary: entry.data.summary, order: entry.data.order, entry }))
    .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  const topicTitles = new Map(topics.map((topic) => [topic.slug, topic.title]));

  const entries = new Map<string, CollectionEntry<CollectionName>>();
  const events: PortalEvent[] = [];
  for (const collection of COLLECTIONS) {
    for (const entry of await getCollection(collection)) {
      events.push(toPortalEvent(collection, entry.id, entry.data, topicTitles));
      entries.set(`${collection}/${entry.id}`, entry);
    }
  }
  return { topics, events: sortEvents(events), entries };
}
