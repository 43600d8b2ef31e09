// The /search page's one call: reads q, kind and topic (a bad value is named,
// never a 500) and searches. The index of the catalogue, topics and resources
// is built once per catalogue (it changes only when events do); published
// input has its own small index, rebuilt when the public data version moves.
import type { Kysely } from 'kysely';
import { portalNow } from '../clock';
import type { Database } from '../db/schema';
import { z } from '../validation';
import { issuesFromZod, type FieldIssues } from '../result';
import { zodKey } from '../../i18n/message';
import type { PortalEvent } from '../events/portal-event';
import type { Resource } from '../resources/resource-list';
import { listPublishedSubmissions } from '../submissions/submission-lists';
import { readPublicDataVersion } from '../public-cache/public-data-version';
import { SEARCH_KINDS, SiteSearchIndex, type SearchHit, type SearchKind } from './site-search';
import { eventDocument, inputDocument, resourceDocument, topicDocument } from './search-documents';
import type { ContentTranslations } from '../translations/content-text';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/index';

export interface SearchSources {
  events: readonly PortalEvent[];
  topics: readonly { slug: string; title: string; summary: string; body?: string; translations?: ContentTranslations }[];
  topicSlugs: readonly string[];
  resources: readonly Resource[];
  /** The page's language: each locale has its own index, of the translations where there are some. */
  locale?: Locale;
}

export interface SearchQuery {
  q: string;
  kind?: SearchKind;
  topic?: string;
}

/** How many published pieces of input the search looks through (the newest). */
const INPUT_LIMIT = 5000;

const catalogueIndexes = new WeakMap<readonly PortalEvent[], Map<Locale, SiteSearchIndex>>();
let inputIndex: { version: number; index: SiteSearchIndex } | undefined;

export function catalogueIndex(sources: SearchSources): SiteSearchIndex {
  const locale = sources.locale ?? DEFAULT_LOCALE;
  let byLocale = catalogueIndexes.get(sources.events);
  if (!byLocale) catalogueIndexes.set(sources.events, (byLocale = new Map()));
  let index = byLocale.get(locale);
  if (!index) {
    index = new SiteSearchIndex([
      ...sources.events.map((event) => eventDocument(event, locale)),
      ...sources.topics.map((topic) => topicDocument(topic, locale)),
      ...sources.resources.map(resourceDocument),
    ]);
    byLocale.set(locale, index);
  }
  return index;
}

async function publishedInputIndex(db: Kysely<Database>): Promise<SiteSearchIndex> {
  const version = await readPublicDataVersion(db);
  if (inputIndex?.version !== version) {
    const input = await listPublishedSubmissions(db, {}, INPUT_LIMIT);
    inputIndex = { version, index: new SiteSearchIndex(input.map(inputDocument)) };
  }
  return inputIndex.index;
}

export function searchQuerySchema(topicSlugs: readonly string[]) {
  return z.object({
    q: z.string().trim().max(200, zodKey('validation.tooLong')).default(''),
    kind: z
      .string()
      .optional()
      .transform((value) => value || undefined)
      .refine((value) => value === undefined || (SEARCH_KINDS as readonly string[]).includes(value), zodKey('validation.kindFromList'))
      .transform((value) => value as SearchKind | undefined),
    topic: z
      .string()
      .optional()
      .transform((value) => value || undefined)
      .refine((value) => value === undefined || topicSlugs.includes(value), zodKey('validation.topicFromList')),
  });
}

export interface SearchPage {
  query: SearchQuery;
  errors: FieldIssues;
  hits: SearchHit[];
}

export async function searchPortal(db: Kysely<Database>, sources: SearchSources, params: URLSearchParams, limit = 50, now = portalNow()): Promise<SearchPage> {
  const parsed = searchQuerySchema(sources.topicSlugs).safeParse({ q: params.get('q') ?? undefined, kind: params.get('kind') ?? undefined, topic: params.get('topic') ?? undefined });
  if (!parsed.success) return { query: { q: (params.get('q') ?? '').slice(0, 200) }, errors: issuesFromZod(parsed.error), hits: [] };
  const query = parsed.data;
  if (!query.q) return { query, errors: {}, hits: [] };
  const filter = { kind: query.kind, topic: query.topic };
  const fromCatalogue = query.kind === 'input' ? [] : catalogueIndex(sources).search(query.q, filter, limit, now);
  const fromInput = query.kind && query.kind !== 'input' ? [] : (await publishedInputIndex(db)).search(query.q, filter, limit, now);
  const hits = [...fromCatalogue, ...fromInput].sort((a, b) => b.score - a.score).slice(0, limit);
  return { query, errors: {}, hits };
}
