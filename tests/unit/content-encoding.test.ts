// Which encoding a client gets, from its Accept-Encoding and the q-values in it (RFC 9110 §12.5.3).
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compress, encodedTag, isCompressible, negotiateEncoding, negotiateQuickEncoding } from '../../src/server/http/content-encoding';

describe('choosing an encoding', () => {
  it('gives brotli to browsers, which accept both, and gzip to clients that know only gzip', () => {
    expect(negotiateEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiateEncoding('gzip, deflate')).toBe('gzip');
    expect(negotiateEncoding('x-gzip')).toBe('gzip');
  });

  it('sends bytes as they are when the client names no encoding we make, or sends no header', () => {
    expect(negotiateEncoding(undefined)).toBe('identity');
    expect(negotiateEncoding('')).toBe('identity');
    expect(negotiateEncoding('identity')).toBe('identity');
    expect(negotiateEncoding('deflate, zstd')).toBe('identity');
  });

  it('follows the q-values: the highest weight wins, brotli before gzip on a tie, q=0 refuses', () => {
    expect(negotiateEncoding('gzip;q=1.0, br;q=0.5')).toBe('gzip');
    expect(negotiateEncoding('br;q=0.8, gzip;q=0.8')).toBe('br');
    expect(negotiateEncoding('br;q=0, gzip')).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip;q=0')).toBe('identity');
    expect(negotiateEncoding('gzip;q=0.5, identity;q=1')).toBe('identity');
    expect(negotiateEncoding('GZIP ; Q=0.9')).toBe('gzip');
  });

  it('reads "*" as every encoding not named, identity included', () => {
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('br;q=0, *')).toBe('gzip');
    expect(negotiateEncoding('*;q=0, identity')).toBe('identity');
  });

  it('treats a malformed weight as a refusal of that encoding, not as a preference', () => {
    expect(negotiateEncoding('br;q=high, gzip;q=0.4')).toBe('gzip');
    expect(negotiateEncoding('br;q=2')).toBe('identity');
  });

  it('for a page compressed on a miss, gives gzip to a client that weighs it as brotli, and brotli only to one that prefers it', () => {
    expect(negotiateQuickEncoding('gzip, deflate, br, zstd')).toBe('gzip');
    expect(negotiateQuickEncoding('*')).toBe('gzip');
    expect(negotiateQuickEncoding('br;q=1, gzip;q=0.5')).toBe('br');
    expect(negotiateQuickEncoding('br')).toBe('br');
    expect(negotiateQuickEncoding('gzip;q=0, br')).toBe('br');
    expect(negotiateQuickEncoding('identity')).toBe('identity');
    expect(negotiateQuickEncoding(undefined)).toBe('identity');
    // Asked the other way first, the same header is not answered from what the other remembered.
    expect(negotiateEncoding('gzip, br')).toBe('br');
    expect(negotiateQuickEncoding('gzip, br')).toBe('gzip');
  });
});

describe('compressed copies', () => {
  const page = Buffer.from('<p>Firearms trafficking, side event</p>'.repeat(200));

  it('decompress to the very bytes they were made from, small pages at once and large ones off the main thread', async () => {
    expect(gunzipSync(await compress(page, 'gzip')).equals(page)).toBe(true);
    expect(brotliDecompressSync(await compress(page, 'br')).equals(page)).toBe(true);
    const feed = Buffer.from('BEGIN:VEVENT\r\nSUMMARY:Session\r\nEND:VEVENT\r\n'.repeat(20_000));
    const made = compress(feed, 'br');
    expect(made).toBeInstanceOf(Promise);
    expect(brotliDecompressSync(await made).equals(feed)).toBe(true);
  });

  it('carry an ETag of their own, so no cache takes one encoding for another', () => {
    expect(encodedTag('"abc"', 'identity')).toBe('"abc"');
    expect(encodedTag('"abc"', 'gzip')).toBe('"abc-gzip"');
    expect(encodedTag('W/"abc"', 'br')).toBe('W/"abc-br"');
  });

  it('are made of text only: pages, feeds and data, never PDFs or images that are compressed already', () => {
    for (const type of ['text/html; charset=utf-8', 'text/calendar; charset=utf-8', 'application/rss+xml', 'application/xml', 'application/json']) expect(isCompressible(type), type).toBe(true);
    for (const type of ['application/pdf', 'image/png', 'application/octet-stream', undefined, null]) expect(isCompressible(type), String(type)).toBe(false);
  });
});
