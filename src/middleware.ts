import { defineMiddleware } from 'astro:middleware';
import { DEFAULT_LOCALE, messagesFor } from './i18n';
import { applySecurityHeaders } from './server/http/security-headers';

export const onRequest = defineMiddleware(async (context, next) => {
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
  return response;
});
