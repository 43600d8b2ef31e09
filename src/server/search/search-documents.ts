// What each kind of thing looks like to the search: the catalogue's events and
// topics, the knowledge hub's entries, and published written input.
import type { PortalEvent } from '../events/portal-event';
import { eventPath } from '../events/portal-event';
import { eventKey } from '../registrations/application-window';
import type { Resource } from '../resources/resource-list';
import type { SubmissionSummary } from '../submissions/submission-lists';
import type { SearchDocument } from './site-search';
import { markdownToPlainText } from '../markdown/render-markdown';
import { contentIn, type ContentTranslations } from '../translations/content-text';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/index';

/**
 * The words a locale's index finds an event or topic by besides its shown
 * title and summary: the original's (a French reader may type the English
 * name) and the translation's body.
 */
function translatedExtra(original: string, body: string | undefined): string {
  return body ? `${original} ${markdownToPlainText(body, 20_000)}` : original;
}

/** An event as the index of `locale` holds it: its translation's words when it has one. */
export function eventDocument(event: PortalEvent, locale: Locale = DEFAULT_LOCALE): SearchDocument {
  const text = contentIn(event, locale);
  return {
    id: `event:${eventKey(event)}`,
    kind: 'event',
    title: text.title,
    excerpt: text.summary,
    extra: text.untranslated || locale === DEFAULT_LOCALE ? event.searchText : translatedExtra(`${event.title} ${event.summary} ${event.searchText}`, text.body),
    lang: text.lang,
    topics: event.topics,
    href: eventPath(event),
    date: event.start.toISOString(),
    endsAt: event.end.getTime(),
  };
}

export function topicDocument(topic: { slug: string; title: string; summary: string; body?: string; translations?: ContentTranslations }, locale: Locale = DEFAULT_LOCALE): SearchDocument {
  const text = contentIn(topic, locale);
  const extra = text.untranslated || locale === DEFAULT_LOCALE ? (topic.body ?? '') : translatedExtra(`${topic.title} ${topic.summary} ${topic.body ?? ''}`, text.body);
  return { id: `topic:${topic.slug}`, kind: 'topic', title: text.title, excerpt: text.summary, extra, topics: [topic.slug], href: `/topics/${topic.slug}`, lang: text.lang };
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
    lang: 'en',
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
