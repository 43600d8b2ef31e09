// Answers are compressed for clients that accept it: pages and feeds kept in
// memory in the encoding each client prefers (each encoding with its own
// ETag, 304 per encoding; quickly made first, smaller once asked for again),
// answers that are not kept compressed on the way.
import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/server/auth/sessions';
import { createMember, createOrganisation } from '../support/members';
import { usePortal } from '../support/portal';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes on the wire, not decompressed. */
  body: Buffer;
}

function rawGet(baseUrl: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, baseUrl), { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decoded(answer: RawAnswer): string {
  const encoding = answer.headers['content-encoding'];
  if (encoding === 'gzip') return gunzipSync(answer.body).toString('utf8');
  if (encoding === 'br') return brotliDecompressSync(answer.body).toString('utf8');
  expect(encoding).toBeUndefined();
  return answer.body.toString('utf8');
}

describe('compressed answers (SQLite)', () => {
  const portal = usePortal('sqlite');
  const base = () => portal.servers[0]!.baseUrl;

  it('keeps one page and answers each client in the encoding it prefers, the same page every time', async () => {
    const path = '/events?topic=firearms&compression=each';
    const plain = await rawGet(base(), path);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toContain('Accept-Encoding');
    const html = plain.body.toString('utf8');
    expect(html).toContain('<html');

    const gzip = await rawGet(base(), path, { 'Accept-Encoding': 'gzip' });
    const brotli = await rawGet(base(), path, { 'Accept-Encoding': 'gzip, deflate, br' });
    const identity = await rawGet(base(), path, { 'Accept-Encoding': 'identity' });
    expect([gzip, brotli, identity].map((answer) => answer.headers['x-cache'])).toEqual(['HIT', 'HIT', 'HIT']);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(identity.headers['content-encoding']).toBeUndefined();
    for (const answer of [gzip, brotli, identity]) {
      expect(decoded(answer)).toBe(html);
      expect(answer.headers.vary).toContain('Accept-Encoding');
      expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    }
    expect(gzip.body.length).toBeLessThan(html.length / 3);
    expect(brotli.body.length).toBeLessThan(gzip.body.length);
    expect(new Set([plain, gzip, brotli].map((answer) => answer.headers.etag)).size).toBe(3);
    expect(identity.headers.etag).toBe(plain.headers.etag);
  });

  it('follows q-values: a client that prefers gzip gets gzip, one that refuses both gets the bytes as they are', async () => {
    const path = '/topics?compression=weights';
    expect((await rawGet(base(), path, { 'Accept-Encoding': 'br;q=0.5, gzip;q=1' })).headers['content-encoding']).toBe('gzip');
    expect((await rawGet(base(), path, { 'Accept-Encoding': 'br;q=1, gzip;q=0.5' })).headers['content-encoding']).toBe('br');
    expect((await rawGet(base(), path, { 'Accept-Encoding': 'br;q=0, gzip;q=0' })).headers['content-encoding']).toBeUndefined();
    expect((await rawGet(base(), path, { 'Accept-Encoding': '*;q=0, identity' })).headers['content-encoding']).toBeUndefined();
  });

  it('answers 304 to a client holding the current copy in the encoding it asks for, and the bytes to one holding another encoding', async () => {
    const path = '/calendar.ics';
    const gzip = await rawGet(base(), path, { 'Accept-Encoding': 'gzip' });
    const brotli = await rawGet(base(), path, { 'Accept-Encoding': 'br' });
    expect(gzip.headers['content-type']).toContain('text/calendar');
    expect(decoded(gzip)).toBe(decoded(brotli));
    const gzipTag = String(gzip.headers.etag);
    const brotliTag = String(brotli.headers.etag);
    expect(gzipTag).not.toBe(brotliTag);

    const gzipPoll = await rawGet(base(), path, { 'Accept-Encoding': 'gzip', 'If-None-Match': gzipTag });
    expect(gzipPoll.status).toBe(304);
    expect(gzipPoll.headers.etag).toBe(gzipTag);
    expect(gzipPoll.headers.vary).toContain('Accept-Encoding');
    expect(gzipPoll.body.length).toBe(0);
    expect((await rawGet(base(), path, { 'Accept-Encoding': 'br', 'If-None-Match': brotliTag })).status).toBe(304);

    // The client's copy is gzip; it now prefers brotli: it must get the brotli bytes, not a 304 for the wrong copy.
    const switched = await rawGet(base(), path, { 'Accept-Encoding': 'br', 'If-None-Match': gzipTag });
    expect(switched.status).toBe(200);
    expect(switched.headers['content-encoding']).toBe('br');
    expect(switched.headers.etag).toBe(brotliTag);
    const plain = await rawGet(base(), path);
    expect((await rawGet(base(), path, { 'If-None-Match': String(plain.headers.etag) })).status).toBe(304);
  });

  it('sends a page rendered on a miss compressed quickly, and once it is asked for again a smaller copy of the same page under the same tag', async () => {
    for (const encoding of ['gzip', 'br']) {
      const path = `/events?topic=trafficking-in-persons&compression=quick-${encoding}`;
      const first = await rawGet(base(), path, { 'Accept-Encoding': encoding });
      expect(first.headers['x-cache']).toBe('MISS');
      expect(first.headers['content-encoding']).toBe(encoding);
      const html = decoded(first);
      expect(html).toContain('<html');
      const again = await rawGet(base(), path, { 'Accept-Encoding': encoding });
      expect(again.body.equals(first.body)).toBe(true);
      // The small copy is made after the second answer has gone, before the server reads the next request.
      const later = await rawGet(base(), path, { 'Accept-Encoding': encoding });
      expect(later.headers['x-cache']).toBe('HIT');
      expect(later.body.length).toBeLessThan(first.body.length);
      expect(Number(later.headers['content-length'])).toBe(later.body.length);
      expect(decoded(later)).toBe(html);
      expect(later.headers.etag).toBe(first.headers.etag);

      // Whichever copy a client holds, it holds the current page.
      const poll = await rawGet(base(), path, { 'Accept-Encoding': encoding, 'If-None-Match': String(first.headers.etag) });
      expect(poll.status).toBe(304);
      expect(poll.headers.etag).toBe(first.headers.etag);
      const head = await rawGet(base(), path, { 'Accept-Encoding': encoding }, 'HEAD');
      expect(head.headers['content-length']).toBe(String(later.body.length));
    }
  });

  it('answers the request that renders a page in gzip when the client likes gzip as much as brotli, and in brotli from then on', async () => {
    const path = '/events?topic=smuggling-of-migrants&compression=miss-tie';
    const browser = { 'Accept-Encoding': 'gzip, deflate, br, zstd' };
    const first = await rawGet(base(), path, browser);
    expect(first.headers['x-cache']).toBe('MISS');
    expect(first.headers['content-encoding']).toBe('gzip');
    const html = decoded(first);
    const next = await rawGet(base(), path, browser);
    expect(next.headers['x-cache']).toBe('HIT');
    expect(next.headers['content-encoding']).toBe('br');
    expect(decoded(next)).toBe(html);
    // The gzip copy the first client holds is not the brotli one it would now get.
    const poll = await rawGet(base(), path, { ...browser, 'If-None-Match': String(first.headers.etag) });
    expect(poll.status).toBe(200);
    expect(poll.headers.etag).toBe(next.headers.etag);

    // A client that prefers brotli gets it on a miss too.
    const prefersBrotli = await rawGet(base(), `${path}&prefers=br`, { 'Accept-Encoding': 'br;q=1, gzip;q=0.5' });
    expect(prefersBrotli.headers['x-cache']).toBe('MISS');
    expect(prefersBrotli.headers['content-encoding']).toBe('br');
  });

  it('gives a HEAD request the headers of the encoding the GET would have, without a body', async () => {
    const path = '/organisations';
    const get = await rawGet(base(), path, { 'Accept-Encoding': 'gzip' });
    const head = await rawGet(base(), path, { 'Accept-Encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(head.headers['content-length']).toBe(String(get.body.length));
    expect(head.body.length).toBe(0);
  });

  it('compresses pages that are not kept on the way, never a page for one person (BREACH), and leaves small answers as they are', async () => {
    // Compressed for one answer: gzip, cheaper to make, when the client takes both alike; brotli when it prefers it.
    const signin = await rawGet(base(), '/signin', { 'Accept-Encoding': 'gzip, br' });
    expect(signin.headers['x-cache']).toBeUndefined();
    expect(signin.headers['content-encoding']).toBe('gzip');
    expect(signin.headers.vary).toContain('Accept-Encoding');
    expect(decoded(signin)).toContain('<form');
    const signinInBrotli = await rawGet(base(), '/signin', { 'Accept-Encoding': 'gzip;q=0.5, br' });
    expect(signinInBrotli.headers['content-encoding']).toBe('br');
    expect(decoded(signinInBrotli)).toContain('<form');

    const person = await createMember(portal.handle.db, await createOrganisation(portal.handle.db), 'representative');
    const cookie = `whatson_session=${(await createSession(portal.handle.db, person.id)).token}`;
    const account = await rawGet(base(), '/account', { 'Accept-Encoding': 'gzip', Cookie: cookie });
    expect(account.status).toBe(200);
    expect(account.headers['x-cache']).toBeUndefined();
    expect(account.headers['cache-control']).toBe('private, no-store');
    expect(account.headers['content-encoding']).toBeUndefined();
    expect(decoded(account)).toContain(person.name);

    const health = await rawGet(base(), '/healthz', { 'Accept-Encoding': 'gzip, br' });
    expect(health.body.length).toBeLessThan(1024);
    expect(health.headers['content-encoding']).toBeUndefined();
  });
});
