// What a person reads in the browser, checked for English left in another
// language's page: the text the page shows after its scripts ran (the
// viewer's own time is written by JavaScript) and the names of its controls,
// without what the secretariat wrote in English (marked lang="en").
// tests/http/every-page-every-language.test.ts makes the same check on the
// HTML of every page type; this one sees the page as rendered.
import type { Page } from 'playwright-core';
import { en } from '../../src/i18n/en';
import { domainEn } from '../../src/i18n/domain-en';
import { DOMAIN_CATALOGUES } from '../../src/i18n/domain';
import { messagesFor, type Locale } from '../../src/i18n';
import type { MessageKey } from '../../src/i18n/message';

function sentences(catalogue: object, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') found.set(path, value);
    else if (value && typeof value === 'object') for (const [inner, text] of sentences(value, path)) found.set(inner, text);
  }
  return found;
}

/**
 * The English sentences (interface and domain catalogues) that would give
 * English away in `locale`: longer than a word or a code, and translated
 * differently. Sentences with placeholders are cut at the first one.
 */
export function englishGiveaways(locale: Locale): string[] {
  const own = sentences(messagesFor(locale));
  const ownDomain = DOMAIN_CATALOGUES[locale] as Record<string, unknown>;
  const interfaceText = [...sentences(en)].filter(([path, text]) => own.get(path) !== text).map(([, text]) => text);
  const domainText = Object.entries(domainEn)
    .filter(([key, text]) => typeof text === 'string' && ownDomain[key] !== text)
    .map(([, text]) => (text as string).split('{')[0]!.trim());
  return [...new Set([...interfaceText, ...domainText])].filter((text) => text.length >= 12 && /\s/.test(text));
}

/** The page's visible text and its controls' labels, without content marked English (the title, which names the content, is checked over HTTP). */
export async function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const copy = document.body.cloneNode(true) as HTMLElement;
    for (const element of copy.querySelectorAll('script, style, textarea, [lang="en"], [hidden]')) element.remove();
    const labels = [...copy.querySelectorAll('[aria-label], [alt], [title], [placeholder]')].flatMap((element) =>
      ['aria-label', 'alt', 'title', 'placeholder'].map((name) => element.getAttribute(name) ?? ''),
    );
    return [copy.textContent ?? '', ...labels].join(' ').replace(/\s+/g, ' ');
  });
}

/** The English sentences the page shows in `locale` (none, when its catalogues are complete). */
export async function englishOnPage(page: Page, locale: Locale, giveaways = englishGiveaways(locale)): Promise<string[]> {
  const text = await readableText(page);
  return giveaways.filter((sentence) => text.includes(sentence)).map((sentence) => `${new URL(page.url()).pathname}: "${sentence}"`);
}

/** A sentence of a language's domain catalogue, with its {placeholders} as written (not a plural). */
export function domainSentence(locale: Locale, key: MessageKey): string {
  const text = DOMAIN_CATALOGUES[locale][key];
  if (typeof text !== 'string') throw new Error(`${key} is a plural in ${locale}`);
  return text;
}
