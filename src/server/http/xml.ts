// Text for XML documents (feeds, the sitemap, the plain error page). A feed
// that a single stored character makes unparsable stays broken for every
// reader until that text is gone, so whatever reaches XML is first made
// fit for it: XML 1.0 allows tab, newline and carriage return but no other
// C0 control character, no lone surrogate and neither U+FFFE nor U+FFFF
// (https://www.w3.org/TR/xml/#charsets).
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// Vertical tab and form feed separate words as a space does; dropping them would join the words.
const SPACING_CONTROL = /[\x0b\x0c]/g;
const NOT_XML_CHARACTER = /[\x00-\x08\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text with every character XML 1.0 forbids removed (a lone surrogate becomes U+FFFD, as UTF-8 encoding would make it). */
export function xmlCharacters(text: string): string {
  return text
    .replace(SPACING_CONTROL, ' ')
    .replace(NOT_XML_CHARACTER, (character) => (character >= '\ud800' && character <= '\udfff' ? '\ufffd' : ''));
}

/** Character data or an attribute value: fit for XML, escaped exactly once. */
export function escapeXml(text: string): string {
  return xmlCharacters(text).replace(/[&<>"']/g, (character) => XML_ESCAPES[character]!);
}
