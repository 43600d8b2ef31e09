import { describe, expect, it } from 'vitest';
import { countWords, markdownToPlainText, renderMarkdown } from '../../src/server/markdown/render-markdown';

const REL = 'rel="nofollow ugc noopener"';

describe('renderMarkdown', () => {
  it('keeps headings h2 to h4', () => {
    expect(renderMarkdown('## Two\n\n### Three\n\n#### Four')).toBe('<h2>Two</h2>\n<h3>Three</h3>\n<h4>Four</h4>\n');
  });

  it('turns an h1 into an h2 so a submission cannot take the page title', () => {
    for (const source of ['# Our position', 'Our position\n============']) {
      const html = renderMarkdown(source);
      expect(html).toBe('<h2>Our position</h2>\n');
      expect(html).not.toMatch(/<h1/i);
    }
  });

  it('folds h5 and h6 into h4 rather than losing them as headings', () => {
    expect(renderMarkdown('##### Five\n\n###### Six')).toBe('<h4>Five</h4>\n<h4>Six</h4>\n');
  });

  it('keeps emphasis, strong, strikethrough, inline code and line breaks', () => {
    expect(renderMarkdown('*a* **b** ~~c~~ `d < e`  \nnext')).toBe(
      '<p><em>a</em> <strong>b</strong> <del>c</del> <code>d &lt; e</code><br />next</p>\n',
    );
  });

  it('keeps code blocks as escaped text, without a language class', () => {
    expect(renderMarkdown('```html\n<script>alert(1)</script>\n```')).toBe(
      '<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n',
    );
  });

  it('keeps bulleted and numbered lists, with their start number', () => {
    expect(renderMarkdown('- one\n- two')).toBe('<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n');
    expect(renderMarkdown('3. three\n4. four')).toBe('<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>\n');
  });

  it('shows task list ticks as text, not as form fields', () => {
    const html = renderMarkdown('- [x] drafted\n- [ ] submitted');
    expect(html).toContain('<li>[x] drafted</li>');
    expect(html).toContain('<li>[ ] submitted</li>');
    expect(html).not.toMatch(/<input/i);
  });

  it('keeps blockquotes and rules', () => {
    expect(renderMarkdown('> quoted\n\n---')).toBe('<blockquote>\n<p>quoted</p>\n</blockquote>\n<hr />\n');
  });

  it('keeps tables with their column alignment', () => {
    const html = renderMarkdown('| Country | Parties |\n|:--|--:|\n| Austria | 3 |');
    expect(html).toContain('<table>');
    expect(html).toContain('<thead>');
    expect(html).toContain('<th align="left">Country</th>');
    expect(html).toContain('<th align="right">Parties</th>');
    expect(html).toContain('<tbody><tr>');
    expect(html).toContain('<td align="left">Austria</td>');
  });

  it('gives every link rel="nofollow ugc noopener" and no target', () => {
    const html = renderMarkdown('See [the report](https://example.org/report?a=1&b=2 "Report").');
    expect(html).toBe(`<p>See <a href="https://example.org/report?a=1&amp;b=2" ${REL}>the report</a>.</p>\n`);
    expect(html).not.toMatch(/target=/);
  });

  it('links http, https and mailto addresses, including GFM autolinks', () => {
    const html = renderMarkdown('<https://example.org> www.example.org info@example.org [write](mailto:info@example.org) [old](http://example.org)');
    expect(html).toContain(`<a href="https://example.org" ${REL}>https://example.org</a>`);
    expect(html).toContain(`<a href="http://www.example.org" ${REL}>www.example.org</a>`);
    expect(html).toContain(`<a href="mailto:info@example.org" ${REL}>info@example.org</a>`);
    expect(html).toContain(`<a href="mailto:info@example.org" ${REL}>write</a>`);
    expect(html).toContain(`<a href="http://example.org" ${REL}>old</a>`);
  });

  it('keeps the text of a link whose address is not http, https or mailto', () => {
    expect(renderMarkdown('[relative](/events) [ftp](ftp://example.org) [x](javascript:alert(1)) [ok](https://example.org)')).toBe(
      `<p>relative ftp x <a href="https://example.org" ${REL}>ok</a></p>\n`,
    );
  });

  it('drops images and keeps their description as text', () => {
    const html = renderMarkdown('Before ![Map of *the* venue](https://example.org/map.png) after');
    expect(html).toBe('<p>Before Map of the venue after</p>\n');
    expect(html).not.toMatch(/<img/i);
  });

  it('shows raw HTML as the text the author typed', () => {
    expect(renderMarkdown('Press <b>here</b>')).toBe('<p>Press &lt;b&gt;here&lt;/b&gt;</p>\n');
    expect(renderMarkdown('<div class="x">\nblock\n</div>')).toBe('<p>&lt;div class="x"&gt;\nblock\n&lt;/div&gt;</p>\n');
  });

  it('keeps accented and non-Latin text and typed entities', () => {
    expect(renderMarkdown('Déclaration — مكافحة — Конвенция — caf&eacute;')).toBe(
      '<p>Déclaration — مكافحة — Конвенция — café</p>\n',
    );
  });

  it('renders empty input as nothing', () => {
    expect(renderMarkdown('')).toBe('');
    expect(renderMarkdown('   \n\n')).toBe('');
  });
});

describe('countWords', () => {
  it.each([
    ['plain English', 'The quick brown fox jumps over the lazy dog', 9],
    [
      'Markdown syntax and link addresses do not count',
      '# Title\n\n**Bold** and _italic_ with [a link](https://example.org/a/very/long/path) and `code`.\n\n- one\n- two',
      11,
    ],
    ['French with accents and elision', "L'État a présenté un rapport sur la traite des êtres humains.", 11],
    ['Spanish with inverted punctuation', '¿Cómo protegemos a las víctimas?', 5],
    ['Arabic', 'مكافحة الجريمة المنظمة عبر الوطنية', 5],
    ['Russian', 'Конвенция против транснациональной организованной преступности', 5],
    ['numbers', 'In 2024, 190 States and 3,500 participants met.', 8],
    ['lone punctuation is not a word', 'Word — another - and … end', 4],
    ['table cells stay separate words', '| a | b |\n|---|---|\n| one | two |', 4],
    ['a line break separates words', 'line  \nbreak', 2],
    ['emphasis inside a word keeps it one word', 'un**believ**able', 1],
    ['an image counts its description only', '![two words](https://example.org/a-b-c-d.png)', 2],
    ['empty text', '', 0],
    ['only whitespace and syntax', '  \n\n---\n\n> \n', 0],
  ])('%s', (_name, source, words) => {
    expect(countWords(source)).toBe(words);
  });
});

describe('markdownToPlainText', () => {
  it('strips markup, collapses whitespace and decodes entities', () => {
    expect(markdownToPlainText('# Title\n\nSome **bold**   text & [a link](https://example.org).\n\n- one\n- two')).toBe(
      'Title Some bold text & a link. one two',
    );
    expect(markdownToPlainText('5 &lt; 6 &amp; caf&eacute; "quoted" <b>typed</b>')).toBe('5 < 6 & café "quoted" <b>typed</b>');
  });

  it('returns short text whole, without an ellipsis', () => {
    expect(markdownToPlainText('Short *note*', 50)).toBe('Short note');
    expect(markdownToPlainText('exactly ten', 11)).toBe('exactly ten');
  });

  it('cuts long text at a word boundary and ends it with an ellipsis', () => {
    const text = markdownToPlainText('Civil society organisations contribute written input to the review', 30);
    expect(text).toBe('Civil society organisations…');
    expect(text.length).toBeLessThanOrEqual(30);
  });

  it('does not leave trailing punctuation before the ellipsis', () => {
    expect(markdownToPlainText('one two, three four', 9)).toBe('one two…');
  });

  it('cuts a single word longer than the limit where it must', () => {
    expect(markdownToPlainText('Transnationalorganisedcrime', 10)).toBe('Transnati…');
  });

  it('never splits a character outside the Basic Multilingual Plane', () => {
    const text = markdownToPlainText('🌍🌍🌍🌍🌍🌍', 4);
    expect(text).toBe('🌍🌍🌍…');
    expect(Array.from(text)).toHaveLength(4);
  });
});
