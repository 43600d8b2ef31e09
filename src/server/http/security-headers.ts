// Headers every response carries (security note, "Requests"). Scripts only
// from our own origin: no inline script runs, so injected markup cannot either.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

/** The headers every answer carries, pages and built files alike. */
export function securityHeaders(https: boolean): [name: string, value: string][] {
  const headers: [string, string][] = [
    ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'same-origin'],
    ['X-Frame-Options', 'DENY'],
  ];
  if (https) headers.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']);
  return headers;
}

export function applySecurityHeaders(headers: Headers, url: URL): void {
  for (const [name, value] of securityHeaders(url.protocol === 'https:')) {
    // A response may bring a stricter policy of its own (attachments are sandboxed).
    if (name === 'Content-Security-Policy' && headers.has(name)) continue;
    headers.set(name, value);
  }
}

/**
 * Cross-site request forgery, whatever the body's type: Astro's own check
 * looks only at form content types. A browser names the page a request comes
 * from in Origin (and Sec-Fetch-Site); a request that says it comes from
 * another site is refused. Clients that send neither are not browsers, and
 * cannot carry a visitor's cookies on someone else's behalf.
 */
export function isCrossSiteRequest(method: string, headers: Headers, url: URL): boolean {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false;
  const origin = headers.get('origin');
  if (origin) return origin !== url.origin;
  const site = headers.get('sec-fetch-site');
  return site !== null && site !== 'same-origin' && site !== 'none';
}

/** Pages whose address carries a one-time token: no cache, shared or private, may keep them. */
const TOKEN_PAGES = ['/reset-password', '/join', '/verify-email', '/digests/unsubscribe'];

export function carriesToken(pathname: string): boolean {
  return TOKEN_PAGES.includes(pathname);
}
