// Turns what the domain said (a Message) into words for one locale.
import type { Locale } from './index';
import { DOMAIN_CATALOGUES } from './domain';
import { intlLocale } from './format';
import type { Message, MessageParams, Plural } from './message';

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function rulesFor(locale: string): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(intlLocale(locale))));
  return rules;
}

function numberFormatFor(locale: string): Intl.NumberFormat {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(intlLocale(locale), { useGrouping: 'min2' })));
  return format;
}

/** The form of a plural for `count` in this locale (Arabic has six, Russian three); `other` when the catalogue lacks one. */
export function pluralForm(forms: Plural, count: number, locale: string): string {
  return forms[rulesFor(locale).select(count)] ?? forms.other;
}

/** `{name}` replaced by its value; numbers written the locale's way. */
export function fillPlaceholders(template: string, params: MessageParams | undefined, locale: string): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numberFormatFor(locale).format(value) : value;
  });
}

/** A catalogue text (a string or plural forms) with its placeholders filled. */
export function formatText(text: string | Plural, params: MessageParams | undefined, locale: string): string {
  const template = typeof text === 'string' ? text : pluralForm(text, Number(params?.count ?? 0), locale);
  return fillPlaceholders(template, params, locale);
}

export function translate(locale: Locale, message: Message): string {
  return formatText(DOMAIN_CATALOGUES[locale][message.key], message.params, locale);
}

/** Field name → the words to show beside it. */
export type FieldErrors = Record<string, string>;

export function translateIssues(locale: Locale, issues: Readonly<Record<string, Message>>): FieldErrors {
  return Object.fromEntries(Object.entries(issues).map(([field, message]) => [field, translate(locale, message)]));
}
