// The part of our server that answers anonymous GETs of public pages and
// feeds from memory (src/server/public-cache/page-cache.ts), with ETag and
// 304, in the encoding each client prefers, and turns what Astro renders
// for them (a Response) into what the cache keeps.
// Not the global: Node's `Buffer` on globalThis is a getter, called again on each use.
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { SESSION_COOKIE } from '../auth/sessions';
import { CACHE_UNTIL_HEADER } from '../public-cache/cache-policy';
import type { CachedPage, PageCache } from '../public-cache/page-cache';
import { copyIn, isSmallCopy } from './compressed-copies';
import { encodedTag, isCompressible, MIN_COMPRESSED_BYTES, negotiateEncoding, negotiateQuickEncoding, type ContentEncoding } from './content-encoding';

const SESSION_COOKIE_NAMED = `${SESSION_COOKIE}=`;

/**
 * What a request may be answered from the cache under, or null when it must
 * go to Astro. The one place that says what tells two answers apart: extend
 * it (a locale, say) and the cache keeps them apart.
 */
export function cacheKeyOf(req: IncomingMessage): string | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  const { headers } = req;
  // Anyone who might be signed in gets a page of their own, never someone else's.
  if (headers.cookie?.includes(SESSION_COOKIE_NAMED)) return null;
  if (headers.authorization) return null;
  return req.url ?? '/';
}

const HEADERS_OF_304 = ['etag', 'cache-control', 'last-modified', 'vary', 'expires'];

/** Whether the client's copy (If-None-Match, else If-Modified-Since) is the one we have. */
export function clientHasCurrentCopy(req: IncomingMessage, page: Pick<CachedPage, 'etag' | 'lastModified'>): boolean {
  const { headers } = req;
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    // The common case first: the client sends back exactly the tag it was given.
    if (ifNoneMatch === page.etag) return true;
    const strong = page.etag.replace(/^W\//, '');
    return ifNoneMatch.split(',').some((tag) => {
      const candidate = tag.trim();
      return candidate === '*' || candidate.replace(/^W\//, '') === strong;
    });
  }
  const ifModifiedSince = headers['if-modified-since'];
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

/** The headers of one encoding of a page, built once per page and encoding and reused for every answer. */
interface EncodedAnswer {
  headers: OutgoingHttpHeaders;
  notModified: OutgoingHttpHeaders;
  /**
   * The same headers as name, value, name, value: what Node's writeHead takes
   * with least work (no header object of the response to build, no name to
   * lower-case, each header checked once, not twice).
   */
  headerList: readonly OutgoingHttpHeader[];
  notModifiedList: readonly OutgoingHttpHeader[];
  /**
   * The lists of a HIT answered at once, X-Request-Id and X-Cache first:
   * made once, and the request's id written into REQUEST_ID_SLOT before each
   * writeHead, which turns the list into the header block there and then and
   * keeps no hold of it. No list to make per request.
   */
  hitList: OutgoingHttpHeader[];
  hitNotModifiedList: OutgoingHttpHeader[];
  etag: string;
  lastModified?: string;
  body: Buffer;
}

/** Where the request's id goes in hitList and hitNotModifiedList. */
const REQUEST_ID_SLOT = 1;

function listOf(headers: OutgoingHttpHeaders): OutgoingHttpHeader[] {
  const list: OutgoingHttpHeader[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const each of value) list.push(name, each);
    else list.push(name, value);
  }
  return list;
}

const answers = new WeakMap<CachedPage, Partial<Record<ContentEncoding, EncodedAnswer>>>();

function encodedAnswer(page: CachedPage, encoding: ContentEncoding, body: Buffer): EncodedAnswer {
  let built = answers.get(page);
  if (!built) answers.set(page, (built = {}));
  const known = built[encoding];
  // A quick copy made again small has a length of its own.
  if (known?.body === body) return known;
  const etag = encodedTag(page.etag, encoding);
  const headers: OutgoingHttpHeaders = { ...page.headers, etag, 'content-length': body.length };
  if (page.compressible) {
    headers.vary = page.headers.vary ? `${String(page.headers.vary)}, Accept-Encoding` : 'Accept-Encoding';
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
  }
  const notModified: OutgoingHttpHeaders = {};
  for (const name of HEADERS_OF_304) if (headers[name] !== undefined) notModified[name] = headers[name];
  const headerList = listOf(headers);
  const notModifiedList = listOf(notModified);
  const hitList = ['X-Request-Id', '', 'X-Cache', 'HIT', ...headerList];
  const hitNotModifiedList = ['X-Request-Id', '', 'X-Cache', 'HIT', ...notModifiedList];
  return (built[encoding] = { headers, notModified, headerList, notModifiedList, hitList, hitNotModifiedList, etag, lastModified: page.lastModified, body });
}

/** Answers from a kept page: 304 when the client has this encoding's copy, else the bytes in the encoding it prefers. */
export function sendCachedPage(req: IncomingMessage, res: ServerResponse, page: CachedPage, cacheStatus: 'HIT' | 'MISS' | 'STALE', cache?: PageCache, key = ''): void | Promise<void> {
  // The request that rendered the page may be the only one ever to ask for it (a crawler's new
  // combination of filters): it gets the coding cheapest to make among those it likes best.
  const negotiated = cacheStatus === 'MISS' ? negotiateQuickEncoding : negotiateEncoding;
  const encoding = page.compressible ? negotiated(req.headers['accept-encoding']) : 'identity';
  if (encoding === 'identity') return writeCachedPage(req, res, page, cacheStatus, encodedAnswer(page, 'identity', page.body));
  const body = copyIn(cache, key, page, encoding);
  if (Buffer.isBuffer(body)) return writeCachedPage(req, res, page, cacheStatus, encodedAnswer(page, encoding, body));
  return body.then((ready) => writeCachedPage(req, res, page, cacheStatus, encodedAnswer(page, encoding, ready)));
}

/**
 * A kept page answered at once, with no promise on the way: true if it was,
 * false if the copy in the encoding the client prefers is not made yet, or
 * only quickly (the caller then takes the ordinary way). `requestId` is sent as X-Request-Id,
 * which the ordinary way sets on the response before.
 */
export function sendKeptPageAtOnce(req: IncomingMessage, res: ServerResponse, page: CachedPage, requestId: string): boolean {
  const encoding = page.compressible ? negotiateEncoding(req.headers['accept-encoding']) : 'identity';
  const body = encoding === 'identity' ? page.body : page.encoded[encoding];
  // A quick copy asked for again is sent the ordinary way, which has it made small.
  if (!Buffer.isBuffer(body) || (encoding !== 'identity' && !isSmallCopy(body))) return false;
  const answer = encodedAnswer(page, encoding, body);
  answer.hitNotModifiedList[REQUEST_ID_SLOT] = requestId;
  answer.hitList[REQUEST_ID_SLOT] = requestId;
  writeFresh(req, res, page, answer, answer.hitNotModifiedList, answer.hitList);
  return true;
}

/** 304 with `notModifiedList` when the client has this copy, else the page with `headerList`. */
function writeFresh(req: IncomingMessage, res: ServerResponse, page: CachedPage, answer: EncodedAnswer, notModifiedList: OutgoingHttpHeader[], headerList: OutgoingHttpHeader[]): void {
  if (clientHasCurrentCopy(req, answer)) {
    res.writeHead(304, notModifiedList).end();
    return;
  }
  res.writeHead(page.status, headerList);
  res.end(req.method === 'HEAD' ? undefined : answer.body);
}

function writeCachedPage(req: IncomingMessage, res: ServerResponse, page: CachedPage, cacheStatus: 'HIT' | 'MISS' | 'STALE', answer: EncodedAnswer): void {
  if (cacheStatus === 'STALE') {
    res.setHeader('X-Cache', cacheStatus);
    if (clientHasCurrentCopy(req, answer)) res.writeHead(304, { ...answer.notModified, ...STALE_HEADERS }).end();
    else res.writeHead(page.status, { ...answer.headers, ...STALE_HEADERS }).end(req.method === 'HEAD' ? undefined : answer.body);
    return;
  }
  // The headers built once for this page and encoding, and the one of this answer.
  const ownHeaders: OutgoingHttpHeader[] = ['X-Cache', cacheStatus];
  writeFresh(req, res, page, answer, ownHeaders.concat(answer.notModifiedList), ownHeaders.concat(answer.headerList));
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
  const compressible = body.length >= MIN_COMPRESSED_BYTES && headers['content-encoding'] === undefined && isCompressible(String(headers['content-type'] ?? ''));
  return { status, headers, body, etag, lastModified, version, expiresAt: until, compressible, encoded: {} };
}

/** A Response's headers as Node writes them: lower-case names, every Set-Cookie kept apart. */
export function outgoingHeadersOf(headers: Headers): OutgoingHttpHeaders {
  const result: OutgoingHttpHeaders = {};
  for (const [name, value] of headers) if (name !== 'set-cookie') result[name] = value;
  const cookies = headers.getSetCookie();
  if (cookies.length) result['set-cookie'] = cookies;
  return result;
}

/**
 * What the cache keeps of an answer Astro rendered: null unless the
 * middleware marked it as the same for every anonymous visitor (with the
 * moment it stops being true), and it sets no cookie. The mark is not sent.
 */
export function cachedPageOf(status: number, headers: OutgoingHttpHeaders, body: Buffer, version: number): CachedPage | null {
  const until = headers[CACHE_UNTIL_HEADER];
  if (until === undefined) return null;
  delete headers[CACHE_UNTIL_HEADER];
  return toCachedPage(status, headers, body, version, Number(until));
}
