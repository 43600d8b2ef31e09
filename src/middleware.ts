import { defineMiddleware } from 'astro:middleware';
import { DEFAULT_LOCALE, messagesFor } from './i18n';
import { applySecurityHeaders } from './server/http/security-headers';

function withCharset(headers: Headers) {
  if (headers.get('content-type') === 'text/html') headers.set('content-type', 'text/html; charset=utf-8');
}

export const onRequest = defineMiddleware(async (context, next) => {
  // Under `astro dev` there is no server of ours to set these.
  context.locals.clientAddress ??= context.clientAddress;
  context.locals.requestId ??= crypto.randomUUID();
  context.locals.locale = DEFAULT_LOCALE;
  context.locals.messages = messagesFor(DEFAULT_LOCALE);
  let response = await next();
  // Responses built from fetch() or Response.redirect() have immutable headers.
  try {
    applySecurityHeaders(response.headers, context.url);
  } catch {
    response = new Response(response.body, response);
    applySecurityHeaders(response.headers, context.url);
  }
  withCharset(response.headers);
  return response;
});
