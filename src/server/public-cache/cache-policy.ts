// Which answers our server may keep in memory and give to other visitors:
// public pages and feeds only, as rendered for someone who is not signed in.
// Astro's middleware marks such an answer with how long it stays true; the
// server in front (src/server/http/node-server.ts) keeps it and removes the
// mark. Both ask isPublicRoute, with the route Astro matched.

/** Internal header: the epoch milliseconds until which the marked answer may be reused. */
export const CACHE_UNTIL_HEADER = 'x-whatson-cache-until';

/** Even with no event boundary ahead, relative wording ("closes in 3 days") must not go stale. */
export const LONGEST_CACHE_MS = 60_000;

/**
 * The public pages at a fixed address (no parameters): the listings of
 * topics, organisations and published input, the knowledge hub, search,
 * the pages about the portal, and the Review Mechanism with its list of
 * States. The sitemap lists each of them too.
 */
export const FIXED_PUBLIC_PAGES = [
  '/topics',
  '/organisations',
  '/submissions',
  '/resources',
  '/search',
  '/about',
  '/privacy',
  '/accessibility',
  '/review-mechanism',
  '/countries',
] as const;

/**
 * The routes (Astro's route patterns, as files under src/pages name them)
 * whose anonymous GETs are the same for every visitor who is not signed in.
 * Decided from the route Astro matched, so no second table of addresses
 * can drift from the pages: /submissions/new, /signup/sent and every other
 * page of its own never matches a pattern here.
 */
const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  '/',
  ...FIXED_PUBLIC_PAGES,
  // A collection's listing, an event page, its .ics, and the collection's calendar.ics.
  '/[collection]',
  '/[collection]/[slug]',
  '/[collection]/[slug].ics',
  '/[collection]/calendar.ics',
  '/topics/[slug]',
  '/topics/[slug]/calendar.ics',
  '/calendar.ics',
  '/submissions/rss.xml',
  // One published input.
  '/submissions/[id]',
  '/sitemap.xml',
  '/rss.xml',
  '/robots.txt',
  // Each State's page of the Review Mechanism.
  '/countries/[code]',
]);

export function isPublicRoute(routePattern: string): boolean {
  return PUBLIC_ROUTES.has(routePattern);
}

/** Until when an answer rendered at `now` stays right, given the next moment events change by themselves. */
export function cacheableUntil(now: Date, nextChange: Date | undefined): number {
  const longest = now.getTime() + LONGEST_CACHE_MS;
  return nextChange ? Math.min(longest, nextChange.getTime()) : longest;
}
