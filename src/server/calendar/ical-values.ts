// What may stand in an iCalendar value (RFC 5545). Names come from people
// (an attendee's name) and from content; a calendar client that meets a
// control character may drop the whole file, and a double quote inside a
// parameter value ends it, so that the rest of a name such as
// `Eve";ROLE=CHAIR;X="` would be read as parameters of its own.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// CONTROL = %x00-08 / %x0A-1F / %x7F (§3.1). Line breaks are kept in TEXT,
// where escaping writes them as \n; vertical tab and form feed separate words.
const TEXT_FORBIDDEN = /[\x00-\x08\x0e-\x1f\x7f]/g;
const PARAMETER_FORBIDDEN = /[\x00-\x1f\x7f]/g;

/** A TEXT value's characters (§3.3.11): no control character but tab and line breaks. Escape it afterwards. */
export function icalTextCharacters(text: string): string {
  return text.replace(/[\x0b\x0c]/g, ' ').replace(TEXT_FORBIDDEN, '').replace(LONE_SURROGATE, '\ufffd');
}

/**
 * A parameter value such as CN (§3.2, QSAFE-CHAR: any character but CONTROL
 * and DQUOTE, quoted when it holds ; : or ,). Tabs and line breaks become
 * spaces, other control characters go, and a double quote becomes an
 * apostrophe: no reader then depends on RFC 6868's ^' encoding to keep the
 * name one value.
 */
export function icalParameterValue(text: string): string {
  return text
    .replace(/[\t\r\n\x0b\x0c]+/g, ' ')
    .replace(PARAMETER_FORBIDDEN, '')
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(/"/g, "'")
    .trim();
}

/** A TEXT value written for a content line (§3.3.11): backslash, semicolon, comma and line breaks escaped. */
export function icalText(value: string): string {
  return icalTextCharacters(value).replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n?|\n/g, '\\n');
}

