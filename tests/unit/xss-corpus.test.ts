// Security note, "User-written content": whatever a submitter types, the
// published HTML has no script, no event handler, no style, no embedding,
// and only http, https and mailto links marked rel="nofollow ugc noopener".
//
// Two independent checks of the output: regexes over the sanitised string,
// and the tree a browser would build (parse5 implements the WHATWG parsing
// algorithm; it is installed with Astro). The parse catches markup that a
// browser reads differently from how a regex sees it.
import { parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/server/markdown/render-markdown';
import { XSS_VECTORS } from './xss-vectors';

const REL = 'nofollow ugc noopener';
const PUBLISHABLE_HREF = /^(?:https?:\/\/|mailto:)/i;
const FORBIDDEN_TAG =
  /<\s*\/?\s*(?:script|style|iframe|frame|frameset|object|embed|applet|svg|math|img|image|form|input|button|textarea|select|base|meta|link|template|noscript|video|audio|source|details|title)\b/i;
const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  p: [], h2: [], h3: [], h4: [], em: [], strong: [], del: [], code: [], pre: [], blockquote: [], hr: [], br: [],
  ul: [], ol: ['start'], li: [], table: [], thead: [], tbody: [], tr: [], th: ['align'], td: ['align'],
  a: ['href', 'rel'],
};

function decodeAttribute(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The regex check: adequate because sanitize-html normalises what it emits. */
function problemsSeenByRegex(html: string): string[] {
  const problems: string[] = [];
  if (FORBIDDEN_TAG.test(html)) problems.push(`forbidden tag: ${FORBIDDEN_TAG.exec(html)![0]}`);
  for (const [, slash, name, attributes] of html.matchAll(/<(\/?)([a-zA-Z][^\s/>]*)([^>]*)>/g)) {
    const tag = name!.toLowerCase();
    const allowed = ALLOWED_ATTRIBUTES[tag];
    if (!allowed) {
      problems.push(`tag not on the allow-list: <${slash}${tag}>`);
      continue;
    }
    const found = new Map<string, string>();
    for (const [, attribute, , double, single, bare] of attributes!.matchAll(
      /([^\s=/>]+)(\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g,
    )) {
      found.set(attribute!.toLowerCase(), decodeAttribute(double ?? single ?? bare ?? ''));
    }
    for (const attribute of found.keys()) {
      if (/^on/i.test(attribute)) problems.push(`event handler attribute ${attribute} on <${tag}>`);
      else if (attribute === 'style') problems.push(`style attribute on <${tag}>`);
      else if (!allowed.includes(attribute)) problems.push(`attribute ${attribute} not allowed on <${tag}>`);
    }
    if (tag === 'a' && !slash) {
      const href = found.get('href');
      if (href === undefined || !PUBLISHABLE_HREF.test(href)) problems.push(`link to ${JSON.stringify(href)}`);
      if (found.get('rel') !== REL) problems.push(`link without rel="${REL}": ${JSON.stringify(found.get('rel'))}`);
    }
  }
  if (/\sstyle\s*=/i.test(html.replace(/>[^<]*</g, '><'))) problems.push('style= inside a tag');
  return problems;
}

function isElement(node: DefaultTreeAdapterTypes.Node): node is DefaultTreeAdapterTypes.Element {
  return 'tagName' in node;
}

/** The browser's view: every element and attribute in the parsed tree. */
function problemsSeenByParser(html: string): string[] {
  const problems: string[] = [];
  const visit = (node: DefaultTreeAdapterTypes.Node): void => {
    if (node.nodeName === '#comment') problems.push('comment survived');
    if (isElement(node)) {
      const allowed = ALLOWED_ATTRIBUTES[node.tagName];
      if (node.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push(`foreign element <${node.tagName}>`);
      if (!allowed) problems.push(`element not on the allow-list: <${node.tagName}>`);
      for (const { name } of node.attrs) {
        if (!allowed?.includes(name)) problems.push(`attribute ${name} on <${node.tagName}>`);
      }
      if (node.tagName === 'a') {
        const href = node.attrs.find((attribute) => attribute.name === 'href')?.value;
        const rel = node.attrs.find((attribute) => attribute.name === 'rel')?.value;
        if (href === undefined || !PUBLISHABLE_HREF.test(href)) problems.push(`parsed link to ${JSON.stringify(href)}`);
        if (rel !== REL) problems.push(`parsed link with rel ${JSON.stringify(rel)}`);
      }
    }
    if ('content' in node) visit(node.content as DefaultTreeAdapterTypes.Node);
    if ('childNodes' in node) for (const child of node.childNodes) visit(child);
  };
  visit(parseFragment(html));
  return problems;
}

function findUnsafeMarkup(html: string): string[] {
  return [...problemsSeenByRegex(html), ...problemsSeenByParser(html)];
}

describe('the XSS checks themselves', () => {
  it.each([
    ['a script element', '<script>alert(1)</script>'],
    ['an event handler on an allowed tag', '<p onclick="alert(1)">x</p>'],
    ['an event handler without quotes', '<p onmouseover=alert(1)>x</p>'],
    ['a style attribute', '<p style="color:red">x</p>'],
    ['a javascript: link', `<a href="javascript:alert(1)" rel="${REL}">x</a>`],
    ['an entity-encoded javascript: link', `<a href="&#106;avascript:alert(1)" rel="${REL}">x</a>`],
    ['a relative link', `<a href="/events" rel="${REL}">x</a>`],
    ['a link without rel', '<a href="https://example.org">x</a>'],
    ['a link with target', `<a href="https://example.org" rel="${REL}" target="_blank">x</a>`],
    ['an image', '<img src="https://example.org/a.png">'],
    ['an svg element', '<svg></svg>'],
  ])('flag %s', (_name, html) => {
    expect(findUnsafeMarkup(html)).not.toEqual([]);
  });

  it('pass safe markup', () => {
    expect(findUnsafeMarkup(`<h2>T</h2><p>a &lt;script&gt; <a href="https://example.org/?a=1&amp;b=2" rel="${REL}">x</a></p>`)).toEqual([]);
  });
});

describe('user-written Markdown cannot inject script, style, embeds or unsafe links', () => {
  it('covers at least 60 known vectors, each named once', () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(XSS_VECTORS.map(([name]) => name)).size).toBe(XSS_VECTORS.length);
  });

  it.each(XSS_VECTORS)('neutralises %s', (_name, markdown) => {
    const html = renderMarkdown(markdown);
    expect(findUnsafeMarkup(html), html).toEqual([]);
  });

  it('shows a neutralised vector as the text the submitter typed', () => {
    expect(renderMarkdown('[x](https://example.org" onmouseover="alert(1))')).toBe(
      `<p>[x](<a href="https://example.org" rel="${REL}">https://example.org</a>" onmouseover="alert(1))</p>\n`,
    );
    expect(renderMarkdown('<a href="https://example.org" onclick="alert(1)">x</a>')).toBe(
      '<p>&lt;a href="https://example.org" onclick="alert(1)"&gt;x&lt;/a&gt;</p>\n',
    );
  });
});
