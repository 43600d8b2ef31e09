// Filtering and paging of event listings. The filter comes from a GET form, so
// its whole state is in the URL and every result page can be linked to.
import { z } from '../validation';
import { FORMATS } from './schema';
import { foldForSearch, type PortalEvent } from './portal-event';

export const PAGE_SIZE = 12;
export const WHEN = ['upcoming', 'past', 'all'] as const;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const optionalDate = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .refine((value) => value === undefined || (DATE_ONLY.test(value) && !Number.isNaN(Date.parse(value))), {
    message: 'dateInvalid',
  })
  .optional();
const blankAsUndefined = (value: unknown) => (value === '' ? undefined : value);

/** Issue messages are catalogue keys, so pages can show them in the viewer's language. */
export function listingQuerySchema(knownTopics: readonly string[]) {
  return z
    .object({
      topic: z.preprocess(
        blankAsUndefined,
        z.string().refine((slug) => knownTopics.includes(slug), 'topicUnknown').optional(),
      ),
      format: z.preprocess(blankAsUndefined, z.enum(FORMATS, { error: 'formatUnknown' }).optional()),
      from: optionalDate,
      to: optionalDate,
      q: z.string().trim().max(200, 'searchTooLong').optional(),
      when: z.preprocess(blankAsUndefined, z.enum(WHEN, { error: 'whenUnknown' }).default('upcoming')),
      page: z.preprocess(
        blankAsUndefined,
        z.coerce.number({ error: 'pageInvalid' }).int('pageInvalid').min(1, 'pageInvalid').default(1),
      ),
    })
    .refine((query) => !query.from || !query.to || query.from <= query.to, { path: ['to'], error: 'dateRangeReversed' });
}

export type ListingQuery = z.infer<ReturnType<typeof listingQuerySchema>>;
export type ListingErrors = Partial<Record<keyof ListingQuery, string>>;

/**
 * Reads the query string. Invalid fields are reported and left out of the
 * filter, so the visitor still sees a useful listing beside the message.
 */
const schemas = new WeakMap<readonly string[], ReturnType<typeof listingQuerySchema>>();

/**
 * One schema per list of topics (the catalogue's, which changes only with
 * the catalogue): building a zod schema, and zod compiling it on its first
 * use, cost more than a fifth of a listing rendered on a cache miss.
 */
function schemaFor(knownTopics: readonly string[]): ReturnType<typeof listingQuerySchema> {
  let schema = schemas.get(knownTopics);
  if (!schema) schemas.set(knownTopics, (schema = listingQuerySchema(knownTopics)));
  return schema;
}

export function parseListingQuery(params: URLSearchParams, knownTopics: readonly string[]): { query: ListingQuery; errors: ListingErrors } {
  const schema = schemaFor(knownTopics);
  const raw: Record<string, string> = {};
  for (const key of ['topic', 'format', 'from', 'to', 'q', 'when', 'page']) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  const errors: ListingErrors = {};
  let result = schema.safeParse(raw);
  while (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path[0] as keyof ListingQuery;
    errors[field] = issue.message;
    delete raw[field];
    result = schema.safeParse(raw);
  }
  return { query: result.data, errors };
}

export function matchesQuery(event: PortalEvent, query: ListingQuery, now: Date): boolean {
  if (query.when === 'upcoming' && event.end.getTime() < now.getTime()) return false;
  if (query.when === 'past' && event.end.getTime() >= now.getTime()) return false;
  if (query.topic && !event.topics.includes(query.topic)) return false;
  if (query.format && event.format !== query.format) return false;
  // Date bounds are whole days on the venue's calendar: an event matches when
  // the days it runs on overlap [from, to].
  if (query.from && event.endDay < query.from) return false;
  if (query.to && event.startDay > query.to) return false;
  if (query.q) {
    const words = foldForSearch(query.q).split(/\s+/).filter(Boolean);
    if (!words.every((word) => event.searchText.includes(word))) return false;
  }
  return true;
}

export interface ListingPage {
  events: PortalEvent[];
  total: number;
  page: number;
  pageCount: number;
}

/** Upcoming listings run soonest first; past ones most recent first. */
export function listEvents(events: readonly PortalEvent[], query: ListingQuery, now: Date): ListingPage {
  const matching = events.filter((event) => matchesQuery(event, query, now));
  if (query.when === 'past') matching.reverse();
  const pageCount = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  return {
    events: matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    total: matching.length,
    page,
    pageCount,
  };
}

/** The query string for the same filter on another page (or with a field changed). */
export function listingSearch(query: ListingQuery, changes: Partial<ListingQuery> = {}): string {
  const merged = { ...query, ...changes };
  const params = new URLSearchParams();
  if (merged.topic) params.set('topic', merged.topic);
  if (merged.format) params.set('format', merged.format);
  if (merged.from) params.set('from', merged.from);
  if (merged.to) params.set('to', merged.to);
  if (merged.q) params.set('q', merged.q);
  if (merged.when !== 'upcoming') params.set('when', merged.when);
  if (merged.page > 1) params.set('page', String(merged.page));
  const search = params.toString();
  return search ? `?${search}` : '';
}

export function hasFilters(query: ListingQuery): boolean {
  return Boolean(query.topic || query.format || query.from || query.to || query.q || query.when !== 'upcoming');
}
