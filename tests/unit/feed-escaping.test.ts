// Security note, "Learned from trying the landed portal": feeds are
// well-formed after any input, and plain text is escaped exactly once. Each
// feed is read back as a reader would: a strict XML parser first, then, for
// a description (entity-encoded HTML to every feed reader), an HTML parser.
import { parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../src/i18n';
import { renderEventsRss } from '../../src/server/events/rss';
import { escapeXml, xmlCharacters } from '../../src/server/http/xml';
import { markdownToPlainText } from '../../src/server/markdown/render-markdown';
import type { SubmissionSummary } from '../../src/server/submissions/submission-lists';
import { renderSubmissionsRss } from '../../src/server/submissions/submissions-rss';
import { portalEvent } from '../support/event-fixtures';
import { ALL_HOSTILE, HOSTILE_TEXT, UNSTORABLE_TEXT } from '../support/hostile-text';
import { elementsNamed, parseStrictXml } from '../support/strict-xml';
import { XSS_VECTORS } from './xss-vectors';

const t = messagesFor('en');
const ORIGIN = 'https://whatson.example.org';

function summary(overrides: Partial<SubmissionSummary> = {}): SubmissionSummary {
  return {
    id: 'abcdefghijklmnopqrstuvwxyz234567',
    title: 'Findings on tracing',
    state: 'published',
    topics: ['firearms'],
    states: [],
    callKey: null,
    organisationName: 'Observatory',
    organisationType: 'ngo',
    body: 'What we found.',
    answers: [],
    note: null,
    updatedAt: '2027-01-10T09:00:00.000Z',
    submittedAt: '2027-01-09T09:00:00.000Z',
    publishedAt: '2027-01-10T09:00:00.000Z',
    ...overrides,
  };
}

/** What a feed reader renders from a description: the elements it would build, and the text it would show. */
function asReaderRendersIt(html: string): { elements: string[]; text: string } {
  const elements: string[] = [];
  let text = '';
  const visit = (node: DefaultTreeAdapterTypes.Node): void => {
    if ('tagName' in node) elements.push(node.tagName);
    if (node.nodeName === '#text') text += (node as DefaultTreeAdapterTypes.TextNode).value;
    if ('childNodes' in node) for (const child of node.childNodes) visit(child);
  };
  visit(parseFragment(html));
  return { elements, text };
}

function itemsOf(rss: string) {
  return elementsNamed(parseStrictXml(rss), 'item').map((item) => ({
    title: elementsNamed(item, 'title')[0]!.text,
    description: elementsNamed(item, 'description')[0]!.text,
  }));
}

describe('XML text', () => {
  it('drops every character XML 1.0 forbids and keeps tab, line breaks and every other character', () => {
    expect(xmlCharacters('a\x00b\x01c\x08d\x0e\x1fe\ufffe\uffff')).toBe('abcde');
    expect(xmlCharacters('words\x0bapart\x0cstill')).toBe('words apart still');
    expect(xmlCharacters('tab\tnew\nline\r\n')).toBe('tab\tnew\nline\r\n');
    expect(xmlCharacters('emoji 🇦🇹 é ü 中文 \u0085 \u2028')).toBe('emoji 🇦🇹 é ü 中文 \u0085 \u2028');
  });

  it('turns a lone surrogate into U+FFFD, as UTF-8 encoding would', () => {
    expect(xmlCharacters('a\ud800b\udfffc')).toBe('a\ufffdb\ufffdc');
  });

  it('escapes markup characters exactly once', () => {
    expect(escapeXml(`<a href="x">&amp;'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;amp;&apos;&lt;/a&gt;');
  });
});

describe('feeds stay well-formed XML after hostile input', () => {
  it.each([...HOSTILE_TEXT, ...UNSTORABLE_TEXT, ALL_HOSTILE])('the input RSS with %j in a body, a title and an organisation name', (hostile) => {
    const rss = renderSubmissionsRss([summary({ title: hostile, body: hostile, organisationName: hostile })], ORIGIN, t, 'en');
    const [item] = itemsOf(rss);
    expect(item!.title).toBe(xmlCharacters(`${hostile}: ${hostile}`));
    const shown = asReaderRendersIt(item!.description);
    expect(shown.elements).toEqual([]);
    expect(shown.text).toBe(xmlCharacters(markdownToPlainText(hostile, 500)));
  });

  it.each([...HOSTILE_TEXT, ...UNSTORABLE_TEXT])('the events RSS with %j in an event title and summary', (hostile) => {
    const event = portalEvent('2027-03-hostile', { title: hostile, summary: hostile, topics: ['firearms'] });
    const rss = renderEventsRss([event], ORIGIN, t, 'en');
    const [item] = itemsOf(rss);
    expect(item!.title).toBe(xmlCharacters(hostile));
    const shown = asReaderRendersIt(item!.description);
    expect(shown.elements).toEqual([]);
    expect(shown.text.endsWith(xmlCharacters(hostile))).toBe(true);
  });
});

describe('RSS descriptions are plain text escaped exactly once', () => {
  it('shows markup typed in a body as the characters typed, never as markup', () => {
    const rss = renderSubmissionsRss([summary({ body: 'See <img src=x onerror=alert(1)> and <script>alert(2)</script>.' })], ORIGIN, t, 'en');
    expect(rss).toContain('<description>See &amp;lt;img src=x onerror=alert(1)&amp;gt; and &amp;lt;script&amp;gt;alert(2)&amp;lt;/script&amp;gt;.</description>');
    const [item] = itemsOf(rss);
    expect(asReaderRendersIt(item!.description)).toEqual({ elements: [], text: 'See <img src=x onerror=alert(1)> and <script>alert(2)</script>.' });
  });

  it('shows an entity the author typed as the author saw it on the page', () => {
    // In Markdown, &amp;lt; shows as "&lt;", and &lt;b&gt; as "<b>".
    const [item] = itemsOf(renderSubmissionsRss([summary({ body: '&amp;lt; and &lt;b&gt;' })], ORIGIN, t, 'en'));
    expect(asReaderRendersIt(item!.description)).toEqual({ elements: [], text: '&lt; and <b>' });
  });

  it.each(XSS_VECTORS)('carries no markup to a reader for %s', (_name, markdown) => {
    const [item] = itemsOf(renderSubmissionsRss([summary({ body: markdown })], ORIGIN, t, 'en'));
    expect(asReaderRendersIt(item!.description).elements).toEqual([]);
  });

  it('writes the channel description the same way', () => {
    const channel = parseStrictXml(renderSubmissionsRss([], ORIGIN, t, 'en')).children[0]!;
    const description = channel.children.find((child) => child.name === 'description')!;
    expect(asReaderRendersIt(description.text)).toEqual({ elements: [], text: t.submissions.archiveIntro });
  });
});
