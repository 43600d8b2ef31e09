// A kept page's compressed copies: made quickly when first asked for (a
// crawler's one-off address costs little), made again small once the page is
// asked for a second time, in place of the quick copy, within the cache's budget.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { copyIn, isSmallCopy, refined } from '../../src/server/http/compressed-copies';
import { toCachedPage } from '../../src/server/http/cached-pages';
import { PageCache } from '../../src/server/public-cache/page-cache';

/** A page that compresses well, as HTML does, and differently at each level. */
function listingPage() {
  const rows = Array.from({ length: 400 }, (_, n) => `<li class="event-card"><a href="/events/generated-${n}">Meeting ${n} on topic ${n % 7}</a><time>2027-0${(n % 9) + 1}-1${n % 10}</time></li>`);
  const body = Buffer.from(`<!doctype html><html><body><ul>${rows.join('\n')}</ul></body></html>`);
  return toCachedPage(200, { 'content-type': 'text/html; charset=utf-8' }, body, 1, Number.MAX_SAFE_INTEGER)!;
}

async function cacheAtVersionOne() {
  const cache = new PageCache({ readVersion: async () => 1 });
  await cache.currentVersion();
  return cache;
}

const decode = { gzip: gunzipSync, br: brotliDecompressSync } as const;

describe('compressed copies of a kept page', () => {
  for (const encoding of ['gzip', 'br'] as const) {
    it(`makes the first ${encoding} copy quickly, and a smaller one, of the same page, once the page is asked for again`, async () => {
      const cache = await cacheAtVersionOne();
      const page = listingPage();
      cache.set('/events?n=1', page);

      const quick = copyIn(cache, '/events?n=1', page, encoding) as Buffer;
      expect(decode[encoding](quick).equals(page.body)).toBe(true);
      expect(isSmallCopy(quick)).toBe(false);
      expect(cache.size.bytes).toBe(page.body.length + quick.length);

      // Asked for again: this answer still gets the quick copy; the small one follows it.
      expect(copyIn(cache, '/events?n=1', page, encoding)).toBe(quick);
      await refined(page);
      const small = copyIn(cache, '/events?n=1', page, encoding) as Buffer;
      expect(small).not.toBe(quick);
      expect(isSmallCopy(small)).toBe(true);
      expect(small.length).toBeLessThan(quick.length);
      expect(decode[encoding](small).equals(page.body)).toBe(true);
      // The budget counts the small copy in place of the quick one.
      expect(cache.size.bytes).toBe(page.body.length + small.length);
    });
  }

  it('makes the small copy once, however many ask for the quick one before it is ready', async () => {
    const cache = await cacheAtVersionOne();
    const page = listingPage();
    cache.set('/events?n=2', page);
    const quick = copyIn(cache, '/events?n=2', page, 'gzip') as Buffer;
    for (let n = 0; n < 5; n++) expect(copyIn(cache, '/events?n=2', page, 'gzip')).toBe(quick);
    await refined(page);
    const small = page.encoded.gzip as Buffer;
    expect(isSmallCopy(small)).toBe(true);
    expect(copyIn(cache, '/events?n=2', page, 'gzip')).toBe(small);
    await refined(page);
    expect(page.encoded.gzip).toBe(small);
    expect(cache.size.bytes).toBe(page.body.length + small.length);
  });

  it('leaves the quick copy of a page the cache has let go meanwhile', async () => {
    const cache = new PageCache({ readVersion: async () => 1, maxBytes: 200_000 });
    await cache.currentVersion();
    const page = listingPage();
    cache.set('/events?n=3', page);
    const quick = copyIn(cache, '/events?n=3', page, 'gzip') as Buffer;
    copyIn(cache, '/events?n=3', page, 'gzip');
    // Other pages push it out before the small copy is made.
    for (let n = 0; n < 20; n++) cache.set(`/other-${n}`, listingPage());
    expect(cache.holds('/events?n=3')).toBe(false);
    await refined(page);
    expect(page.encoded.gzip).toBe(quick);
  });
});
