// Where a page is in a language: English at the root as it always was, the
// other five under /ar, /es, /fr, /ru, /zh with the same path after it.
import { DEFAULT_LOCALE, isLocale, type Locale } from './index';

export function localePath(locale: Locale, path: string): string {
  if (locale === DEFAULT_LOCALE) return path;
  return path === '/' ? `/${locale}` : `/${locale}${path}`;
}

/**
 * Remembered: every page names itself in each language from the same few
 * paths (a listing's path is the same whatever its filters), and parsing a
 * URL for each cost a fiftieth of a listing rendered on a cache miss. Bounded.
 */
const localeUrls = new Map<string, string>();
const LOCALE_URLS_LIMIT = 2000;

export function localeUrl(locale: Locale, path: string, origin: string): string {
  const key = `${locale}${origin.length}:${origin}${path}`;
  let url = localeUrls.get(key);
  if (url === undefined) {
    url = new URL(localePath(locale, path), origin).href;
    if (localeUrls.size >= LOCALE_URLS_LIMIT) localeUrls.clear();
    localeUrls.set(key, url);
  }
  return url;
}

/** The language an address is in, and the path without its prefix ("/fr/events?x" → fr, "/events?x"). */
export function splitLocale(pathname: string): { locale: Locale; path: string } {
  const match = /^\/([a-z]{2})(?=\/|$)(.*)$/.exec(pathname);
  if (match && isLocale(match[1]!) && match[1] !== DEFAULT_LOCALE) return { locale: match[1], path: match[2] || '/' };
  return { locale: DEFAULT_LOCALE, path: pathname };
}
