import { describe, expect, it } from 'vitest';
import { pathnameOf } from '../../src/server/http/node-server';

const byUrlParser = (url: string) => decodeURI(new URL(url, 'http://portal').pathname);

describe('request path', () => {
  it('reads plain paths without a URL parser, and agrees with one', () => {
    for (const url of ['/', '/events', '/events?topic=firearms&format=hybrid', '/_astro/app.abc.css', '/calendar.ics?x=1', '/a.b/c']) {
      expect(pathnameOf(url), url).toBe(byUrlParser(url));
    }
  });

  it('resolves dot segments, doubled slashes and escapes as a URL parser does', () => {
    for (const url of ['/_astro/../../etc/passwd', '/a/./b', '/a/..', '//evil.example/x', '/caf%C3%A9', '/a\\..\\b', '/%2e%2e/x']) {
      expect(pathnameOf(url), url).toBe(byUrlParser(url));
    }
  });

  it('gives null for an escape that does not decode', () => {
    expect(pathnameOf('/%E0%A4%A')).toBeNull();
  });
});
