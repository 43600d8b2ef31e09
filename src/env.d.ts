/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    locale: import('./i18n').Locale;
    messages: import('./i18n').Messages;
  }
}
