import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { PageCache, type CachedPage } from '../../src/server/public-cache/page-cache';
import { cacheableUntil, isPublicRoute, LONGEST_CACHE_MS } from '../../src/server/public-cache/cache-policy';
import { cacheKeyOf, clientHasCurrentCopy, toCachedPage } from '../../src/server/http/cached-pages';

function page(version: number, bytes = 10, expiresAt = Number.MAX_SAFE_INTEGER): CachedPage {
  return { status: 200, headers: {}, body: Buffer.alloc(bytes), etag: `"v${version}"`, version, expiresAt, compressible: false, encoded: {} };
}

/** A cache over a version the test moves by hand, on a clock the test moves by hand. */
function cacheOnFakeClock(options: { maxBytes?: number } = {}) {
  const state = { now: 1_000_000, version: 1, reads: 0 };
  const cache = new PageCache({
    readVersion: async () => {
      state.reads += 1;
      return state.version;
    },
    clock: () => state.now,
    ...options,
  });
  return { cache, state };
}

describe('page cache', () => {
  it('reads the public data version at most once per half second, however many requests ask', async () => {
    const { cache, state } = cacheOnFakeClock();
    await Promise.all([cache.currentVersion(), cache.currentVersion(), cache.currentVersion()]);
    expect(state.reads).toBe(1);
    state.now += 499;
    expect(await cache.currentVersion()).toBe(1);
    expect(state.reads).toBe(1);
    state.now += 2;
    await cache.currentVersion();
    expect(state.reads).toBe(2);
  });

  it('drops what it holds once another instance has moved the version on', async () => {
    const { cache, state } = cacheOnFakeClock();
    cache.set('/events', page(await cache.currentVersion() as number));
    expect(cache.get('/events', 1)).toBeDefined();
    state.version = 2;
    state.now += 600;
    const version = (await cache.currentVersion()) as number;
    expect(version).toBe(2);
    expect(cache.get('/events', version)).toBeUndefined();
    expect(cache.size.pages).toBe(0);
  });

  it('reads the version again at once after a change made through this instance', async () => {
    const { cache, state } = cacheOnFakeClock();
    await cache.currentVersion();
    state.version = 2;
    cache.checkVersionNow();
    expect(await cache.currentVersion()).toBe(2);
  });

  it('does not trust for long a version read that began before a local change', async () => {
    let release!: (version: number) => void;
    let now = 0;
    const cache = new PageCache({ readVersion: () => new Promise<number>((resolve) => (release = resolve)), clock: () => now });
    const early = cache.currentVersion();
    cache.checkVersionNow();
    release(1);
    expect(await early).toBe(1);
    now += 10;
    const next = cache.currentVersion();
    expect(next).toBeInstanceOf(Promise);
    release(2);
    expect(await next).toBe(2);
  });

  it('hands out a page without a read only while the version read is fresh, the page of that version and not expired', async () => {
    const { cache, state } = cacheOnFakeClock();
    expect(cache.getKnownCurrent('/events')).toBeUndefined();
    cache.set('/events', page((await cache.currentVersion()) as number, 10, state.now + 10_000));
    cache.set('/other', page(1, 10, state.now + 100));
    expect(cache.getKnownCurrent('/events')?.etag).toBe('"v1"');
    state.now += 200;
    expect(cache.getKnownCurrent('/other')).toBeUndefined();
    state.now += 400;
    // Past the refresh interval: nothing without asking the database, and asking is left to currentVersion.
    expect(cache.getKnownCurrent('/events')).toBeUndefined();
    expect(state.reads).toBe(1);
    state.version = 2;
    await cache.currentVersion();
    expect(cache.getKnownCurrent('/events')).toBeUndefined();
    cache.checkVersionNow();
    cache.set('/events', page(2));
    expect(cache.getKnownCurrent('/events')).toBeUndefined();
  });

  it('keeps nothing rendered at an older version than the current one', async () => {
    const { cache } = cacheOnFakeClock();
    await cache.currentVersion();
    cache.set('/events', page(0));
    expect(cache.size.pages).toBe(0);
  });

  it('lets a page go when the moment it was true until has passed', async () => {
    const { cache, state } = cacheOnFakeClock();
    await cache.currentVersion();
    cache.set('/', page(1, 10, state.now + 100));
    expect(cache.get('/', 1)).toBeDefined();
    state.now += 100;
    expect(cache.get('/', 1)).toBeUndefined();
  });

  it('stays within its byte budget by letting the least recently used page go', async () => {
    const { cache } = cacheOnFakeClock({ maxBytes: 900 });
    await cache.currentVersion();
    cache.set('/a', page(1, 200));
    cache.set('/b', page(1, 200));
    cache.set('/c', page(1, 200));
    cache.set('/d', page(1, 200));
    cache.get('/a', 1);
    cache.set('/e', page(1, 200));
    expect(cache.size.bytes).toBeLessThanOrEqual(900);
    expect(cache.get('/b', 1)).toBeUndefined();
    expect(cache.get('/a', 1)).toBeDefined();
    expect(cache.get('/e', 1)).toBeDefined();
  });

  it('keeps what it holds while the version cannot be read, to be served stale, and asks again after a second', async () => {
    const state = { now: 1_000_000, reads: 0, down: false, version: 1 };
    const cache = new PageCache({
      readVersion: async () => {
        state.reads += 1;
        if (state.down) throw new Error('database down');
        return state.version;
      },
      clock: () => state.now,
    });
    cache.set('/events', page((await cache.currentVersion()) as number));
    state.down = true;
    state.now += 600;
    expect(await cache.currentVersion()).toBeNull();
    expect(cache.getStale('/events')?.etag).toBe('"v1"');
    expect(cache.getStale('/topics')).toBeUndefined();
    // Nothing new is kept while the version is unknown.
    cache.set('/topics', page(2));
    expect(cache.getStale('/topics')).toBeUndefined();

    // While down, requests do not each wait for a failing read.
    const readsWhileDown = state.reads;
    state.now += 999;
    expect(await cache.currentVersion()).toBeNull();
    expect(state.reads).toBe(readsWhileDown);

    // Back, and nothing changed meanwhile: the same pages are current again.
    state.down = false;
    state.now += 2;
    expect(await cache.currentVersion()).toBe(1);
    expect(cache.get('/events', 1)).toBeDefined();
  });

  it('stops waiting for a version read that hangs, and starts no second one beside it', async () => {
    let reads = 0;
    let finish!: (version: number) => void;
    const state = { now: 1_000_000 };
    const cache = new PageCache({
      readVersion: () => {
        reads += 1;
        return reads === 1 ? new Promise<number>((resolve) => (finish = resolve)) : Promise.resolve(7);
      },
      versionReadTimeoutMs: 20,
      clock: () => state.now,
    });
    expect(await cache.currentVersion()).toBeNull();
    state.now += 5_000;
    expect(await cache.currentVersion()).toBeNull();
    expect(reads).toBe(1);
    // Once it has settled, the database is asked again.
    finish(6);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await cache.currentVersion()).toBe(7);
    expect(reads).toBe(2);
  });

  it('drops the stale pages once the database answers with a newer version', async () => {
    const { cache, state } = cacheOnFakeClock();
    cache.set('/events', page((await cache.currentVersion()) as number));
    state.version = 2;
    state.now += 600;
    expect(await cache.currentVersion()).toBe(2);
    expect(cache.getStale('/events')).toBeUndefined();
  });

  it('serves a stale copy even past its expiry, since any copy beats an error page', async () => {
    const { cache } = cacheOnFakeClock();
    cache.set('/events', page((await cache.currentVersion()) as number, 10, 0));
    expect(cache.getStale('/events')).toBeDefined();
  });

  it('lets requests for a page being rendered wait for that rendering', async () => {
    const { cache } = cacheOnFakeClock();
    const finished = cache.startRendering('/events');
    const waiting = cache.whileRendering('/events');
    expect(waiting).toBeInstanceOf(Promise);
    finished();
    await expect(waiting).resolves.toBeUndefined();
    expect(cache.whileRendering('/events')).toBeUndefined();
  });
});

describe('which answers may be shared', () => {
  // Route patterns as Astro names the files under src/pages.
  it('takes public pages and feeds', () => {
    for (const route of ['/', '/[collection]', '/[collection]/[slug]', '/[collection]/[slug].ics', '/[collection]/calendar.ics', '/topics', '/topics/[slug]', '/topics/[slug]/calendar.ics', '/calendar.ics', '/submissions', '/submissions/rss.xml', '/submissions/[id]', '/organisations', '/sitemap.xml', '/rss.xml', '/robots.txt', '/resources', '/search', '/about', '/privacy', '/accessibility', '/review-mechanism', '/countries', '/countries/[code]']) {
      expect(isPublicRoute(route), route).toBe(true);
    }
  });

  it('never takes personal, secretariat, form or token pages', () => {
    for (const route of ['/account', '/account/calendar', '/account/data.json', '/admin', '/admin/events', '/signin', '/signup', '/signup/sent', '/join', '/reset-password', '/calendar/[token].ics', '/submissions/new', '/submissions/[id]/edit', '/submissions/[id]/attachment', '/[collection]/[slug]/apply', '/topics/[slug]/follow', '/countries/[code]/follow', '/healthz', '/404', '/500', '/documents/[file]', '/digests/unsubscribe', '/admin/figures', '/admin/audit.csv']) {
      expect(isPublicRoute(route), route).toBe(false);
    }
  });

  it('keeps a page no longer than a minute, and no later than the next moment an event changes by itself', () => {
    const now = new Date('2027-01-01T00:00:00Z');
    expect(cacheableUntil(now, undefined)).toBe(now.getTime() + LONGEST_CACHE_MS);
    expect(cacheableUntil(now, new Date(now.getTime() + 5_000))).toBe(now.getTime() + 5_000);
  });

  it('is keyed by address for anonymous GETs only', () => {
    const request = (method: string, headers: Record<string, string> = {}) => ({ method, url: '/events?topic=firearms', headers }) as unknown as IncomingMessage;
    expect(cacheKeyOf(request('GET'))).toBe('/events?topic=firearms');
    expect(cacheKeyOf(request('HEAD'))).toBe('/events?topic=firearms');
    expect(cacheKeyOf(request('POST'))).toBeNull();
    expect(cacheKeyOf(request('GET', { cookie: 'theme=dark; whatson_session=abc' }))).toBeNull();
    expect(cacheKeyOf(request('GET', { cookie: 'theme=dark' }))).toBe('/events?topic=firearms');
  });

  it('refuses an answer that sets a cookie, and gives the rest an ETag of their bytes', () => {
    expect(toCachedPage(200, { 'set-cookie': ['a=b'] }, Buffer.from('x'), 1, Date.now() + 1000)).toBeNull();
    const one = toCachedPage(200, { 'content-type': 'text/html' }, Buffer.from('same'), 1, Date.now() + 1000)!;
    const two = toCachedPage(200, { 'content-type': 'text/html' }, Buffer.from('same'), 2, Date.now() + 1000)!;
    const other = toCachedPage(200, { 'content-type': 'text/html' }, Buffer.from('other'), 1, Date.now() + 1000)!;
    expect(one.etag).toBe(two.etag);
    expect(one.etag).not.toBe(other.etag);
    expect(one.headers['content-length']).toBe(4);
    expect(toCachedPage(200, { etag: '"feed-7"' }, Buffer.from('x'), 1, Date.now() + 1000)!.etag).toBe('"feed-7"');
  });

  it('answers 304 to a client holding the current ETag, or a copy not older than Last-Modified', () => {
    const cached = { etag: '"abc"', lastModified: 'Sun, 29 Nov 2026 06:00:00 GMT' };
    const asking = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
    expect(clientHasCurrentCopy(asking({ 'if-none-match': '"abc"' }), cached)).toBe(true);
    expect(clientHasCurrentCopy(asking({ 'if-none-match': '"old", W/"abc"' }), cached)).toBe(true);
    expect(clientHasCurrentCopy(asking({ 'if-none-match': '"old"' }), cached)).toBe(false);
    // If-None-Match wins over If-Modified-Since.
    expect(clientHasCurrentCopy(asking({ 'if-none-match': '"old"', 'if-modified-since': 'Sun, 29 Nov 2026 07:00:00 GMT' }), cached)).toBe(false);
    expect(clientHasCurrentCopy(asking({ 'if-modified-since': 'Sun, 29 Nov 2026 06:00:00 GMT' }), cached)).toBe(true);
    expect(clientHasCurrentCopy(asking({ 'if-modified-since': 'Sun, 29 Nov 2026 05:59:59 GMT' }), cached)).toBe(false);
    expect(clientHasCurrentCopy(asking({}), cached)).toBe(false);
  });
});
