// An email's subject and text in its reader's language, from the domain
// catalogue's `mail.<name>.subject` and `mail.<name>.body`.
import type { Locale } from '../../i18n/index';
import { message, type MessageKey, type MessageParams } from '../../i18n/message';
import { translate } from '../../i18n/translate';

type MailName = { [K in MessageKey]: K extends `mail.${infer Name}.subject` ? (`mail.${Name}.body` extends MessageKey ? Name : never) : never }[MessageKey];

export function say(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return translate(locale, message(key, params));
}

/** `{signature}` is filled in for every email. */
export function mailText(locale: Locale, name: MailName, params: MessageParams): { subject: string; text: string } {
  const all = { signature: say(locale, 'mail.signature'), ...params };
  return { subject: say(locale, `mail.${name}.subject`, all), text: say(locale, `mail.${name}.body`, all) };
}

/** "\n\n<label>:\n<text>" when there is a text, nothing otherwise: the optional part of an email. */
export function optionalPart(locale: Locale, key: MessageKey, params: Record<string, string | null | undefined>): string {
  return Object.values(params).every((value) => value) ? `\n\n${say(locale, key, params as MessageParams)}` : '';
}
