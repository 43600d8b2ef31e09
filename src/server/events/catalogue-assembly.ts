// The catalogue as one list made of two sources: the Markdown files built into
// the portal and the events the secretariat stores in the database. A stored
// event with the name of a file replaces it (the stored version wins once the
// event was edited in the browser); one unpublished hides it. Kept free of
// `astro:*` so tests can assemble catalogues from plain data.
import { renderMarkdown } from '../markdown/render-markdown';
import type { CollectionName } from '../content-directory';
import type { StoredEventChange } from '../event-editor/stored-event-changes';
import { toPortalEvent, type PortalEvent } from './portal-event';
import { indexEvents, type EventSelector } from './event-index';
import { contentIn, type ContentText, type ContentTranslations } from '../translations/content-text';
import type { Locale } from '../../i18n/index';

export interface CatalogueTopic<Entry = unknown> {
  slug: string;
  title: string;
  summary: string;
  order: number;
  entry: Entry;
  /** Title, summary and body in other languages, by locale; read through contentIn(). */
  translations?: ContentTranslations;
}

export interface CatalogueOf<FileEntry, TopicEntry = unknown> {
  /** All events of the three collections, earliest start first. */
  events: PortalEvent[];
  topics: CatalogueTopic<TopicEntry>[];
  topicSlugs: string[];
  topicTitles: ReadonlyMap<string, string>;
  /** The topics' titles as a page in `locale` shows them (translated where a translation exists). */
  topicTitlesIn(locale: Locale): ReadonlyMap<string, string>;
  /** Each topic's words in `locale`, with the language they are in (the original where not translated). */
  topicTextsIn(locale: Locale): ReadonlyMap<string, ContentText>;
  /** The Markdown file behind an event the page shows from a file; undefined for a stored one. */
  entryOf(event: PortalEvent): FileEntry | undefined;
  /** The built file of that name, whatever the database says (the editor starts from it). */
  fileEntry(collection: CollectionName, slug: string): FileEntry | undefined;
  /** The translation files of that file, whatever the database says (the editor prefills its sections with them). */
  fileTranslations(collection: CollectionName, slug: string): ContentTranslations | undefined;
  /** Sanitised HTML of a stored event's body; undefined for one from a file. */
  storedBodyHtml(event: PortalEvent): string | undefined;
  /** Whether the page shows a version stored in the database. */
  isStored(event: PortalEvent): boolean;
  findEvent(collection: CollectionName, slug: string): PortalEvent | undefined;
  /** The events of one collection, topic and format (each optional), in catalogue order. */
  select: EventSelector;
  /** By "<collection>/<slug>", the key registrations and fingerprints store. */
  findEventByKey(key: string): PortalEvent | undefined;
  /** The first instant after `now` at which what a page says about some event changes by itself (it starts or ends, a window opens or closes). */
  nextChangeAfter(now: Date): Date | undefined;
}

export interface FileSource<FileEntry, TopicEntry> {
  topics: CatalogueTopic<TopicEntry>[];
  /** Sorted as the catalogue is. */
  events: PortalEvent[];
  entries: ReadonlyMap<string, FileEntry>;
}

interface StoredShown {
  event: PortalEvent;
  body: string;
}

/** What one instance knows of the stored events: applied change by change, never re-read whole. */
export class StoredEventState {
  /** By event key: the event shown, or null when the key is hidden (a file's too). */
  private readonly shown = new Map<string, StoredShown | null>();
  lastSeq = 0;

  /** Applies changes read from the database; true when the catalogue must be assembled again. */
  apply(changes: readonly StoredEventChange[], topicTitles: ReadonlyMap<string, string>): boolean {
    for (const change of changes) {
      this.lastSeq = Math.max(this.lastSeq, change.changeSeq);
      if (change.shown) {
        this.shown.set(change.eventKey, { event: toPortalEvent(change.collection, change.slug, change.shown.data, topicTitles, change.shown.translations), body: change.shown.body });
      } else if (change.neverPublished) {
        this.shown.delete(change.eventKey);
      } else {
        this.shown.set(change.eventKey, null);
      }
    }
    return changes.length > 0;
  }

  entries(): IterableIterator<[string, StoredShown | null]> {
    return this.shown.entries();
  }
}

const byStartThenTitle = (a: PortalEvent, b: PortalEvent) => a.start.getTime() - b.start.getTime() || a.title.localeCompare(b.title);

export function assembleCatalogue<FileEntry, TopicEntry>(files: FileSource<FileEntry, TopicEntry>, stored: StoredEventState): CatalogueOf<FileEntry, TopicEntry> {
  const replaced = new Set<string>();
  const storedEvents: PortalEvent[] = [];
  const bodies = new WeakMap<PortalEvent, string>();
  for (const [key, shown] of stored.entries()) {
    replaced.add(key);
    if (!shown) continue;
    storedEvents.push(shown.event);
    bodies.set(shown.event, shown.body);
  }
  const events = replaced.size
    ? [...files.events.filter((event) => !replaced.has(`${event.collection}/${event.slug}`)), ...storedEvents].sort(byStartThenTitle)
    : files.events;
  const byKey = new Map(events.map((event) => [`${event.collection}/${event.slug}`, event]));
  const fileEvents = new Map(files.events.map((event) => [`${event.collection}/${event.slug}`, event]));
  const changes = timeBoundaries(events);
  const topicTitles = new Map(files.topics.map((topic) => [topic.slug, topic.title]));
  const localTopicTitles = new Map<Locale, ReadonlyMap<string, string>>();
  const localTopicTexts = new Map<Locale, ReadonlyMap<string, ContentText>>();
  // Rendered on first view, not for every stored event at each change.
  const html = new WeakMap<PortalEvent, string>();

  return {
    events,
    topics: files.topics,
    topicSlugs: files.topics.map((topic) => topic.slug),
    topicTitles,
    topicTitlesIn(locale) {
      let titles = localTopicTitles.get(locale);
      if (!titles) localTopicTitles.set(locale, (titles = new Map(files.topics.map((topic) => [topic.slug, contentIn(topic, locale).title]))));
      return titles;
    },
    topicTextsIn(locale) {
      let texts = localTopicTexts.get(locale);
      if (!texts) localTopicTexts.set(locale, (texts = new Map(files.topics.map((topic) => [topic.slug, contentIn(topic, locale)]))));
      return texts;
    },
    entryOf: (event) => (bodies.has(event) ? undefined : files.entries.get(`${event.collection}/${event.slug}`)),
    fileEntry: (collection, slug) => files.entries.get(`${collection}/${slug}`),
    fileTranslations: (collection, slug) => fileEvents.get(`${collection}/${slug}`)?.translations,
    storedBodyHtml(event) {
      const body = bodies.get(event);
      if (body === undefined) return undefined;
      let rendered = html.get(event);
      if (rendered === undefined) html.set(event, (rendered = renderMarkdown(body)));
      return rendered;
    },
    isStored: (event) => bodies.has(event),
    select: indexEvents(events),
    findEvent: (collection, slug) => byKey.get(`${collection}/${slug}`),
    findEventByKey: (key) => byKey.get(key),
    nextChangeAfter: (now) => firstAfter(changes, now.getTime()),
  };
}

export function sortEvents(events: PortalEvent[]): PortalEvent[] {
  return events.sort(byStartThenTitle);
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
