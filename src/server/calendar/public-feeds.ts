// Which events a public feed holds and what it is called, from its address
// and query (?topic=&kind=&format=, combinable).
import { contentIn } from '../translations/content-text';
import { FORMATS } from '../events/schema';
import { COLLECTIONS, isCollectionName, type CollectionName } from '../content-directory';
import type { PortalEvent } from '../events/portal-event';
import { assembleFeed, type Feed } from './feeds';
import type { EventVersion } from './event-versions';
import { DEFAULT_LOCALE, messagesFor, type Locale } from '../../i18n/index';
import { say } from '../mail/mail-text';

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
export function feedName(scope: FeedScope, source: FeedSource, locale: Locale = DEFAULT_LOCALE): string {
  const t = messagesFor(locale);
  // The short names of the main navigation ("Dialogues"), as calendar apps have little room.
  const collectionName = (name: string) => (isCollectionName(name) ? t.nav[name] : (t.kinds[name] ?? name));
  const parts = [
    scope.collection && collectionName(scope.collection),
    scope.topic && source.topicTitles.get(scope.topic),
    scope.kind && scope.kind !== scope.collection && collectionName(scope.kind),
    scope.format && t.formats[scope.format as keyof typeof t.formats],
  ].filter(Boolean);
  // Joined with a middle dot: a comma would have to be escaped in TEXT values, which not every client undoes.
  return `WhatsOn - ${parts.length ? parts.join(' · ') : say(locale, 'calendar.allEvents')}`;
}

// Per catalogue (its event list) and versions: a change saved in the browser makes a new list.
const feedsByCatalogue = new WeakMap<readonly PortalEvent[], WeakMap<ReadonlyMap<string, EventVersion>, Map<string, Feed>>>();

/**
 * A catalogue's events do not change, so a feed once assembled is kept with
 * it; the key includes everything else that shapes it.
 */
export function publicFeed(scope: FeedScope, source: FeedSource, versions: ReadonlyMap<string, EventVersion>, origin: string, locale: Locale = DEFAULT_LOCALE): Feed {
  const key = JSON.stringify([scope.collection, scope.topic, scope.kind, scope.format, origin, locale]);
  let byVersions = feedsByCatalogue.get(source.events);
  if (!byVersions) feedsByCatalogue.set(source.events, (byVersions = new WeakMap()));
  let feeds = byVersions.get(versions);
  if (!feeds) byVersions.set(versions, (feeds = new Map()));
  let feed = feeds.get(key);
  if (!feed) {
    feed = assembleFeed(feedName(scope, source, locale), eventsInScope(source.events, scope), versions, origin, undefined, locale);
    feeds.set(key, feed);
  }
  return feed;
}

export function singleEventFeed(event: PortalEvent, versions: ReadonlyMap<string, EventVersion>, origin: string, locale: Locale = DEFAULT_LOCALE): Feed {
  return assembleFeed(`WhatsOn - ${contentIn(event, locale).title}`, [event], versions, origin, undefined, locale);
}
