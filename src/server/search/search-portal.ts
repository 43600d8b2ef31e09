// The /search page's one call: reads q, kind and topic (a bad value is named,
// never a 500) and searches. The index of the catalogue, topics and resources
// is built once per catalogue (it changes only when events do); published
// input has its own small index, rebuilt when the public data version moves.
import type { Kysely } from 'kysely';
import { portalNow } from '../clock';
import type { Database } from '../db/schema';
import { z } from '../validation';
import { issuesFromZod, type FieldIssues } from '../result';
import type { PortalEvent } from '../events/portal-event';
import type { Resource } from '../resources/resource-list';
import { listPublishedSubmissions } from '../submissions/submission-lists';
import { readPublicDataVersion } from '../public-cache/public-data-version';
import { SEARCH_KINDS, SiteSearchIndex, type SearchHit, type SearchKind } from './site-search';
import { eventDocument, inputDocument, resourceDocument, topicDocument } from './search-documents';

export interface SearchSources {
  events: readonly PortalEvent[];
  topics: readonly { slug: string; title: string; summary: string }[];
  topicSlugs: readonly string[];
  resources: readonly Resource[];
}

export interface SearchQuery {
  q: string;
  kind?: SearchKind;
  topic?: string;
}

/** How many published pieces of input the search looks through (the newest). */
const INPUT_LIMIT = 5000;

const catalogueIndexes = new WeakMap<readonly PortalEvent[], SiteSearchIndex>();
let inputIndex: { version: number; index: SiteSearchIndex } | undefined;

export function catalogueIndex(sources: SearchSources): SiteSearchIndex {
  let index = catalogueIndexes.get(sources.events);
  if (!index) {
    index = new SiteSearchIndex([...sources.events.map(eventDocument), ...sources.topics.map(topicDocument), ...sources.resources.map(resourceDocument)]);
    catalogueIndexes.set(sources.events, index);
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
    q: z.string().trim().max(200, 'Use at most 200 characters.').default(''),
    kind: z
      .string()
      .optional()
      .transform((value) => value || undefined)
      .refine((value) => value === undefined || (SEARCH_KINDS as readonly string[]).includes(value), 'Choose a kind from the list.')
      .transform((value) => value as SearchKind | undefined),
    topic: z
      .string()
      .optional()
      .transform((value) => value || undefined)
      .refine((value) => value === undefined || topicSlugs.includes(value), 'Choose a topic from the list.'),
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
