// What the secretariat writes without translations (the knowledge hub's
// entries, the service pages' text) is in English: on a page in another
// language its words are marked as English (lang="en"), so screen readers
// pronounce them rightly, and the page says that the content is in its
// original language. Events and topic pages may have translations: they go
// through contentIn() (src/server/translations/content-text.ts) instead.
import { DEFAULT_LOCALE, type Locale } from './index';

/** The lang attribute for content on a page in `locale`: none where the page is in the content's language. */
export function contentLang(locale: Locale): 'en' | undefined {
  return locale === DEFAULT_LOCALE ? undefined : 'en';
}
