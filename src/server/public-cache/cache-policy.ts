// Which answers our server may keep in memory and give to other visitors:
// public pages and feeds only, as rendered for someone who is not signed in.
// Astro's middleware marks such an answer with how long it stays true; the
// server in front (src/server/http/node-server.ts) removes the mark.

/** Internal header: the epoch milliseconds until which the marked answer may be reused. */
export const CACHE_UNTIL_HEADER = 'x-whatson-cache-until';

/** Even with no event boundary ahead, relative wording ("closes in 3 days") must not go stale. */
export const LONGEST_CACHE_MS = 60_000;

const COLLECTION = '(?:events|side-events|dialogues)';
const PUBLIC_PATHS = [
  /^\/$/,
  new RegExp(`^/${COLLECTION}$`),
  // An event page, its .ics, and the collection's calendar.ics.
  new RegExp(`^/${COLLECTION}/[^/]+$`),
  /^\/topics(?:\/[^/]+(?:\/calendar\.ics)?)?$/,
  /^\/calendar\.ics$/,
  /^\/submissions(?:\/rss\.xml)?$/,
  // One published input; "new" is the form for writing one.
  /^\/submissions\/(?!new$)[^/]+$/,
  /^\/organisations$/,
  /^\/(?:sitemap|rss)\.xml$/,
];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((pattern) => pattern.test(pathname));
}

/** Until when an answer rendered at `now` stays right, given the next moment events change by themselves. */
export function cacheableUntil(now: Date, nextChange: Date | undefined): number {
  const longest = now.getTime() + LONGEST_CACHE_MS;
  return nextChange ? Math.min(longest, nextChange.getTime()) : longest;
}
