// RSS 2.0 feed of upcoming events (https://www.rssboard.org/rss-specification).
import type { Messages } from '../../i18n';
import { formatTimeRange, zoneName } from '../../i18n/format';
import { escapeXml } from '../http/xml';
import { rssDescription, rssDocument } from '../http/rss-document';
import { eventPath, type PortalEvent } from './portal-event';

export function renderEventsRss(events: readonly PortalEvent[], origin: string, t: Messages, locale: string): string {
  const items = events.map((event) => {
    const link = new URL(eventPath(event), origin).href;
    const when = `${formatTimeRange(event.start, event.end, event.timeZone, locale)} (${zoneName(event.start, event.timeZone, locale)})`;
    const status = event.status === 'scheduled' ? '' : `${t.statuses[event.status]}: `;
    return [
      '    <item>',
      `      <title>${escapeXml(status + event.title)}</title>`,
      `      <link>${escapeXml(link)}</link>`,
      `      <guid isPermaLink="true">${escapeXml(link)}</guid>`,
      `      ${rssDescription(`${when}. ${event.summary}`)}`,
      // When the event starts: a reader sorts and dates items by it.
      `      <pubDate>${event.start.toUTCString()}</pubDate>`,
      ...event.topics.map((topic) => `      <category>${escapeXml(topic)}</category>`),
      '    </item>',
    ].join('\n');
  });
  return rssDocument({ title: t.rss.title, link: new URL('/', origin).href, description: t.rss.description, language: locale }, items);
}
