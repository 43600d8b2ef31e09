// What the public pages show, computed from the catalogue. Pure functions of
// (events, now) so they are tested without Astro.
import type { CollectionName } from '../content-directory';
import { listEvents, parseListingQuery, type ListingErrors, type ListingPage, type ListingQuery } from './listing';
import type { PortalEvent } from './portal-event';
import type { EventSelector } from './event-index';
import { applicationWindow } from '../registrations/application-window';
import { isCallOpen } from '../submissions/calls';

export interface EventSource {
  events: readonly PortalEvent[];
  topicSlugs: readonly string[];
}

export interface Listing {
  query: ListingQuery;
  errors: ListingErrors;
  result: ListingPage;
}

export function browseListing(source: EventSource & { select: EventSelector }, collection: CollectionName | undefined, params: URLSearchParams, now: Date): Listing {
  const { query, errors } = parseListingQuery(params, source.topicSlugs);
  // The group holds only events of that topic and format: they need no checking again.
  return { query, errors, result: listEvents(source.select(collection, query.topic, query.format), { ...query, topic: undefined, format: undefined }, now) };
}

export interface Deadline {
  event: PortalEvent;
  closes: Date;
  what: 'registration' | 'call-for-input';
}

/** Applications and calls for input that are open now, the soonest to close first. */
export function listClosingDeadlines(events: readonly PortalEvent[], now: Date, limit = 5): Deadline[] {
  const deadlines: Deadline[] = [];
  for (const event of events) {
    if (event.status === 'cancelled') continue;
    const applications = applicationWindow(event, now);
    if (applications.open) deadlines.push({ event, closes: applications.closes!, what: 'registration' });
    const { callForInput } = event;
    if (callForInput && isCallOpen(callForInput, now)) {
      deadlines.push({ event, closes: callForInput.closes, what: 'call-for-input' });
    }
  }
  return deadlines.sort((a, b) => a.closes.getTime() - b.closes.getTime()).slice(0, limit);
}

export function listUpcomingEvents(events: readonly PortalEvent[], now: Date, limit: number): PortalEvent[] {
  return events.filter((event) => event.end >= now).slice(0, limit);
}

export interface HomeOverview {
  next: PortalEvent[];
  deadlines: Deadline[];
}

export function summariseHome(source: EventSource, now: Date): HomeOverview {
  return { next: listUpcomingEvents(source.events, now, 6), deadlines: listClosingDeadlines(source.events, now) };
}

export interface TopicEvents {
  upcoming: PortalEvent[];
  past: PortalEvent[];
}

export function listTopicEvents(source: EventSource, topic: string, now: Date): TopicEvents {
  const tagged = source.events.filter((event) => event.topics.includes(topic));
  return {
    upcoming: tagged.filter((event) => event.end >= now),
    past: tagged.filter((event) => event.end < now).reverse(),
  };
}
