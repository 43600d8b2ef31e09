// The answer to an unexpected failure: a plain page that says sorry and gives
// the request id to quote, and nothing about the server's insides. Built from
// strings alone, so it works when the database or a component is what failed.
import type { Messages } from '../../i18n';
import { escapeXml } from './xml';

export function unexpectedErrorResponse(t: Messages, locale: string, direction: string, requestId: string): Response {
  const body = `<!doctype html>
<html lang="${escapeXml(locale)}" dir="${direction}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeXml(t.serverError.title)} | ${escapeXml(t.site.name)}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1b1f24;">
<main>
<h1>${escapeXml(t.serverError.title)}</h1>
<p>${escapeXml(t.serverError.body)}</p>
<p>${escapeXml(t.serverError.reference)}: <code>${escapeXml(requestId)}</code></p>
<p><a href="/" style="color: #0b4f8a;">${escapeXml(t.notFound.home)}</a></p>
</main>
</body>
</html>`;
  return new Response(body, { status: 500, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}
