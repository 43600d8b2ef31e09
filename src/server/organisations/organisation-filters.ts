// Filters of organisation lists (the secretariat's queue, the public
// directory). They come from GET forms, so their whole state is in the URL.
// A bad value is reported next to its field and left out of the filter, so
// the page still lists something useful (and answers 422).
import { z } from '../validation';
import { ORGANISATION_TYPES } from '../events/schema';
import type { FieldIssues } from '../result';
import { isCountryCode } from '../countries/countries';
import { ECOSOC_STATUSES } from './organisation-schema';

const blankAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const typeFilter = z.preprocess(
  blankAsUndefined,
  z.enum(ORGANISATION_TYPES, { error: 'Choose a kind of organisation from the list.' }).optional(),
);

export const countryFilter = z.preprocess(
  blankAsUndefined,
  z
    .string()
    .trim()
    .toUpperCase()
    .refine(isCountryCode, 'Choose a country from the list.')
    .optional(),
);

export const ecosocFilter = z.preprocess(
  blankAsUndefined,
  z.enum(ECOSOC_STATUSES, { error: 'Choose an ECOSOC status from the list.' }).optional(),
);

export const pageFilter = z.preprocess(
  blankAsUndefined,
  z.coerce
    .number({ error: 'Page numbers are whole numbers from 1.' })
    .int('Page numbers are whole numbers from 1.')
    .min(1, 'Page numbers are whole numbers from 1.')
    .max(1_000_000, 'Page numbers are whole numbers from 1.')
    .default(1),
);

export interface Paged {
  page: number;
  pageCount: number;
  total: number;
}

/** The page to show (the last one when the number is past the end) and its offset. */
export function pageWindow(requested: number, total: number, pageSize: number): Paged & { offset: number } {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(requested, pageCount);
  return { page, pageCount, total, offset: (page - 1) * pageSize };
}

/** Reads `keys` from the query string; each invalid field is reported and dropped. */
export function parseFilter<Schema extends z.ZodType>(
  schema: Schema,
  params: URLSearchParams,
  keys: readonly string[],
): { filter: z.infer<Schema>; issues: FieldIssues } {
  const raw: Record<string, string> = {};
  for (const key of keys) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  const issues: FieldIssues = {};
  for (;;) {
    const result = schema.safeParse(raw);
    if (result.success) return { filter: result.data, issues };
    let dropped = false;
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? '');
      issues[field] ??= issue.message;
      if (field in raw) {
        delete raw[field];
        dropped = true;
      }
    }
    // Every field has a default or is optional, so an empty query always parses.
    if (!dropped) throw new Error(`filter could not be parsed: ${result.error.message}`);
  }
}

/** A query string with the non-empty values, for links to other pages of the same list. */
export function filterSearch(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(key, String(value));
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** A LIKE pattern that matches `text` anywhere, with LIKE's wildcards escaped by "!". */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (character) => `!${character}`)}%`;
}
