// The published events and topics, read once from Astro's content store. The
// store is fixed at build time, so one load serves the life of the process.
import { getCollection, type CollectionEntry } from 'astro:content';
import { COLLECTIONS, type CollectionName } from '../content-directory';
import { toPortalEvent, type PortalEvent } from './portal-event';
import { indexEvents, type EventSelector } from './event-index';

export interface Topic {
  slug: string;
  title: string;
  summary: string;
  order: number;
  entry: CollectionEntry<'topics'>;
}

export interface Catalogue {
  /** All events of the three collections, earliest start first. */
  events: PortalEvent[];
  topics: Topic[];
  topicSlugs: string[];
  topicTitles: ReadonlyMap<string, string>;
  entryOf(event: PortalEvent): CollectionEntry<CollectionName>;
  findEvent(collection: CollectionName, slug: string): PortalEvent | undefined;
  /** The events of one collection, topic and format (each optional), in catalogue order. */
  select: EventSelector;
  /** By "<collection>/<slug>", the key registrations and fingerprints store. */
  findEventByKey(key: string): PortalEvent | undefined;
  /** The first instant after `now` at which what a page says about some event changes by itself (it starts or ends, a window opens or closes). */
  nextChangeAfter(now: Date): Date | undefined;
}

let loading: Promise<Catalogue> | undefined;

export function loadCatalogue(): Promise<Catalogue> {
  loading ??= readCatalogue();
  return loading;
}

async function readCatalogue(): Promise<Catalogue> {
  const topicEntries = await getCollection('topics');
  const topics = topicEntries
    .map((entry) => ({ slug: entry.id, title: entry.data.title, summary: entry.data.summary, order: entry.data.order, entry }))
    .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  const topicTitles = new Map(topics.map((topic) => [topic.slug, topic.title]));

  const entries = new Map<string, CollectionEntry<CollectionName>>();
  const events: PortalEvent[] = [];
  for (const collection of COLLECTIONS) {
    for (const entry of await getCollection(collection)) {
      const event = toPortalEvent(collection, entry.id, entry.data, topicTitles);
      entries.set(`${collection}/${entry.id}`, entry);
      events.push(event);
    }
  }
  events.sort((a, b) => a.start.getTime() - b.start.getTime() || a.title.localeCompare(b.title));
  const byKey = new Map(events.map((event) => [`${event.collection}/${event.slug}`, event]));
  const changes = timeBoundaries(events);

  return {
    events,
    topics,
    topicSlugs: topics.map((topic) => topic.slug),
    topicTitles,
    entryOf: (event) => entries.get(`${event.collection}/${event.slug}`)!,
    select: indexEvents(events),
    findEvent: (collection, slug) => byKey.get(`${collection}/${slug}`),
    findEventByKey: (key) => byKey.get(key),
    nextChangeAfter: (now) => firstAfter(changes, now.getTime()),
  };
}

function timeBoundaries(events: readonly PortalEvent[]): number[] {
  const instants = events.flatMap((event) => [event.start, event.end, event.registration?.opens, event.registration?.closes, event.callForInput?.opens, event.callForInput?.closes]);
  return [...new Set(instants.filter((instant): instant is Date => instant !== undefined).map((instant) => instant.getTime()))].sort((a, b) => a - b);
}

/** Binary search in ascending `instants`. */
function firstAfter(instants: readonly number[], time: number): Date | undefined {
  let low = 0;
  let high = instants.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (instants[middle]! <= time) low = middle + 1;
    else high = middle;
  }
  return low < instants.length ? new Date(instants[low]!) : undefined;
}
