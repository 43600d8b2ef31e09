// An RSS 2.0 channel around already rendered items (https://www.rssboard.org/rss-specification).
import { escapeHtml } from '../markdown/render-markdown';
import { escapeXml } from './xml';

export interface RssChannel {
  title: string;
  link: string;
  /** Plain text. */
  description: string;
  language: string;
}

/**
 * A <description> for plain text. Feed readers take a description as
 * entity-encoded HTML (RSS 2.0, and the RSS Best Practices Profile,
 * "description"), so text put there as it is would be rendered as markup:
 * an author's `<img onerror=…>` would run in the reader. So the text is
 * written as HTML first, then as XML, each escape once: the reader shows
 * exactly the characters the author typed. Titles and categories are plain
 * text to readers and are escaped for XML only.
 */
export function rssDescription(plainText: string): string {
  return `<description>${escapeXml(escapeHtml(plainText))}</description>`;
}

export function rssDocument(channel: RssChannel, items: readonly string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0">',
    '  <channel>',
    `    <title>${escapeXml(channel.title)}</title>`,
    `    <link>${escapeXml(channel.link)}</link>`,
    `    ${rssDescription(channel.description)}`,
    `    <language>${escapeXml(channel.language)}</language>`,
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}
