// What each kind of thing looks like to the search: the catalogue's events and
// topics, the knowledge hub's entries, and published written input.
import type { PortalEvent } from '../events/portal-event';
import { eventPath } from '../events/portal-event';
import { eventKey } from '../registrations/application-window';
import type { Resource } from '../resources/resource-list';
import type { SubmissionSummary } from '../submissions/submission-lists';
import type { SearchDocument } from './site-search';
import { markdownToPlainText } from '../markdown/render-markdown';

export function eventDocument(event: PortalEvent): SearchDocument {
  return {
    id: `event:${eventKey(event)}`,
    kind: 'event',
    title: event.title,
    excerpt: event.summary,
    extra: event.searchText,
    topics: event.topics,
    href: eventPath(event),
    date: event.start.toISOString(),
    endsAt: event.end.getTime(),
  };
}

export function topicDocument(topic: { slug: string; title: string; summary: string; body?: string }): SearchDocument {
  return { id: `topic:${topic.slug}`, kind: 'topic', title: topic.title, excerpt: topic.summary, extra: topic.body ?? '', topics: [topic.slug], href: `/topics/${topic.slug}` };
}

export function resourceDocument(resource: Resource): SearchDocument {
  return {
    id: `resource:${resource.slug}`,
    kind: 'resource',
    title: resource.title,
    excerpt: resource.summary,
    extra: resource.bodyText,
    topics: resource.topics,
    href: resource.href,
    date: resource.date,
  };
}

export function inputDocument(input: SubmissionSummary): SearchDocument {
  return {
    id: `input:${input.id}`,
    kind: 'input',
    title: input.title,
    excerpt: markdownToPlainText([input.body, ...input.answers].join('\n\n'), 2000),
    extra: input.organisationName,
    topics: input.topics,
    href: `/submissions/${input.id}`,
    date: input.publishedAt ?? undefined,
  };
}
