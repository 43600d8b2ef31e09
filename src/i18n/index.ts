// Locale plumbing: which catalogue, which writing direction. The portal
// speaks the six official UN languages; a language is a catalogue file
// (the `Messages` type makes a missing key a type error) and a line below.
import { en, type Messages } from './en';
import { ar } from './ar';
import { es } from './es';
import { fr } from './fr';
import { ru } from './ru';
import { zh } from './zh';

/** The six official languages of the UN, in the UN's order (alphabetical in English). */
export const LOCALES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

const CATALOGUES: Record<Locale, Messages> = { ar, zh, en, fr, ru, es };
const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'he', 'ur']);

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

export function messagesFor(locale: Locale): Messages {
  return CATALOGUES[locale];
}

export function directionOf(locale: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(locale.split('-')[0]!) ? 'rtl' : 'ltr';
}

/**
 * Each language's name in that language ("Français", "العربية"), for the
 * switcher and the account form. Made once: building an Intl.DisplayNames per
 * name cost a twentieth of every page rendered (every layout names all six).
 */
const ENDONYMS = Object.fromEntries(
  LOCALES.map((locale) => {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
    return [locale, name.charAt(0).toLocaleUpperCase(locale) + name.slice(1)];
  }),
) as Record<Locale, string>;

export function endonym(locale: Locale): string {
  return ENDONYMS[locale];
}

export type { Messages };
