// The secretariat writes events and topic pages in English, and no
// translation of them exists yet: on a page in another language their
// words are marked as English (lang="en"), so screen readers pronounce them
// rightly, and the page says that the content is in its original language.
import { DEFAULT_LOCALE, type Locale } from './index';

/** The lang attribute for content on a page in `locale`: none where the page is in the content's language. */
export function contentLang(locale: Locale): 'en' | undefined {
  return locale === DEFAULT_LOCALE ? undefined : 'en';
}
