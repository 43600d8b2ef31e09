// Our HTTP server in front of Astro's handler (@astrojs/node in middleware
// mode): it knows the real client address, serves built assets, answers
// anonymous GETs of public pages from memory (the last good copy while the
// database is unavailable), logs one line per request, answers 503 when the
// database cannot serve, and shuts down gracefully.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { DEFAULT_LOCALE, directionOf, messagesFor } from '../../i18n';
import { databaseFaultOf } from '../db/faults';
import { clientAddressOf } from './client-address';
import { databaseUnavailableResponse, sendFailureAnswer, unexpectedErrorResponse } from './error-response';
import { logLine } from './log-line';
import { serveStaticFile } from './static-files';
import { cacheKeyOf, captureMarkedAnswer, sendCachedPage, toCachedPage } from './cached-pages';
import { isPublicPath } from '../public-cache/cache-policy';
import type { PageCache } from '../public-cache/page-cache';
import { ATTACHMENT_FORM_LIMIT, BODY_TIMED_OUT, bodyLimitFor, countedBody, dropRest, type BodyLimit, type BodyRefused } from './body-limits';

export type AstroHandler = (req: IncomingMessage, res: ServerResponse, next: () => void, locals: Record<string, unknown>) => Promise<void>;

export interface ServerOptions {
  host: string;
  port: number;
  clientDir: string;
  trustedProxies: readonly string[];
  /** Without one, every request goes to Astro. */
  pageCache?: PageCache;
  /** The origin visitors use (PUBLIC_ORIGIN): decides HSTS on our own failure answers. */
  publicOrigin?: string;
  log?: (line: string) => void;
}

export interface RequestContextLocals {
  clientAddress: string;
  requestId: string;
}

/** What a log line may show of a path: no query string, no secret token segment. */
export function loggablePath(url: string): string {
  const path = url.split('?')[0] ?? '/';
  return path.replace(/\/calendar\/[^/]+\.ics$/, '/calendar/<token>.ics');
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

export function createPortalServer(astroHandler: AstroHandler, options: ServerOptions): Server {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const traffic: Traffic = { handlersRunning: 0, unanswered: new Set(), draining: false };
  const server = createServer((req, res) => {
    const startedAt = process.hrtime.bigint();
    const arrivedAt = Date.now();
    const requestId = randomUUID();
    res.setHeader('X-Request-Id', requestId);
    // While shutting down, no connection is kept for another request that would find it closed.
    if (traffic.draining) res.setHeader('Connection', 'close');
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
      log(logLine({ at: new Date().toISOString(), requestId, method: req.method, path: loggablePath(req.url ?? '/'), status: res.statusCode, durationMs: Math.round(durationMs * 10) / 10 }));
    });

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

    const locals: RequestContextLocals = {
      clientAddress: clientAddressOf(req.socket.remoteAddress, req.headers['x-forwarded-for'], options.trustedProxies),
      requestId,
    };
    traffic.handlersRunning += 1;
    traffic.unanswered.add(res);
    const render = () => astroHandler(req, res, () => res.writeHead(404).end(), locals as unknown as Record<string, unknown>);
    // Only public pages can be in the cache: other GETs (sign-in, /healthz …) never wait for its
    // version read. Every change goes through it, to be seen at once.
    const reading = req.method === 'GET' || req.method === 'HEAD';
    (options.pageCache && (isPublicPath(pathname) || !reading) ? answerThroughCache(options.pageCache, req, res, render) : render())
      .catch((error) => answerFailure(res, requestId, `${req.method} ${loggablePath(req.url ?? '/')}`, error, new URL(pathname, options.publicOrigin ?? 'http://localhost')))
      .finally(() => {
        traffic.handlersRunning -= 1;
        traffic.unanswered.delete(res);
      });
  });
  trafficOf.set(server, traffic);
  // A body that trickles in, or headers that never end, hold a socket and memory: give up on them.
  // Each route's body has its own, shorter deadline (body-limits.ts); this catches bodies nobody reads.
  server.headersTimeout = 20_000;
  server.requestTimeout = (ATTACHMENT_FORM_LIMIT.seconds + 30) * 1000;
  return server;
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

async function answerThroughCache(cache: PageCache, req: IncomingMessage, res: ServerResponse, render: () => Promise<void>): Promise<void> {
  const key = cacheKeyOf(req);
  if (key === null) {
    await render();
    // Whatever this request changed is committed by now: look at the version before answering anyone else.
    if (req.method !== 'GET' && req.method !== 'HEAD') cache.checkVersionNow();
    return;
  }
  const version = await cache.currentVersion();
  if (version === null) {
    // The database cannot say what is current: the last good copy beats an error page.
    const stale = cache.getStale(key);
    return stale ? sendCachedPage(req, res, stale, 'STALE') : render();
  }
  let page = cache.get(key, version);
  const rendering = page ? undefined : cache.whileRendering(key);
  if (rendering) {
    await rendering;
    page = cache.get(key, version);
  }
  if (page) return sendCachedPage(req, res, page, 'HIT');
  if (req.method === 'HEAD') return render();

  const finished = cache.startRendering(key);
  try {
    captureMarkedAnswer(res, (status, headers, body, until) => {
      const rendered = toCachedPage(status, headers, body, version, until);
      if (!rendered) {
        res.writeHead(status, headers).end(body);
        return;
      }
      cache.set(key, rendered);
      sendCachedPage(req, res, rendered, 'MISS');
    });
    await render();
  } finally {
    finished();
  }
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
