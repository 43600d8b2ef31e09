// Markdown written by civil-society organisations, published on the public
// site (security note, "User-written content"). Two layers, so that a mistake
// in one is caught by the other: marked never passes raw HTML through (it is
// shown as text), and sanitize-html keeps only an allow-list of the markup
// marked produces.
import { Marked, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';

const LINK_REL = 'nofollow ugc noopener';

// Checked after sanitize-html has decoded entities, so `&#106;avascript:`
// arrives here as `javascript:`. Anything else (relative paths, `//host`,
// `javascript:`, `data:`, `vbscript:`, leading blanks or control characters)
// is not a link we publish.
const PUBLISHABLE_HREF = /^(?:https?:\/\/|mailto:)/i;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML that shows exactly that text (`&#39;` rather than `&apos;`, which HTML 4 readers do not know). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

// marked's own text is already escaped, and an entity the author typed
// (`&eacute;`) should still show as the character.
function escapeHtmlKeepingEntities(text: string): string {
  return text.replace(/&(?!#?\w+;)|[<>"']/g, (character) => HTML_ESCAPES[character]!);
}

// Created once: this runs on every request that shows written input.
const markdown = new Marked({
  gfm: true,
  breaks: false,
  pedantic: false,
  async: false,
  renderer: {
    // Raw HTML is shown as the author typed it. Dropping it silently would
    // also drop the words inside, and trusting it is what the allow-list
    // below is only a second line of defence against.
    html(token: Tokens.HTML | Tokens.Tag) {
      const shown = escapeHtml(token.text.trim());
      return 'block' in token && token.block ? `<p>${shown}</p>\n` : shown;
    },
    // After an inline `<pre>` or `<script>` tag marked leaves the following
    // text unescaped, expecting the browser to treat it as raw. Since that
    // tag is itself shown as text, its content must be escaped too.
    text(token: Tokens.Text | Tokens.Escape) {
      if (token.type === 'text' && token.escaped && !token.tokens) return escapeHtml(token.text);
      return false;
    },
    // No images: an image would load from an address the author chose when
    // a reader opens the page. The description stays, as text.
    image(token: Tokens.Image) {
      const alt = token.tokens ? this.parser.parseInline(token.tokens, this.parser.textRenderer) : token.text;
      return escapeHtmlKeepingEntities(alt);
    },
    // A task list keeps its ticks as the author typed them, not as a form field.
    checkbox({ checked }: Tokens.Checkbox) {
      return checked ? '[x] ' : '[ ] ';
    },
  },
});

const CELL_ALIGN = { name: 'align', values: ['left', 'center', 'right'] };

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  // `del` is GFM strikethrough: dropping it would keep the struck words and
  // silently reverse what the author meant.
  allowedTags: [
    'p', 'h2', 'h3', 'h4', 'em', 'strong', 'del', 'code', 'pre', 'blockquote', 'hr', 'br',
    'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a',
  ],
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'], th: [CELL_ALIGN], td: [CELL_ALIGN] },
  allowedClasses: {},
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Text of a dropped tag is kept; the content of script/style-like tags is not.
  disallowedTagsMode: 'discard',
  transformTags: {
    // The page's own title is its only h1; the lowest levels fold into h4 so
    // their text stays a heading rather than running into the next paragraph.
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    // An unpublishable link loses its address here and its tag in
    // exclusiveFilter, keeping its text. (Renaming it to a disallowed tag
    // instead trips sanitize-html 2.17: the next link in the same parent
    // is then closed with the wrong tag.)
    a: (_tagName, attribs): sanitizeHtml.Tag => {
      const href = attribs.href?.trim() ?? '';
      if (!PUBLISHABLE_HREF.test(href)) return { tagName: 'a', attribs: {} };
      return { tagName: 'a', attribs: { href, rel: LINK_REL } };
    },
  },
  // Also catches an address the scheme check above let through but
  // sanitize-html's own check then removed.
  exclusiveFilter: (frame) => (frame.tag === 'a' && !frame.attribs.href ? 'excludeTag' : false),
};

/** Safe HTML for user-written Markdown: fit for `set:html`. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.parse(source, { async: false }), SANITIZE_OPTIONS);
}

const BLOCK_TAG = /<\/?(?:p|h[2-4]|ul|ol|li|blockquote|pre|hr|br|table|thead|tbody|tr|th|td)\b[^>]*>/gi;
const ANY_TAG = /<[^>]*>/g;
const OUTPUT_ENTITY = /&(?:amp|lt|gt|quot|#39|#x27);/g;
const ENTITY_TEXT: Record<string, string> = {
  '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'",
};

// Regexes are enough here because the input is renderMarkdown's output:
// sanitize-html has normalised it, so every `<` in text is `&lt;` and only
// the entities above remain.
function textOf(source: string): string {
  return renderMarkdown(source)
    .replace(BLOCK_TAG, ' ')
    .replace(ANY_TAG, '')
    .replace(OUTPUT_ENTITY, (entity) => ENTITY_TEXT[entity]!);
}

const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Words as a reader sees them: Markdown syntax, link addresses and stray
 * punctuation (a lone "-" or "—") do not count toward a word limit.
 */
export function countWords(source: string): number {
  let words = 0;
  for (const token of textOf(source).split(/\s+/u)) {
    if (HAS_LETTER_OR_DIGIT.test(token)) words += 1;
  }
  return words;
}

/**
 * Plain text (not HTML: escape it for its destination, e.g. rssDescription
 * in a feed) for previews and RSS descriptions. With maxLength, the text is cut
 * at a word boundary and ends with "…", the whole at most maxLength
 * characters.
 */
export function markdownToPlainText(source: string, maxLength?: number): string {
  const text = textOf(source).replace(/\s+/gu, ' ').trim();
  if (maxLength === undefined) return text;
  // Code points, so a cut never splits an emoji or other astral character.
  const characters = Array.from(text);
  if (characters.length <= maxLength) return text;
  if (maxLength < 1) return '';
  const kept = characters.slice(0, maxLength - 1);
  const cutInsideWord = !/\s/u.test(characters[maxLength - 1]!) && !/\s/u.test(kept.at(-1) ?? ' ');
  let cut = kept.join('');
  if (cutInsideWord) {
    const lastSpace = cut.lastIndexOf(' ');
    // One word longer than the whole preview is cut where it must be.
    if (lastSpace > 0) cut = cut.slice(0, lastSpace);
  }
  return `${cut.replace(/[\s,;:.\-–—]+$/u, '')}…`;
}
