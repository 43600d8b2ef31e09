// The public directory: accredited organisations that consented to be listed.
// Pending, rejected and unlisted organisations never appear, and nothing about
// their people (names, addresses) is shown.
import { sql, type Kysely } from 'kysely';
import { listedOrganisation, type ListedOrganisation } from './listed-organisation';
import { z } from '../validation';
import type { Database } from '../db/schema';
import { success, type FieldIssues, type Result } from '../result';
import { containsPattern, countryFilter, filterSearch, pageFilter, pageWindow, parseFilter, typeFilter, type Paged } from './organisation-filters';
import { zodKey } from '../../i18n/message';

export const DIRECTORY_PAGE_SIZE = 25;

export function directoryFilterSchema(knownTopics: readonly string[]) {
  return z.object({
    q: z.preprocess(
      (value) => (typeof value === 'string' ? value.trim() || undefined : value),
      z.string().max(200, zodKey('validation.tooLong')).optional(),
    ),
    type: typeFilter,
    country: countryFilter,
    topic: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z.string().refine((topic) => knownTopics.includes(topic), zodKey('validation.topicFromList')).optional(),
    ),
    page: pageFilter,
  });
}

export type DirectoryFilter = z.infer<ReturnType<typeof directoryFilterSchema>>;
const DIRECTORY_KEYS = ['q', 'type', 'country', 'topic', 'page'] as const;

/** The query string for the same search (on another page, or with a field changed). */
export function directorySearch(filter: DirectoryFilter, changes: Partial<DirectoryFilter> = {}): string {
  const merged = { ...filter, ...changes };
  return filterSearch({ q: merged.q, type: merged.type, country: merged.country, topic: merged.topic, page: merged.page > 1 ? merged.page : undefined });
}

export type { ListedOrganisation };

export interface DirectoryPage extends Paged {
  filter: DirectoryFilter;
  issues: FieldIssues;
  organisations: ListedOrganisation[];
}

export async function searchDirectory(db: Kysely<Database>, params: URLSearchParams, knownTopics: readonly string[]): Promise<Result<DirectoryPage>> {
  const { filter, issues } = parseFilter(directoryFilterSchema(knownTopics), params, DIRECTORY_KEYS);

  let query = db.selectFrom('organisations').where('accreditation', '=', 'accredited').where('listed', '=', 1);
  if (filter.q) {
    // lower() on both sides: SQLite's LIKE ignores case, PostgreSQL's does not.
    const pattern = containsPattern(filter.q);
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(${sql.ref('name')})`, 'like', sql`${pattern} escape '!'`),
        eb(sql`lower(coalesce(${sql.ref('acronym')}, ''))`, 'like', sql`${pattern} escape '!'`),
      ]),
    );
  }
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.country) query = query.where('country', '=', filter.country);
  // Topics are a JSON array of known slugs (letters and hyphens), so the quoted slug matches exactly one entry.
  if (filter.topic) query = query.where('topics', 'like', `%"${filter.topic}"%`);

  const { count } = await query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const window = pageWindow(filter.page, Number(count), DIRECTORY_PAGE_SIZE);
  const rows = await query
    .select(['id', 'name', 'acronym', 'type', 'country', 'website', 'description', 'ecosoc_status', 'topics'])
    .orderBy(sql`lower(${sql.ref('name')})`)
    .orderBy('id')
    .limit(DIRECTORY_PAGE_SIZE)
    .offset(window.offset)
    .execute();

  return success({
    filter: { ...filter, page: window.page },
    issues,
    page: window.page,
    pageCount: window.pageCount,
    total: window.total,
    organisations: rows.map(listedOrganisation),
  });
}
