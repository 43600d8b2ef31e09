// An RSS 2.0 channel around already rendered items (https://www.rssboard.org/rss-specification).
import { escapeXml } from './xml';

export interface RssChannel {
  title: string;
  link: string;
  description: string;
  language: string;
}

export function rssDocument(channel: RssChannel, items: readonly string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0">',
    '  <channel>',
    `    <title>${escapeXml(channel.title)}</title>`,
    `    <link>${escapeXml(channel.link)}</link>`,
    `    <description>${escapeXml(channel.description)}</description>`,
    `    <language>${escapeXml(channel.language)}</language>`,
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}
