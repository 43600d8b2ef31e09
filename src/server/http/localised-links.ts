// A page in another language links within that language. Pages write their
// links and form actions from the root ("/events", "/account"), as for
// English; for /fr/… the middleware prefixes them once, here, instead of in
// every page, and so also the address a redirect sends to. Absolute links
// (hreflang alternates, canonical, feeds' URLs) are left alone, and so are the
// links of the language switcher: `<a rel="alternate" hreflang="…">`, the same
// page in another language, whose root path already says which.
import { DEFAULT_LOCALE, type Locale } from '../../i18n/index';
import { localePath } from '../../i18n/paths';

/** Files served as they are, whatever the language (the knowledge hub's files in public/resources too). */
const SHARED = /^\/(?:_astro\/|scripts\/|favicon\.svg|robots\.txt|resources\/[^/?#]+\.\w+(?:[?#]|$))/;

export function localisedPath(locale: Locale, target: string): string {
  if (locale === DEFAULT_LOCALE || !target.startsWith('/') || target.startsWith('//') || SHARED.test(target)) return target;
  return localePath(locale, target);
}

// A whole `<a … rel="alternate" …>` tag (kept as it is), or a root link to prefix.
const ROOT_LINK = /<a\s[^>]*\srel="alternate"[^>]*>|(\s(?:href|action|formaction)=")(\/[^"]*)"/g;

export function localiseLinks(html: string, locale: Locale): string {
  if (locale === DEFAULT_LOCALE) return html;
  return html.replace(ROOT_LINK, (whole, attribute: string | undefined, target: string | undefined) =>
    attribute === undefined ? whole : `${attribute}${localisedPath(locale, target!)}"`,
  );
}

/** The answer to a request under /<locale>/: links and redirects kept in that language. */
export async function localiseResponse(response: Response, locale: Locale): Promise<Response> {
  if (locale === DEFAULT_LOCALE) return response;
  const location = response.headers.get('location');
  const isHtml = (response.headers.get('content-type') ?? '').startsWith('text/html');
  if (!location && !isHtml) return response;
  const headers = new Headers(response.headers);
  if (location) headers.set('location', localisedPath(locale, location));
  if (!isHtml || !response.body) return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  headers.delete('content-length');
  return new Response(localiseLinks(await response.text(), locale), { status: response.status, statusText: response.statusText, headers });
}
