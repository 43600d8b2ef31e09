// The answers to failures: a plain page that says sorry (500) or "try again
// soon" (503, when the database is unavailable) and gives the request id to
// quote, and nothing about the server's insides. Built from strings alone, so
// they work when the database or a component is what failed.
import type { ServerResponse } from 'node:http';
import type { Messages } from '../../i18n';
import { retryAfterSeconds, type DatabaseFault } from '../db/faults';
import { applySecurityHeaders } from './security-headers';
import { escapeXml } from './xml';

function plainPage(t: Messages, locale: string, direction: string, requestId: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${escapeXml(locale)}" dir="${direction}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeXml(title)} | ${escapeXml(t.site.name)}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1b1f24;">
<main>
<h1>${escapeXml(title)}</h1>
<p>${escapeXml(body)}</p>
<p>${escapeXml(t.serverError.reference)}: <code>${escapeXml(requestId)}</code></p>
<p><a href="/" style="color: #0b4f8a;">${escapeXml(t.notFound.home)}</a></p>
</main>
</body>
</html>`;
}

export function unexpectedErrorResponse(t: Messages, locale: string, direction: string, requestId: string): Response {
  const body = plainPage(t, locale, direction, requestId, t.serverError.title, t.serverError.body);
  return new Response(body, { status: 500, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** 413: the body was cut off as it streamed past the route's limit; nothing of it was used. */
export function bodyTooLargeResponse(): Response {
  return new Response('The request is too large: attachments can be at most 10 MB, and other forms take a few thousand characters per field.', {
    status: 413,
    // The connection stays open while our server drops the rest (node-server.ts), so a browser still uploading sees this.
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/** 408: the body did not arrive within the route's time; nothing of it was used. */
export function bodyTimedOutResponse(): Response {
  return new Response('The request took too long to arrive. Check the connection and send the form again.', {
    status: 408,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' },
  });
}

/** 422: text that cannot be stored reached the database without a schema reading it first (each form's fields are refused next to them). */
export function controlCharactersResponse(): Response {
  return new Response('The form holds control characters (such as NUL) that text cannot contain. Go back, remove them and send the form again.', {
    status: 422,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/** 503 with Retry-After: the request failed only because the database could not serve it; trying again will work. */
export function databaseUnavailableResponse(t: Messages, locale: string, direction: string, requestId: string, fault: DatabaseFault): Response {
  const body = plainPage(t, locale, direction, requestId, t.serviceUnavailable.title, t.serviceUnavailable.body);
  return new Response(body, {
    status: 503,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': String(retryAfterSeconds(fault)) },
  });
}

/**
 * Sends one of the answers above from our own server (outside Astro, whose
 * middleware adds the security headers to everything else), with the same
 * security headers. Nothing is sent if the answer has already begun.
 */
export async function sendFailureAnswer(res: ServerResponse, answer: Response, url: URL): Promise<void> {
  if (res.headersSent) {
    // Half an answer is sent: ending the connection tells the client it is incomplete.
    if (!res.writableEnded) res.destroy();
    return;
  }
  applySecurityHeaders(answer.headers, url);
  const body = Buffer.from(await answer.arrayBuffer());
  answer.headers.set('Content-Length', String(body.length));
  res.writeHead(answer.status, Object.fromEntries(answer.headers));
  res.end(body);
}
