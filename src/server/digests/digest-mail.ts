// The digest email: plain text, grouped by kind, each item with its link, and
// the one-click unsubscribe link both in the text and in the List-Unsubscribe
// headers (RFC 8058) that mail programs show as a button.
import { config } from '../config';
import type { MailMessage } from '../mail/mailer';
import { eventPath, type PortalEvent } from '../events/portal-event';
import type { DigestContent } from './digest-content';
import type { DigestPeriod } from './digest-periods';

const day = (at: Date) => at.toISOString().slice(0, 10);

export function digestMail(
  recipient: { email: string; name: string },
  topicNames: readonly string[],
  period: DigestPeriod,
  content: DigestContent,
  unsubscribeUrl: string,
): MailMessage {
  const origin = config().PUBLIC_ORIGIN;
  const link = (path: string) => new URL(path, origin).href;
  const eventLine = (event: PortalEvent, extra = '') => `- ${event.title} (${day(event.start)}${extra})\n  ${link(eventPath(event))}`;
  const sections: string[] = [];
  if (content.newEvents.length) sections.push(`New events\n${content.newEvents.map((event) => eventLine(event)).join('\n')}`);
  if (content.callsOpened.length) {
    sections.push(`Calls for input that opened\n${content.callsOpened.map((event) => eventLine(event, `; input until ${day(event.callForInput!.closes)}`)).join('\n')}`);
  }
  if (content.callsClosingSoon.length) {
    sections.push(`Calls for input closing within two weeks\n${content.callsClosingSoon.map((event) => eventLine(event, `; input until ${day(event.callForInput!.closes)}`)).join('\n')}`);
  }
  if (content.publishedInput.length) {
    sections.push(`Newly published written input\n${content.publishedInput.map((item) => `- ${item.title}, ${item.organisation}\n  ${link(`/submissions/${item.id}`)}`).join('\n')}`);
  }
  const span = period.frequency === 'daily' ? day(period.start) : `${day(period.start)} to ${day(new Date(period.end.getTime() - 1))}`;
  const what = period.frequency === 'daily' ? 'Your daily digest' : 'Your weekly digest';
  return {
    to: recipient.email,
    subject: `${what} on WhatsOn: ${topicNames.join(', ')}`,
    text:
      `Dear ${recipient.name},\n\nWhat is new on WhatsOn on ${topicNames.join(', ')} (${span}):\n\n${sections.join('\n\n')}\n\n` +
      `Choose which topics you hear about: ${link('/account/calendar')}\n` +
      `Stop these digests with one click, without signing in: ${unsubscribeUrl}\n\nThe UNODC Civil Society Unit`,
    headers: {
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
