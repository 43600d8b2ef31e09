// The /resources page's one call: the query read from the address (a bad
// value is named, never a 500) and the entries that match it.
import { issuesFromZod, type FieldIssues } from '../result';
import { resourceQuerySchema, type Resource, type ResourceQuery, type ResourceShelf } from './resource-list';

export function browseResources(shelf: ResourceShelf, topics: readonly string[], params: URLSearchParams): { query: ResourceQuery; errors: FieldIssues; resources: Resource[] } {
  const raw = Object.fromEntries(['type', 'topic', 'language', 'q'].map((name) => [name, params.get(name) ?? undefined]));
  const parsed = resourceQuerySchema(topics, shelf.languages).safeParse(raw);
  if (parsed.success) return { query: parsed.data, errors: {}, resources: shelf.filter(parsed.data) };
  const errors = issuesFromZod(parsed.error);
  // What was valid still filters; what was not is left out and named.
  const query: ResourceQuery = {};
  for (const name of ['type', 'topic', 'language', 'q'] as const) {
    const one = resourceQuerySchema(topics, shelf.languages).shape[name].safeParse(raw[name]);
    if (one.success && !errors[name]) (query as Record<string, unknown>)[name] = one.data;
  }
  return { query, errors, resources: shelf.filter(query) };
}
