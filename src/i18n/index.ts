// Locale plumbing: which catalogue, which writing direction. The portal
// speaks the six official UN languages; a language is a catalogue file
// (the `Messages` type makes a missing key a type error) and a line below.
import { en, type Messages } from './en';

/** The six official languages of the UN, in the UN's order (alphabetical in English). */
export const LOCALES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

// Until a language's catalogue lands, its pages speak English.
const CATALOGUES: Partial<Record<Locale, Messages>> & { en: Messages } = { en };
const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'he', 'ur']);

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

export function messagesFor(locale: Locale): Messages {
  return CATALOGUES[locale] ?? CATALOGUES.en;
}

export function directionOf(locale: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(locale.split('-')[0]!) ? 'rtl' : 'ltr';
}

/** A language's name in that language ("français", "العربية"), for the switcher and the account form. */
export function endonym(locale: Locale): string {
  const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

export type { Messages };
