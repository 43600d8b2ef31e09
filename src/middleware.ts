import type { APIContext } from 'astro';
import { portalNow } from './server/clock';
import { defineMiddleware } from 'astro:middleware';
import { DEFAULT_LOCALE, directionOf, messagesFor } from './i18n';
import { localiseResponse } from './server/http/localised-links';
import { translate } from './i18n/translate';
import { bodyTimedOutResponse, bodyTooLargeResponse, controlCharactersResponse, databaseUnavailableResponse, unexpectedErrorResponse } from './server/http/error-response';
import { discardUploads, RequestBodyTimedOut, RequestBodyTooLarge } from './server/http/forms';
import { databaseFaultOf, isUnstorableText } from './server/db/faults';
import { config } from './server/config';
import { database } from './server/db/index';
import { SESSION_COOKIE, sessionCookieOptions, validateSessionToken } from './server/auth/sessions';
import { applySecurityHeaders, carriesToken, isCrossSiteRequest } from './server/http/security-headers';
import { newRequestId } from './server/http/request-ids';
import { CACHE_UNTIL_HEADER, cacheableUntil, isPublicRoute } from './server/public-cache/cache-policy';
import { loadCatalogue } from './server/events/catalogue';

function withCharset(headers: Headers) {
  if (headers.get('content-type') === 'text/html') headers.set('content-type', 'text/html; charset=utf-8');
}

/**
 * Logged once, with the id the visitor sees; the page itself tells nothing of
 * the cause. A database that cannot serve (lost connection, pool exhausted,
 * locked or read-only) is a 503 to retry, not a bug: one line, no stack.
 */
function failureResponse(error: unknown, locals: App.Locals, request: string): Response {
  if (error instanceof RequestBodyTooLarge) return bodyTooLargeResponse();
  if (error instanceof RequestBodyTimedOut) return bodyTimedOutResponse();
  // Every text field's schema refuses control characters next to the field; this is for a value no schema read.
  if (isUnstorableText(error)) return controlCharactersResponse();
  const direction = directionOf(locals.locale);
  const fault = databaseFaultOf(error);
  if (fault) {
    console.error(`[whatson] request ${locals.requestId} ${request}: database ${fault}: ${error instanceof Error ? error.message : String(error)}`);
    return databaseUnavailableResponse(locals.messages, locals.locale, direction, locals.requestId, fault);
  }
  console.error(`[whatson] request ${locals.requestId} ${request} failed:`, error);
  return unexpectedErrorResponse(locals.messages, locals.locale, direction, locals.requestId);
}

/**
 * A page that read a POST's body and then found nothing to show asks for the
 * 404 page with `Astro.rewrite('/404')`, which Astro refuses once the body is
 * read (it would carry the body over). Any such page gets the 404 page: asked
 * for as a GET of its own, with the visitor's headers.
 */
function isRewriteAfterReadingBody(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'RewriteWithBodyUsed';
}

function notFoundAfterReadingBody(context: APIContext): Promise<Response> {
  return context.rewrite(new Request(new URL('/404', context.url), { method: 'GET', headers: context.request.headers }));
}

// Authentication only: who is asking. What they may do is decided by the
// domain functions, which take the acting user.
export const onRequest = defineMiddleware(async (context, next) => {
  // Under `astro dev` there is no server of ours to set these.
  context.locals.clientAddress ??= context.clientAddress;
  context.locals.requestId ??= newRequestId();
  // Our server (node-server.ts) took the language off the address: /fr/events arrives as /events
  // with the locale set. Under `astro dev` there is no server of ours, and pages are in English.
  const locale = context.locals.locale ?? DEFAULT_LOCALE;
  const path = context.url.pathname;
  context.locals.locale = locale;
  context.locals.path = path;
  context.locals.messages = messagesFor(locale);
  context.locals.say = (message) => translate(context.locals.locale, message);
  context.locals.session = null;
  context.locals.user = null;

  const token = context.cookies.get(SESSION_COOKIE)?.value;
  let response: Response | undefined;
  try {
    if (isCrossSiteRequest(context.request.method, context.request.headers, context.url)) {
      response = new Response('Cross-site requests are not accepted: use the portal’s own forms.', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    } else if (token) {
      const session = await validateSessionToken(database().db, token);
      if (session) {
        context.locals.session = session;
        context.locals.user = session.user;
        if (session.renewed) context.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(session.expiresAt, config().PUBLIC_ORIGIN));
      } else {
        context.cookies.delete(SESSION_COOKIE, { path: '/' });
      }
    }
    response ??= await localiseResponse(await next(), locale);
  } catch (error) {
    response = isRewriteAfterReadingBody(error)
      ? await notFoundAfterReadingBody(context).catch((again: unknown) => failureResponse(again, context.locals, `${context.request.method} ${context.url.pathname}`))
      : failureResponse(error, context.locals, `${context.request.method} ${context.url.pathname}`);
  } finally {
    // The page has used what was uploaded with the form (its frontmatter ran inside next()).
    await discardUploads(context.request);
  }
  // Responses built from fetch() or Response.redirect() have immutable headers.
  try {
    applySecurityHeaders(response.headers, context.url);
  } catch {
    response = new Response(response.body, response);
    applySecurityHeaders(response.headers, context.url);
  }
  withCharset(response.headers);
  if (carriesToken(path)) response.headers.set('cache-control', 'no-store');
  // Pages that depend on who is signed in must never be stored by a shared cache.
  if (token && !response.headers.has('cache-control')) response.headers.set('cache-control', 'private, no-store');
  else if (!token && context.request.method === 'GET' && response.status === 200 && !response.headers.has('set-cookie') && isPublicRoute(context.routePattern)) {
    // The same for every visitor who is not signed in: our server may give it to the next one.
    const now = portalNow();
    response.headers.set(CACHE_UNTIL_HEADER, String(cacheableUntil(now, (await loadCatalogue()).nextChangeAfter(now))));
  }
  return response;
});
