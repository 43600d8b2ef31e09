// Locale plumbing: which catalogue, which writing direction. Adding French,
// Spanish or Arabic is a catalogue file and a line in CATALOGUES.
import { en, type Messages } from './en';

const CATALOGUES = { en } satisfies Record<string, Messages>;
const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'he', 'ur']);

export type Locale = keyof typeof CATALOGUES;
export const DEFAULT_LOCALE: Locale = 'en';
export const LOCALES = Object.keys(CATALOGUES) as Locale[];

export function isLocale(value: string): value is Locale {
  return value in CATALOGUES;
}

export function messagesFor(locale: Locale): Messages {
  return CATALOGUES[locale];
}

export function directionOf(locale: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(locale.split('-')[0]!) ? 'rtl' : 'ltr';
}

export type { Messages };
