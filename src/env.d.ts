/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    locale: import('./i18n').Locale;
    /** The address without its language prefix: /events for /fr/events. */
    path: string;
    messages: import('./i18n').Messages;
    /** What the domain said (a key and parameters), in this request's language. */
    say: (message: import('./i18n/message').Message) => string;
    /** Set by our HTTP server from the socket and trusted proxies only. */
    clientAddress: string;
    requestId: string;
    session: import('./server/auth/sessions').ValidSession | null;
    user: import('./server/auth/sessions').SessionUser | null;
  }
}
