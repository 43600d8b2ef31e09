// What the domain says instead of English: a key into the `domain` part of
// every catalogue, and the values its placeholders take. Pages, emails,
// calendar text and feeds turn it into words for their reader's locale
// (src/i18n/translate.ts), so src/server never chooses a language.
import type { domainEn } from './domain-en';

export type MessageKey = keyof typeof domainEn;
export type MessageParams = Readonly<Record<string, string | number>>;

export interface Message {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

/** Forms that depend on a number, chosen by Intl.PluralRules on the `count` parameter; `other` is always there. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** A language's domain catalogue: every key of the English one, each a sentence or plural forms. */
export type DomainMessages = Record<MessageKey, string | Plural>;

export function plural(forms: Plural): Plural {
  return forms;
}

export function message(key: MessageKey, params?: MessageParams): Message {
  return params && Object.keys(params).length > 0 ? { key, params } : { key };
}

/**
 * The message a zod schema carries is a key (zod wants a string); the issue
 * adds its own limits as parameters when it is turned back into a Message
 * (see issuesFromZod). Typed, so a key that does not exist fails the check.
 */
export function zodKey(key: MessageKey): string {
  return key;
}
