// Where a visitor sent to sign in (or sign up) to act returns afterwards:
// "/signin?next=/dialogues/x". The address comes from the visitor's own URL,
// so anyone can write one: only a path on this site is kept, never another
// site (an open redirect would let a link that starts at the portal end on a
// look-alike sign-in page). Anything doubtful is dropped, and the person
// lands on /account as before. See security.md, "Requests".
import { splitLocale } from '../../i18n/paths';

/** Where a person lands after signing in when no (acceptable) return address came with them. */
export const DEFAULT_LANDING = '/account';

const MAX_LENGTH = 512;
/** Controls (C0, DEL, C1) and backslashes: browsers drop them or read them as "/". */
const DOUBTFUL = /[\u0000-\u001f\u007f-\u009f\\]/u;
/** Pages that make no sense to come back to: signing in again, or out. */
const NOT_A_RETURN = /^\/(?:signin|signup|signout|verify-email|reset-password|forgot-password)(?:[/?#]|$)/;
const BASE = 'http://portal.invalid';

/**
 * The return address as a root path without a language prefix ("/dialogues/x?y"),
 * which the middleware prefixes with the page's language; undefined if it is
 * not plainly a path on this site.
 */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return undefined;
  // Judge both the address and what it says once decoded, so "%2F%2Fevil" or "%5C" cannot pass as a path.
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return undefined;
  }
  // A link the portal writes is encoded: a raw space or other blank is not one of ours.
  if (/\s/u.test(value)) return undefined;
  for (const form of [value, decoded]) {
    if (!form.startsWith('/') || form.startsWith('//') || DOUBTFUL.test(form)) return undefined;
  }
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return undefined;
  }
  // "/..//evil" resolves to "//evil": judge the path as the browser will read it.
  if (url.origin !== BASE || url.pathname.startsWith('//') || url.username || url.password) return undefined;
  const { path } = splitLocale(url.pathname);
  if (NOT_A_RETURN.test(path)) return undefined;
  return `${path}${url.search}${url.hash}`;
}

/** The sign-in page that returns to `path` afterwards. */
export function signInPath(path: string | undefined, page: '/signin' | '/signup' = '/signin'): string {
  const next = safeReturnPath(path);
  return next ? `${page}?next=${encodeURIComponent(next)}` : page;
}
