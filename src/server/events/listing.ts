// Filtering and paging of event listings. The filter comes from a GET form, so
// its whole state is in the URL and every result page can be linked to.
import { z } from '../validation';
import { CONTROL_CHARACTERS } from '../zod-with-text-rule';
import { FORMATS } from './schema';
import { foldForSearch, type PortalEvent } from './portal-event';
import { zodKey, type Message } from '../../i18n/message';
import { messageOfIssue } from '../result';

export const PAGE_SIZE = 12;
export const WHEN = ['upcoming', 'past', 'all'] as const;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const optionalDate = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .refine((value) => value === undefined || (DATE_ONLY.test(value) && !Number.isNaN(Date.parse(value))), {
    message: zodKey('listing.dateInvalid'),
  })
  .optional();
const blankAsUndefined = (value: unknown) => (value === '' ? undefined : value);

export function listingQuerySchema(knownTopics: readonly string[]) {
  return z
    .object({
      topic: z.preprocess(
        blankAsUndefined,
        z.string().refine((slug) => knownTopics.includes(slug), zodKey('listing.topicUnknown')).optional(),
      ),
      format: z.preprocess(blankAsUndefined, z.enum(FORMATS, { error: zodKey('listing.formatUnknown') }).optional()),
      from: optionalDate,
      to: optionalDate,
      q: z.string().trim().max(200, zodKey('listing.searchTooLong')).optional(),
      when: z.preprocess(blankAsUndefined, z.enum(WHEN, { error: zodKey('listing.whenUnknown') }).default('upcoming')),
      page: z.preprocess(
        blankAsUndefined,
        z.coerce.number({ error: zodKey('listing.pageInvalid') }).int(zodKey('listing.pageInvalid')).min(1, zodKey('listing.pageInvalid')).default(1),
      ),
    })
    .refine((query) => !query.from || !query.to || query.from <= query.to, { path: ['to'], error: zodKey('listing.dateRangeReversed') });
}

export type ListingQuery = z.infer<ReturnType<typeof listingQuerySchema>>;
export type ListingErrors = Partial<Record<keyof ListingQuery, Message>>;

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
  const raw: Record<string, string> = {};
  for (const key of ['topic', 'format', 'from', 'to', 'q', 'when', 'page']) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  const plain = plainListingQuery(raw, knownTopics);
  if (plain) return { query: plain, errors: {} };
  const schema = schemaFor(knownTopics);
  const errors: ListingErrors = {};
  let result = schema.safeParse(raw);
  while (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path[0] as keyof ListingQuery;
    errors[field] = messageOfIssue(issue);
    delete raw[field];
    result = schema.safeParse(raw);
  }
  return { query: result.data, errors };
}

const PLAIN_PAGE = /^[1-9]\d{0,8}$/;
const isPlainDate = (value: string) => DATE_ONLY.test(value) && !Number.isNaN(Date.parse(value));

/**
 * The query as the schema reads it, for the filters a form or a link sends
 * (known values, a plain page number, dates as yyyy-mm-dd, a short search
 * without control characters); undefined for anything else, which the schema
 * then reads and explains. Zod's parse cost a listing rendered on a cache miss
 * more than its filtering did. tests/unit/listing.test.ts checks both agree.
 */
function plainListingQuery(raw: Readonly<Record<string, string>>, knownTopics: readonly string[]): ListingQuery | undefined {
  const { topic, format, from, to, q, when, page } = raw;
  if (topic && !knownTopics.includes(topic)) return undefined;
  if (format && !(FORMATS as readonly string[]).includes(format)) return undefined;
  if (when && !(WHEN as readonly string[]).includes(when)) return undefined;
  if (page && !PLAIN_PAGE.test(page)) return undefined;
  if ((from && !isPlainDate(from)) || (to && !isPlainDate(to)) || (from && to && from > to)) return undefined;
  const search = q?.trim();
  if (q !== undefined && (search!.length > 200 || CONTROL_CHARACTERS.test(q))) return undefined;
  return {
    topic: topic || undefined,
    format: (format || undefined) as ListingQuery['format'],
    from: from || undefined,
    to: to || undefined,
    q: search,
    when: (when || 'upcoming') as ListingQuery['when'],
    page: page ? Number(page) : 1,
  };
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
  if (!query.topic && !query.format && !query.from && !query.to && !query.q) {
    const split = splitAtNow(events, now);
    if (split) return pageOfSplit(events, split, query);
  }
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

/**
 * The longest event of a list sorted by start, or undefined when the list is
 * not sorted by start or holds an event that ends before it starts. Lists are
 * the catalogue's groups (event-index.ts), made once per catalogue, so this
 * is worked out once per group.
 */
const longestOf = new WeakMap<readonly PortalEvent[], number | undefined>();

function longestEvent(events: readonly PortalEvent[]): number | undefined {
  if (longestOf.has(events)) return longestOf.get(events);
  let longest: number | undefined = 0;
  for (let index = 0; index < events.length; index++) {
    const { start, end } = events[index]!;
    const length = end.getTime() - start.getTime();
    if (length < 0 || (index > 0 && events[index - 1]!.start.getTime() > start.getTime())) {
      longest = undefined;
      break;
    }
    longest = Math.max(longest, length);
  }
  longestOf.set(events, longest);
  return longest;
}

/** The first index whose event starts at or after `time` (events sorted by start). */
function firstStartingFrom(events: readonly PortalEvent[], time: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (events[middle]!.start.getTime() < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Where `now` falls in a list sorted by start: every event before `settled`
 * started more than the longest event's length ago, so it is over; every event
 * from `started` on has not started yet, so it is upcoming; only the few in
 * between (running now, or over since) are looked at one by one.
 */
interface Split {
  settled: number;
  started: number;
  /** Between settled and started: the events still running (upcoming) and the ones over (past), in list order. */
  running: PortalEvent[];
  over: PortalEvent[];
}

function splitAtNow(events: readonly PortalEvent[], now: Date): Split | undefined {
  const longest = longestEvent(events);
  if (longest === undefined) return undefined;
  const time = now.getTime();
  const settled = firstStartingFrom(events, time - longest);
  const started = firstStartingFrom(events, time);
  const running: PortalEvent[] = [];
  const over: PortalEvent[] = [];
  for (let index = settled; index < started; index++) {
    const event = events[index]!;
    (event.end.getTime() < time ? over : running).push(event);
  }
  return { settled, started, running, over };
}

/**
 * The page `listEvents` would make by filtering every event, for a query
 * without dates or search words (the group is the topic and format already):
 * the upcoming events are the running ones and all from `started` on, the
 * past ones all before `settled` and the ones over since, most recent first.
 */
function pageOfSplit(events: readonly PortalEvent[], split: Split, query: ListingQuery): ListingPage {
  const { settled, started, running, over } = split;
  const total = query.when === 'all' ? events.length : query.when === 'past' ? settled + over.length : running.length + events.length - started;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const first = (page - 1) * PAGE_SIZE;
  const shown: PortalEvent[] = [];
  for (let position = first; position < Math.min(total, first + PAGE_SIZE); position++) shown.push(eventAt(position));
  return { events: shown, total, page, pageCount };

  function eventAt(position: number): PortalEvent {
    if (query.when === 'all') return events[position]!;
    if (query.when === 'past') {
      // Most recent first: the ones over since, latest first, then the settled ones from the last.
      return position < over.length ? over[over.length - 1 - position]! : events[settled - 1 - (position - over.length)]!;
    }
    return position < running.length ? running[position]! : events[started + position - running.length]!;
  }
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
