// Our HTTP server in front of Astro's app (src/server/http/astro-app.ts): it
// knows the real client address, serves built assets, answers anonymous GETs
// of public pages from memory (the last good copy while the database is
// unavailable), compresses what is worth it, logs one line per request,
// answers 503 when the database cannot serve, and shuts down gracefully.
// Astro renders a Response; this server decides whether to keep it and how
// to write it: nothing intercepts what anyone writes to the Node response.
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
// Not the global: Node's `performance` on globalThis is a getter, called again on each use.
import { performance } from 'node:perf_hooks';
import { createRequestFromNodeRequest, getAbortControllerCleanup, writeResponse } from 'astro/app/node';
import { DEFAULT_LOCALE, directionOf, messagesFor } from '../../i18n';
import { databaseFaultOf } from '../db/faults';
import { clientAddressOf } from './client-address';
import { databaseUnavailableResponse, sendFailureAnswer, unexpectedErrorResponse } from './error-response';
import { isoNow, loggablePath, requestLogLine } from './log-line';
import { createLogWriter, type LogWriter } from './log-writer';
import { newRequestId } from './request-ids';
import { serveStaticFile } from './static-files';
import { cachedPageOf, cacheKeyOf, outgoingHeadersOf, sendCachedPage, sendKeptPageAtOnce } from './cached-pages';
import { compress, encodedTag, isCompressible, MIN_COMPRESSED_BYTES, negotiateQuickEncoding } from './content-encoding';
import { CACHE_UNTIL_HEADER, isPublicRoute } from '../public-cache/cache-policy';
import type { PageCache } from '../public-cache/page-cache';
import type { Locale } from '../../i18n/index';
import { splitLocale } from '../../i18n/paths';
import { ATTACHMENT_FORM_LIMIT, BODY_TIMED_OUT, bodyLimitFor, countedBody, dropRest, type BodyLimit, type BodyRefused } from './body-limits';

/** What the server needs of Astro's app (createApp() in astro-app.ts): the route a request matches, and its rendering. */
export interface AstroApp {
  match(request: Request): { route: string } | undefined;
  render(request: Request, options: { addCookieHeader: boolean; locals: object; routeData?: never }): Promise<Response>;
  getAllowedDomains?(): AllowedDomains | undefined;
}

type AllowedDomains = NonNullable<NonNullable<Parameters<typeof createRequestFromNodeRequest>[1]>['allowedDomains']>;

export interface ServerOptions {
  host: string;
  port: number;
  clientDir: string;
  trustedProxies: readonly string[];
  /** Without one, every request goes to Astro. */
  pageCache?: PageCache;
  /** The origin visitors use (PUBLIC_ORIGIN): decides HSTS on our own failure answers. */
  publicOrigin?: string;
  /** Where log lines go (createLogWriter's, by default): a function given each line, or a LogWriter. */
  log?: ((line: string) => void) | LogWriter;
  /** Called after each request that may have changed public data: other processes of this instance look at the version at once. */
  onLocalChange?: () => void;
}

export interface RequestContextLocals {
  clientAddress: string;
  requestId: string;
  /** From the address's prefix (/fr/events): Astro sees /events, and the middleware speaks French. */
  locale: Locale;
}

/** The decoded path of a request target, or null if it cannot be decoded. */
export function pathnameOf(url: string): string | null {
  const end = url.indexOf('?');
  const path = end === -1 ? url : url.slice(0, end);
  // The common case, without the cost of a URL parser: an absolute path with nothing to decode or resolve.
  if (path.startsWith('/') && !/[%\\]|\/\.\.?(?:\/|$)|\/\//.test(path)) return path;
  try {
    return decodeURI(new URL(url, 'http://portal').pathname);
  } catch {
    return null;
  }
}

/** What shutting down needs to know of a server. */
interface Traffic {
  /** Requests whose handler has not finished, even if their client has gone: nothing acknowledged or half-done is cut off. */
  handlersRunning: number;
  /** Answers not yet begun: told to close their connection when shutdown begins. */
  unanswered: Set<ServerResponse>;
  draining: boolean;
}

const trafficOf = new WeakMap<Server, Traffic>();

/** What the portal answers; TRACE, PUT and the rest get 405 before anything else looks at them. */
const ANSWERED_METHODS = new Set(['GET', 'HEAD', 'POST', 'OPTIONS']);

/**
 * NUL and the other C0 controls (but tab and line breaks) have no place in
 * an address (PostgreSQL refuses NUL in text outright): refused whole, in
 * the path or the query, raw or percent-encoded.
 */
export function hasControlCharacters(target: string): boolean {
  return /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|%(?:0[0-8bcef]|1[0-9a-f]|7f)/i.test(target);
}

/**
 * RFC 8058: a mail program's one-click unsubscribe is a POST that names no
 * Origin, which Astro's origin check refuses. The signed address is its only
 * authority (no cookie, no session is used), so such a POST to that one path is
 * taken as coming from the portal itself. A browser always sends Origin, so a
 * form on another site is still refused.
 */
const ONE_CLICK_UNSUBSCRIBE_PATH = '/digests/unsubscribe';

function ownOrigin(req: IncomingMessage): string {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
  const protocol = first(req.headers['x-forwarded-proto']) ?? ('encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http');
  return `${protocol}://${first(req.headers['x-forwarded-host']) ?? req.headers.host ?? ''}`;
}

function isLogWriter(log: NonNullable<ServerOptions['log']>): log is LogWriter {
  return 'request' in log;
}

export function createPortalServer(app: AstroApp, options: ServerOptions): Server {
  const log = options.log ?? createLogWriter();
  const traffic: Traffic = { handlersRunning: 0, unanswered: new Set(), draining: false };
  // The pid says which worker answered, when several share the port.
  const logRequest: LogWriter['request'] = isLogWriter(log)
    ? log.request
    : (at, requestId, method, target, status, durationMs) => log(requestLogLine(at, requestId, process.pid, method, target, status, durationMs));
  const logAnswer = (requestId: string, method: string | undefined, requested: string, status: number, startedAt: number) =>
    logRequest(isoNow(), requestId, method ?? '', requested, status, performance.now() - startedAt);
  const server = createServer((req, res) => {
    const startedAt = performance.now();
    const requestId = newRequestId();
    const requested = req.url ?? '/';
    // Most requests: a public page kept in memory, for a GET without a body. Answered before
    // anything else is looked at, and written out (handed to the socket) within this call: logged
    // at once, with no 'finish' listener to add and call for each of them.
    if (options.pageCache && !traffic.draining && answerKeptPageAtOnce(options.pageCache, req, res, requestId)) {
      logAnswer(requestId, req.method, requested, res.statusCode, startedAt);
      return;
    }
    const arrivedAt = Date.now();
    res.on('finish', () => logAnswer(requestId, req.method, requested, res.statusCode, startedAt));
    res.setHeader('X-Request-Id', requestId);
    // While shutting down, no connection is kept for another request that would find it closed.
    if (traffic.draining) res.setHeader('Connection', 'close');

    if (!ANSWERED_METHODS.has(req.method ?? '')) {
      res.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8', Allow: [...ANSWERED_METHODS].join(', ') }).end('This method is not used here.');
      req.resume();
      return;
    }
    const pathname = pathnameOf(req.url ?? '/');
    if (pathname === null || hasControlCharacters(req.url ?? '/')) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request: the address is not valid.');
      req.resume();
      return;
    }
    if (serveStaticFile(options.clientDir, pathname, req, res, options.publicOrigin?.startsWith('https:') ?? false)) return;
    // Each route reads at most its own limit (body-limits.ts): a declared length past it is refused unread.
    const limit = bodyLimitFor(pathname);
    if (Number(req.headers['content-length'] ?? 0) > limit.bytes) {
      res.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8' }).end('The request is too large for this form.');
      closeAfterDropping(req, res, req[Symbol.asyncIterator](), limit);
      return;
    }
    if (req.method === 'POST' || req.method === 'OPTIONS') {
      // Astro reads `req.body` when it is set: the same bytes, counted as they stream, chunked or not, and timed.
      const refused = (error: BodyRefused, rest: AsyncIterator<Uint8Array>) => {
        // A client too slow for the deadline is not waited for any longer.
        if (error.code === BODY_TIMED_OUT) return void (res.headersSent ? undefined : res.setHeader('Connection', 'close'));
        closeAfterDropping(req, res, rest, limit);
      };
      Object.assign(req, { body: countedBody(req, limit, arrivedAt, refused) });
    } else if (req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0) {
      // Nothing reads the body of a GET; kept open, the connection would read all of it. Closed after the answer instead.
      res.setHeader('Connection', 'close');
    }

    // The language of the address (/fr/events): answer() strips it once the cache key is taken.
    const { locale, path: withoutLocale } = splitLocale(pathname);

    // A digest links to the unsubscribe page in its reader's language (/fr/digests/unsubscribe).
    if (req.method === 'POST' && withoutLocale === ONE_CLICK_UNSUBSCRIBE_PATH && req.headers.origin === undefined) req.headers.origin = ownOrigin(req);
    const locals: RequestContextLocals = {
      clientAddress: clientAddressOf(req.socket.remoteAddress, req.headers['x-forwarded-for'], options.trustedProxies),
      requestId,
      locale,
    };
    traffic.handlersRunning += 1;
    traffic.unanswered.add(res);
    answer(app, options, req, res, locals)
      .catch((error) => answerFailure(res, requestId, `${req.method} ${loggablePath(requested)}`, error, new URL(pathname, options.publicOrigin ?? 'http://localhost')))
      .finally(() => {
        traffic.handlersRunning -= 1;
        traffic.unanswered.delete(res);
      });
  });
  server.on('connection', readPeerAddressAtOnce);
  trafficOf.set(server, traffic);
  // A body that trickles in, or headers that never end, hold a socket and memory: give up on them.
  // Each route's body has its own, shorter deadline (body-limits.ts); this catches bodies nobody reads.
  server.headersTimeout = 20_000;
  server.requestTimeout = (ATTACHMENT_FORM_LIMIT.seconds + 30) * 1000;
  return server;
}

/**
 * Node keeps a connection's peer address on its socket (`_peername`) the
 * first time anyone reads it. Read when the connection opens, every socket
 * has it from the start and all take the same shape. Read later (when one
 * of its requests first goes the ordinary way, which looks at the client's
 * address), each socket would gain it at another point of its life, take a
 * shape of its own, and send Node's compiled HTTP and stream code back to be
 * compiled again for it: about a tenth of a 304's CPU (docs/benchmarks.md, #19).
 */
function readPeerAddressAtOnce(socket: Socket): void {
  void socket.remoteAddress;
}

/**
 * After an early 413, what the client still sends is read and dropped (see
 * dropRest), up to a bound. Past it, or if it trickles, reading stops (the
 * client's writes block instead of failing, so it can still read the answer)
 * and the connection is ended; a few seconds later it is closed for good.
 */
function closeAfterDropping(req: IncomingMessage, res: ServerResponse, rest: AsyncIterator<Uint8Array>, limit: BodyLimit): void {
  void dropRest(rest, limit).then((ended) => {
    if (ended) return;
    const close = () => {
      req.socket.end();
      setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
    };
    if (res.writableFinished) close();
    else res.once('finish', close);
  });
}

/** How long a refused upload's connection lingers, half-closed, so the client reads the answer before a reset. */
const LINGER_MS = 5_000;

/** What Astro's middleware did not catch: 503 when the database could not serve, else the plain 500 page. */
function answerFailure(res: ServerResponse, requestId: string, request: string, error: unknown, url: URL): Promise<void> {
  const t = messagesFor(DEFAULT_LOCALE);
  const direction = directionOf(DEFAULT_LOCALE);
  const fault = databaseFaultOf(error);
  if (fault) {
    console.error(`[whatson] request ${requestId} ${request}: database ${fault}: ${error instanceof Error ? error.message : String(error)}`);
    return sendFailureAnswer(res, databaseUnavailableResponse(t, DEFAULT_LOCALE, direction, requestId, fault), url);
  }
  console.error(`[whatson] request ${requestId} ${request} failed`, error);
  return sendFailureAnswer(res, unexpectedErrorResponse(t, DEFAULT_LOCALE, direction, requestId), url);
}

/**
 * One request past the static files. A public page kept in memory is
 * answered without asking Astro anything; otherwise Astro matches the route,
 * and only public routes (cache-policy.ts) read the version or are kept.
 */
function withoutLocale(url: string): string {
  const query = url.indexOf('?');
  const pathname = query === -1 ? url : url.slice(0, query);
  return `${splitLocale(pathname).path}${query === -1 ? '' : url.slice(query)}`;
}

async function answer(app: AstroApp, options: ServerOptions, req: IncomingMessage, res: ServerResponse, locals: RequestContextLocals): Promise<void> {
  const cache = options.pageCache;
  const key = cache ? cacheKeyOf(req) : null;
  // Only public pages are ever kept: one seen before needs no route match.
  if (cache && key !== null && cache.holds(key) && (await answerFromMemory(cache, key, req, res))) return;
  // /fr/events is /events in French (README, "Languages"): the key above is the address as
  // asked, so each language is kept apart; Astro routes the address without its prefix.
  if (locals.locale !== DEFAULT_LOCALE) req.url = withoutLocale(req.url ?? '/');

  const request = createRequestFromNodeRequest(req, {
    allowedDomains: app.getAllowedDomains?.() ?? [],
    // Each route's own limit is counted in req.body above; this is the largest of them.
    bodySizeLimit: ATTACHMENT_FORM_LIMIT.bytes,
    port: options.port,
  });
  // Astro ties the request's abort signal to the connection with a 'close' listener that only its own
  // writeResponse removes: every answer written here would leave one on a kept-alive connection,
  // holding the request, until the client hung up.
  const releaseSignal = getAbortControllerCleanup(req);
  if (releaseSignal) res.once('close', releaseSignal);
  const route = app.match(request);
  const render = () => app.render(request, { addCookieHeader: true, locals, routeData: route as never });
  if (cache && key !== null && route && isPublicRoute(route.route)) return answerThroughCache(cache, key, req, res, render);

  const response = await render();
  if (cache && req.method !== 'GET' && req.method !== 'HEAD') {
    // Whatever this request changed is committed by now: look at the version before answering anyone else.
    cache.checkVersionNow();
    options.onLocalChange?.();
  }
  await sendRendered(req, res, response);
}

/**
 * The cheap way for the commonest request: a page kept under this very
 * address, current by a version read within the last moments, in the
 * encoding the client prefers, with no request body to deal with. No route
 * match, no request context, no promise: checks made on the ordinary way
 * (the method, the address, built files) were made when the page was kept
 * under this same address. Anything else (no copy, a version to read, a
 * stale copy, a compressed copy not made yet) takes the ordinary way.
 */
function answerKeptPageAtOnce(cache: PageCache, req: IncomingMessage, res: ServerResponse, requestId: string): boolean {
  const { headers } = req;
  if (headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined) return false;
  const key = cacheKeyOf(req);
  const page = key === null ? undefined : cache.getKnownCurrent(key);
  return page !== undefined && sendKeptPageAtOnce(req, res, page, requestId);
}

/** True if answered from a kept copy (current, or stale while the version cannot be read). */
async function answerFromMemory(cache: PageCache, key: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const version = await cache.currentVersion();
  const page = version === null ? cache.getStale(key) : cache.get(key, version);
  if (!page) return false;
  await sendCachedPage(req, res, page, version === null ? 'STALE' : 'HIT', cache, key);
  return true;
}

async function answerThroughCache(cache: PageCache, key: string, req: IncomingMessage, res: ServerResponse, render: () => Promise<Response>): Promise<void> {
  const version = await cache.currentVersion();
  if (version === null) {
    // The database cannot say what is current: the last good copy beats an error page.
    const stale = cache.getStale(key);
    return stale ? sendCachedPage(req, res, stale, 'STALE', cache, key) : sendRendered(req, res, await render());
  }
  let page = cache.get(key, version);
  const rendering = page ? undefined : cache.whileRendering(key);
  if (rendering) {
    await rendering;
    page = cache.get(key, version);
  }
  if (page) return sendCachedPage(req, res, page, 'HIT', cache, key);
  if (req.method === 'HEAD') return sendRendered(req, res, await render());

  const finished = cache.startRendering(key);
  try {
    const response = await render();
    const headers = outgoingHeadersOf(response.headers);
    const body = Buffer.from(await response.arrayBuffer());
    const rendered = cachedPageOf(response.status, headers, body, version);
    if (!rendered) return sendBytes(req, res, response.status, headers, body);
    cache.set(key, rendered);
    return sendCachedPage(req, res, rendered, 'MISS', cache, key);
  } finally {
    finished();
  }
}

/**
 * A page for one person (their account, their private feed, a token page).
 * Sent uncompressed: its secrets beside anything it echoes from the request
 * would let compressed sizes leak them to an attacker who can watch the
 * traffic and make the browser send requests (BREACH).
 */
function isPersonal(headers: Headers): boolean {
  return /\b(private|no-store)\b/i.test(headers.get('cache-control') ?? '');
}

/** An answer that is not kept: compressed on the way when it is text and not tiny, else streamed as Astro made it. */
async function sendRendered(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  // A public page rendered without being kept (the version could not be read) still carries the middleware's mark.
  const marked = response.headers.has(CACHE_UNTIL_HEADER);
  const worthCompressing =
    response.body !== null &&
    req.method !== 'HEAD' &&
    response.status !== 204 &&
    response.status !== 304 &&
    !response.headers.has('content-encoding') &&
    !isPersonal(response.headers) &&
    isCompressible(response.headers.get('content-type'));
  if (!worthCompressing && !marked) {
    await writeResponse(response, res);
    return;
  }
  const headers = outgoingHeadersOf(response.headers);
  delete headers[CACHE_UNTIL_HEADER];
  return sendBytes(req, res, response.status, headers, Buffer.from(await response.arrayBuffer()));
}

async function sendBytes(req: IncomingMessage, res: ServerResponse, status: number, headers: OutgoingHttpHeaders, body: Buffer): Promise<void> {
  delete headers['content-length'];
  delete headers['transfer-encoding'];
  // Compressed for this answer alone (it is not kept): the coding cheapest to make among those the client likes best, made quickly.
  const encoding = body.length >= MIN_COMPRESSED_BYTES && isCompressible(String(headers['content-type'] ?? '')) && headers['content-encoding'] === undefined ? negotiateQuickEncoding(req.headers['accept-encoding']) : 'identity';
  let sent = body;
  if (encoding !== 'identity') {
    sent = await compress(body, encoding, 'quick');
    headers['content-encoding'] = encoding;
    headers.vary = headers.vary ? `${String(headers.vary)}, Accept-Encoding` : 'Accept-Encoding';
    if (typeof headers.etag === 'string') headers.etag = encodedTag(headers.etag, encoding);
  }
  headers['content-length'] = sent.length;
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : sent);
}

/**
 * On SIGTERM or SIGINT (or when `stop` is called): stop accepting
 * connections, let requests in flight finish, each answered with
 * "Connection: close", close idle keep-alive connections (no request is cut
 * off), then run `cleanup` and exit 0. Past `graceMs`, what is left is closed.
 */
export function shutDownGracefully(server: Server, cleanup: () => Promise<void>, graceMs = 10_000): (reason: string) => void {
  const traffic = trafficOf.get(server) ?? { handlersRunning: 0, unanswered: new Set<ServerResponse>(), draining: false };
  let closed = false;
  const stop = (reason: string) => {
    if (traffic.draining) return;
    traffic.draining = true;
    console.log(`[whatson] ${reason}: finishing requests in flight, then stopping`);
    const deadline = Date.now() + graceMs;
    for (const res of traffic.unanswered) if (!res.headersSent) res.setHeader('Connection', 'close');
    server.close(() => (closed = true));
    const finish = async () => {
      // An answer that had begun before shutdown may have left its connection open and idle.
      server.closeIdleConnections();
      if ((traffic.handlersRunning > 0 || !closed) && Date.now() < deadline) {
        setTimeout(finish, 20);
        return;
      }
      server.closeAllConnections();
      await cleanup();
      process.exit(0);
    };
    void finish();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return stop;
}
