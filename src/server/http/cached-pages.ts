// The part of our server that answers anonymous GETs of public pages and
// feeds from memory (src/server/public-cache/page-cache.ts), with ETag and
// 304, and keeps what Astro renders for them.
import { createHash } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { SESSION_COOKIE } from '../auth/sessions';
import { CACHE_UNTIL_HEADER } from '../public-cache/cache-policy';
import type { CachedPage } from '../public-cache/page-cache';

/** What a request may be answered from the cache under, or null when it must go to Astro. */
export function cacheKeyOf(req: IncomingMessage): string | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  // Anyone who might be signed in gets a page of their own, never someone else's.
  if (req.headers.cookie?.includes(`${SESSION_COOKIE}=`)) return null;
  if (req.headers.authorization) return null;
  return req.url ?? '/';
}

const HEADERS_OF_304 = ['etag', 'cache-control', 'last-modified', 'vary', 'expires'];

/** Whether the client's copy (If-None-Match, else If-Modified-Since) is the one we have. */
export function clientHasCurrentCopy(req: IncomingMessage, page: Pick<CachedPage, 'etag' | 'lastModified'>): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    const strong = page.etag.replace(/^W\//, '');
    return ifNoneMatch.split(',').some((tag) => {
      const candidate = tag.trim();
      return candidate === '*' || candidate.replace(/^W\//, '') === strong;
    });
  }
  const ifModifiedSince = req.headers['if-modified-since'];
  if (ifModifiedSince && page.lastModified) {
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && since >= Date.parse(page.lastModified);
  }
  return false;
}

/**
 * STALE: the database could not be asked whether the copy is current, so it
 * may be out of date. Said twice: `X-Cache: STALE` for people and logs, and
 * the standard `Warning: 111` ("revalidation failed", RFC 7234) for caches;
 * `Cache-Control: no-cache` keeps any cache in front from reusing it unasked.
 */
const STALE_HEADERS: OutgoingHttpHeaders = { warning: '111 - "Revalidation Failed"', 'cache-control': 'no-cache' };

export function sendCachedPage(req: IncomingMessage, res: ServerResponse, page: CachedPage, cacheStatus: 'HIT' | 'MISS' | 'STALE'): void {
  res.setHeader('X-Cache', cacheStatus);
  const extra = cacheStatus === 'STALE' ? STALE_HEADERS : {};
  if (clientHasCurrentCopy(req, page)) {
    const headers: OutgoingHttpHeaders = {};
    for (const name of HEADERS_OF_304) if (page.headers[name] !== undefined) headers[name] = page.headers[name];
    res.writeHead(304, { ...headers, ...extra }).end();
    return;
  }
  res.writeHead(page.status, { ...page.headers, ...extra });
  res.end(req.method === 'HEAD' ? undefined : page.body);
}

function bodyTag(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** A rendered answer as the cache keeps it, with ETag and length; null if it belongs to one visitor after all. */
export function toCachedPage(status: number, rendered: OutgoingHttpHeaders, body: Buffer, version: number, until: number): CachedPage | null {
  if (!Number.isFinite(until) || rendered['set-cookie'] !== undefined) return null;
  const headers = { ...rendered };
  const etag = typeof headers.etag === 'string' ? headers.etag : bodyTag(body);
  headers.etag = etag;
  headers['content-length'] = body.length;
  delete headers['transfer-encoding'];
  const lastModified = typeof headers['last-modified'] === 'string' ? headers['last-modified'] : undefined;
  return { status, headers, body, etag, lastModified, version, expiresAt: until };
}

function lowerCased(headers: OutgoingHttpHeaders | readonly unknown[] | undefined): OutgoingHttpHeaders {
  const result: OutgoingHttpHeaders = {};
  if (!headers || Array.isArray(headers)) return result;
  for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = value as OutgoingHttpHeaders[string];
  return result;
}

/**
 * Lets Astro's handler write to `res` as usual. An answer the middleware did
 * not mark passes straight through; a marked one is held back whole and
 * handed, without its mark, to `complete` (which keeps and sends it), so that
 * even the first answer carries its ETag.
 */
export function captureMarkedAnswer(res: ServerResponse, complete: (status: number, headers: OutgoingHttpHeaders, body: Buffer, until: number) => void): void {
  const chunks: Buffer[] = [];
  let held: { status: number; headers: OutgoingHttpHeaders; until: number } | null = null;
  const restore = () => {
    delete (res as Partial<ServerResponse>).writeHead;
    delete (res as Partial<ServerResponse>).write;
    delete (res as Partial<ServerResponse>).end;
  };
  const hold = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.from(chunk as Uint8Array));
  };

  res.writeHead = function writeHead(this: ServerResponse, status: number, ...rest: unknown[]) {
    const headers = lowerCased(rest.find((arg) => typeof arg === 'object') as OutgoingHttpHeaders | undefined);
    if (headers[CACHE_UNTIL_HEADER] === undefined) {
      restore();
      return (this.writeHead as (...args: unknown[]) => ServerResponse)(status, ...rest);
    }
    const until = Number(headers[CACHE_UNTIL_HEADER]);
    delete headers[CACHE_UNTIL_HEADER];
    held = { status, headers, until };
    return this;
  } as ServerResponse['writeHead'];
  res.write = function write(this: ServerResponse, chunk: unknown, encoding?: unknown, callback?: unknown) {
    if (!held) {
      restore();
      return (this.write as (...args: unknown[]) => boolean)(chunk, encoding, callback);
    }
    hold(chunk, encoding);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
    return true;
  } as ServerResponse['write'];
  res.end = function end(this: ServerResponse, chunk?: unknown, encoding?: unknown, callback?: unknown) {
    restore();
    if (!held) return (this.end as (...args: unknown[]) => ServerResponse)(chunk, encoding, callback);
    hold(chunk, encoding);
    complete(held.status, held.headers, Buffer.concat(chunks), held.until);
    return this;
  } as ServerResponse['end'];
}
