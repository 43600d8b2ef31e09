// An event's or topic's words in a locale: its translation when there is one,
// otherwise the original, saying in which language it is. The one function
// pages, feeds, search, digests and emails ask, so each shows the same text
// and marks it the same way (lang, dir, "not available in this language").
import { directionOf, type Locale } from '../../i18n/index';
import { ORIGINAL_LANGUAGE } from './translation-files';

/** What a translation holds: the translated fields and, when translated, the body in Markdown. */
export interface TranslatedText {
  title: string;
  summary: string;
  /** Markdown; empty when only the title and summary are translated. */
  body: string;
}

export type ContentTranslations = Partial<Record<Locale, TranslatedText>>;

/** Anything the secretariat writes that may be translated: an event, a topic. */
export interface Translatable {
  title: string;
  summary: string;
  translations?: ContentTranslations;
}

export interface ContentText {
  title: string;
  summary: string;
  /** The translation's Markdown body, or undefined: show the original's (marked with `lang`). */
  body?: string;
  /** The language these words are in (BCP 47). */
  lang: string;
  dir: 'ltr' | 'rtl';
  /** True when this is the original shown on a page in another language: say it is not available in it. */
  untranslated: boolean;
}

/** The words of `item` to show in `locale`. */
export function contentIn(item: Translatable, locale: Locale): ContentText {
  const translation = locale === ORIGINAL_LANGUAGE ? undefined : item.translations?.[locale];
  if (translation) return { title: translation.title, summary: translation.summary, body: translation.body.trim() ? translation.body : undefined, lang: locale, dir: directionOf(locale), untranslated: false };
  return { title: item.title, summary: item.summary, lang: ORIGINAL_LANGUAGE, dir: directionOf(ORIGINAL_LANGUAGE), untranslated: locale !== ORIGINAL_LANGUAGE };
}

/**
 * The attributes for an element holding text in `lang` on a page in
 * `locale`: none when they are the page's own; `lang` (and `dir` where the
 * writing direction differs, English inside an Arabic page) otherwise.
 */
export function languageAttributes(lang: string, locale: Locale): { lang?: string; dir?: 'ltr' | 'rtl' } {
  if (lang === locale) return {};
  const dir = directionOf(lang);
  return dir === directionOf(locale) ? { lang } : { lang, dir };
}

/** The languages `item` can be read in besides the original. */
export function translatedLocales(item: Translatable): Locale[] {
  return Object.keys(item.translations ?? {}) as Locale[];
}
