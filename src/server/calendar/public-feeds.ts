// Which events a public feed holds and what it is called, from its address
// and query (?topic=&kind=&format=, combinable).
import { FORMATS } from '../events/schema';
import { COLLECTIONS, type CollectionName } from '../content-directory';
import type { PortalEvent } from '../events/portal-event';
import { assembleFeed, type Feed } from './feeds';
import type { EventVersion } from './event-versions';

export interface FeedScope {
  collection?: CollectionName;
  topic?: string;
  kind?: string;
  format?: string;
}

export interface FeedSource {
  events: readonly PortalEvent[];
  topicSlugs: readonly string[];
  topicTitles: ReadonlyMap<string, string>;
}

const COLLECTION_NAMES: Record<CollectionName, string> = { events: 'Events', 'side-events': 'Side events', dialogues: 'Dialogues' };
const FORMAT_NAMES: Record<string, string> = { 'in-person': 'In person', online: 'Online', hybrid: 'Hybrid' };

/** The scope from a feed's query string, or the name of the parameter that is wrong. */
export function feedScopeFrom(params: URLSearchParams, base: FeedScope, source: FeedSource): { scope: FeedScope } | { invalid: string } {
  const scope: FeedScope = { ...base };
  const topic = params.get('topic');
  const kind = params.get('kind');
  const format = params.get('format');
  const kinds = new Set([...COLLECTIONS, ...source.events.map((event) => event.kind)]);
  if (topic) {
    if (!source.topicSlugs.includes(topic)) return { invalid: 'topic' };
    scope.topic = topic;
  }
  if (kind) {
    if (!kinds.has(kind)) return { invalid: 'kind' };
    scope.kind = kind;
  }
  if (format) {
    if (!(FORMATS as readonly string[]).includes(format)) return { invalid: 'format' };
    scope.format = format;
  }
  return { scope };
}

export function eventsInScope(events: readonly PortalEvent[], scope: FeedScope): PortalEvent[] {
  return events.filter(
    (event) =>
      (!scope.collection || event.collection === scope.collection) &&
      (!scope.topic || event.topics.includes(scope.topic)) &&
      (!scope.kind || event.collection === scope.kind || event.kind === scope.kind) &&
      (!scope.format || event.format === scope.format),
  );
}

/** "WhatsOn - Firearms, Online": what the feed is, as calendar apps show it. */
export function feedName(scope: FeedScope, source: FeedSource): string {
  const parts = [
    scope.collection && COLLECTION_NAMES[scope.collection],
    scope.topic && source.topicTitles.get(scope.topic),
    scope.kind && scope.kind !== scope.collection && (COLLECTION_NAMES[scope.kind as CollectionName] ?? scope.kind),
    scope.format && FORMAT_NAMES[scope.format],
  ].filter(Boolean);
  // Joined with a middle dot: a comma would have to be escaped in TEXT values, which not every client undoes.
  return `WhatsOn - ${parts.length ? parts.join(' · ') : 'All events'}`;
}

// Per catalogue (its event list) and versions: a change saved in the browser makes a new list.
const feedsByCatalogue = new WeakMap<readonly PortalEvent[], WeakMap<ReadonlyMap<string, EventVersion>, Map<string, Feed>>>();

/**
 * A catalogue's events do not change, so a feed once assembled is kept with
 * it; the key includes everything else that shapes it.
 */
export function publicFeed(scope: FeedScope, source: FeedSource, versions: ReadonlyMap<string, EventVersion>, origin: string): Feed {
  const key = JSON.stringify([scope.collection, scope.topic, scope.kind, scope.format, origin]);
  let byVersions = feedsByCatalogue.get(source.events);
  if (!byVersions) feedsByCatalogue.set(source.events, (byVersions = new WeakMap()));
  let feeds = byVersions.get(versions);
  if (!feeds) byVersions.set(versions, (feeds = new Map()));
  let feed = feeds.get(key);
  if (!feed) {
    feed = assembleFeed(feedName(scope, source), eventsInScope(source.events, scope), versions, origin);
    feeds.set(key, feed);
  }
  return feed;
}

export function singleEventFeed(event: PortalEvent, versions: ReadonlyMap<string, EventVersion>, origin: string): Feed {
  return assembleFeed(`WhatsOn - ${event.title}`, [event], versions, origin);
}
