// HTTP for feeds: validators on every answer, 304 without a body when the
// client's copy is current (calendar note, "HTTP").
import type { Feed } from './feeds';
import { REFRESH_SECONDS } from './feeds';

export function feedResponse(request: Request, feed: Feed, options: { private?: boolean; filename?: string } = {}): Response {
  const headers = new Headers({
    ETag: feed.etag,
    'Last-Modified': feed.lastModified.toUTCString(),
    'Cache-Control': options.private ? `private, max-age=${REFRESH_SECONDS}` : `public, max-age=${REFRESH_SECONDS}`,
  });
  const ifNoneMatch = request.headers.get('if-none-match');
  const ifModifiedSince = request.headers.get('if-modified-since');
  const matches = ifNoneMatch
    ? ifNoneMatch.split(',').some((tag) => tag.trim() === feed.etag || tag.trim() === '*')
    : ifModifiedSince !== null && !Number.isNaN(Date.parse(ifModifiedSince)) && feed.lastModified.getTime() <= Date.parse(ifModifiedSince);
  if (matches) return new Response(null, { status: 304, headers });
  headers.set('Content-Type', 'text/calendar; charset=utf-8');
  if (options.filename) headers.set('Content-Disposition', `attachment; filename="${options.filename}"`);
  return new Response(feed.bytes, { headers });
}
