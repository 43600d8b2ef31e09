// RSS 2.0 feed of upcoming events (https://www.rssboard.org/rss-specification).
import type { Locale, Messages } from '../../i18n';
import { localeUrl } from '../../i18n/paths';
import { formatTimeRange, zoneName } from '../../i18n/format';
import { escapeXml } from '../http/xml';
import { rssDescription, rssDocument } from '../http/rss-document';
import { eventPath, type PortalEvent } from './portal-event';
import { contentIn } from '../translations/content-text';

export function renderEventsRss(events: readonly PortalEvent[], origin: string, t: Messages, locale: Locale): string {
  const items = events.map((event) => {
    const link = localeUrl(locale, eventPath(event), origin);
    const when = `${formatTimeRange(event.start, event.end, event.timeZone, locale)} (${zoneName(event.start, event.timeZone, locale)})`;
    const status = event.status === 'scheduled' ? '' : `${t.statuses[event.status]}: `;
    // The feed of a locale gives each event's translation where there is one (RSS has one language per channel: the rest stays in the original).
    const text = contentIn(event, locale);
    return [
      '    <item>',
      `      <title>${escapeXml(status + text.title)}</title>`,
      `      <link>${escapeXml(link)}</link>`,
      `      <guid isPermaLink="true">${escapeXml(link)}</guid>`,
      `      ${rssDescription(`${when}. ${text.summary}`)}`,
      // When the event starts: a reader sorts and dates items by it.
      `      <pubDate>${event.start.toUTCString()}</pubDate>`,
      ...event.topics.map((topic) => `      <category>${escapeXml(topic)}</category>`),
      '    </item>',
    ].join('\n');
  });
  return rssDocument({ title: t.rss.title, link: localeUrl(locale, '/', origin), description: t.rss.description, language: locale }, items);
}
