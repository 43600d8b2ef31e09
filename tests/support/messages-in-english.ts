// Domain functions return messages as keys with parameters (src/i18n/message.ts).
// Tests still read as what the person is told: a Message equals the English
// sentence it says, so `toEqual({ message: 'Applications are closed.' })`
// checks the key and its parameters through the English catalogue.
import { expect } from 'vitest';
import { translate } from '../../src/i18n/translate';
import type { Message } from '../../src/i18n/message';
import { domainEn } from '../../src/i18n/domain-en';

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && 'key' in value && typeof value.key === 'string' && Object.hasOwn(domainEn, value.key);
}

/** Every Message inside `value` replaced by its English sentence. */
export function inEnglish<T>(value: T): unknown {
  if (isMessage(value)) return translate('en', value);
  if (Array.isArray(value)) return value.map(inEnglish);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inEnglish(item)]));
  }
  return value;
}

expect.addEqualityTesters([
  function messageSaysSentence(a: unknown, b: unknown) {
    if (isMessage(a) && typeof b === 'string') return translate('en', a) === b;
    if (typeof a === 'string' && isMessage(b)) return a === translate('en', b);
    return undefined;
  },
]);

/** Like expect.stringContaining, for a Message: its English sentence contains `text`. */
export function saying(text: string) {
  return {
    asymmetricMatch: (actual: unknown) => isMessage(actual) && translate('en', actual).includes(text),
    toString: () => `a message saying "${text}"`,
    toAsymmetricMatcher: () => `a message saying "${text}"`,
  };
}
