// The digest email, in its reader's language: plain text, grouped by kind,
// each item with its link (to the reader's language), and the one-click
// unsubscribe link both in the text and in the List-Unsubscribe headers
// (RFC 8058) that mail programs show as a button. Every fixed sentence comes
// from the domain catalogue (`mail.digest.*`); dates come from Intl.
import { config } from '../config';
import type { MailMessage } from '../mail/mailer';
import { eventPath, type PortalEvent } from '../events/portal-event';
import { say } from '../mail/mail-text';
import { contentIn } from '../translations/content-text';
import type { Locale } from '../../i18n/index';
import { formatDay, formatDayRange, formatList } from '../../i18n/format';
import { localeUrl } from '../../i18n/paths';
import type { DigestContent } from './digest-content';
import type { DigestPeriod } from './digest-periods';

export function digestMail(
  recipient: { email: string; name: string; locale: Locale },
  topicNames: readonly string[],
  period: DigestPeriod,
  content: DigestContent,
  unsubscribeUrl: string,
): MailMessage {
  const { locale } = recipient;
  const origin = config().PUBLIC_ORIGIN;
  const link = (path: string) => localeUrl(locale, path, origin);
  const day = (event: PortalEvent) => formatDay(event.start, event.timeZone, locale);
  const item = (text: string, path: string) => `- ${text}\n  ${link(path)}`;
  const eventLine = (event: PortalEvent) => item(say(locale, 'mail.digest.eventItem', { title: contentIn(event, locale).title, date: day(event) }), eventPath(event));
  const callLine = (event: PortalEvent) =>
    item(say(locale, 'mail.digest.callItem', { title: contentIn(event, locale).title, date: day(event), closes: formatDay(event.callForInput!.closes, event.timeZone, locale) }), eventPath(event));
  const section = (heading: string, lines: string[]) => `${heading}\n${lines.join('\n')}`;
  const sections: string[] = [];
  if (content.newEvents.length) sections.push(section(say(locale, 'mail.digest.newEvents'), content.newEvents.map(eventLine)));
  if (content.callsOpened.length) sections.push(section(say(locale, 'mail.digest.callsOpened'), content.callsOpened.map(callLine)));
  if (content.callsClosingSoon.length) sections.push(section(say(locale, 'mail.digest.callsClosingSoon'), content.callsClosingSoon.map(callLine)));
  if (content.publishedInput.length) {
    sections.push(section(say(locale, 'mail.digest.publishedInput'), content.publishedInput.map((input) => item(say(locale, 'mail.digest.inputItem', { title: input.title, organisation: input.organisation }), `/submissions/${input.id}`))));
  }
  // The period is whole UTC days (digest-periods.ts): its last day is the one before `end`.
  const lastDay = new Date(period.end.getTime() - 1);
  const span = period.frequency === 'daily' ? formatDay(period.start, 'UTC', locale) : formatDayRange(period.start, lastDay, 'UTC', locale);
  const topics = formatList([...topicNames], locale);
  return {
    to: recipient.email,
    subject: say(locale, `mail.digest.subject.${period.frequency}`, { topics }),
    text: say(locale, 'mail.digest.body', {
      name: recipient.name,
      topics,
      span,
      sections: sections.join('\n\n'),
      why: say(locale, `mail.digest.why.${period.frequency}`),
      choose: link('/account/calendar#digests'),
      unsubscribe: unsubscribeUrl,
      signature: say(locale, 'mail.signature'),
    }),
    headers: {
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
