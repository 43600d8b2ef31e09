// Our HTTP server in front of Astro's handler (@astrojs/node in middleware
// mode): it knows the real client address, serves built assets, answers
// anonymous GETs of public pages from memory, logs one line per request, and
// shuts down gracefully.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { clientAddressOf } from './client-address';
import { logLine } from './log-line';
import { serveStaticFile } from './static-files';
import { cacheKeyOf, captureMarkedAnswer, sendCachedPage, toCachedPage } from './cached-pages';
import type { PageCache } from '../public-cache/page-cache';

const MAX_REQUEST_BYTES = 11 * 1024 * 1024;

export type AstroHandler = (req: IncomingMessage, res: ServerResponse, next: () => void, locals: Record<string, unknown>) => Promise<void>;

export interface ServerOptions {
  host: string;
  port: number;
  clientDir: string;
  trustedProxies: readonly string[];
  /** Without one, every request goes to Astro. */
  pageCache?: PageCache;
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

// Requests whose handler has not finished, even if their client has gone:
// shutting down waits for these, so nothing acknowledged or half-done is cut off.
let handlersRunning = 0;

export function createPortalServer(astroHandler: AstroHandler, options: ServerOptions): Server {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  return createServer((req, res) => {
    const startedAt = process.hrtime.bigint();
    const requestId = randomUUID();
    res.setHeader('X-Request-Id', requestId);
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
      log(logLine({ at: new Date().toISOString(), requestId, method: req.method, path: loggablePath(req.url ?? '/'), status: res.statusCode, durationMs: Math.round(durationMs * 10) / 10 }));
    });

    const pathname = pathnameOf(req.url ?? '/');
    if (pathname === null) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request: the address is not valid.');
      return;
    }
    if (serveStaticFile(options.clientDir, pathname, req, res)) return;
    // The largest legitimate body is a 10 MB PDF with its form; refuse more before reading it.
    if (Number(req.headers['content-length'] ?? 0) > MAX_REQUEST_BYTES) {
      res.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8' }).end('The upload is too large: attachments can be at most 10 MB.');
      // Discard what the client is still sending, so it can read the answer instead of a reset.
      req.resume();
      return;
    }

    const locals: RequestContextLocals = {
      clientAddress: clientAddressOf(req.socket.remoteAddress, req.headers['x-forwarded-for'], options.trustedProxies),
      requestId,
    };
    handlersRunning += 1;
    const render = () => astroHandler(req, res, () => res.writeHead(404).end(), locals as unknown as Record<string, unknown>);
    (options.pageCache ? answerThroughCache(options.pageCache, req, res, render) : render())
      .catch((error) => {
        console.error(`[whatson] request ${requestId} failed`, error);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('The portal could not answer this request.');
      })
      .finally(() => {
        handlersRunning -= 1;
      });
  });
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
  if (version === null) return render();
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

export function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * On SIGTERM or SIGINT: stop accepting connections, let requests in flight
 * finish (closing idle keep-alive connections), then run `cleanup`.
 */
export function shutDownGracefully(server: Server, cleanup: () => Promise<void>, graceMs = 10_000): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[whatson] ${signal}: finishing requests in flight, then stopping`);
    const deadline = Date.now() + graceMs;
    server.close();
    server.closeIdleConnections();
    const finish = async () => {
      if (handlersRunning > 0 && Date.now() < deadline) {
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
}
