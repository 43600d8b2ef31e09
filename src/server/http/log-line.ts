// Log lines that carry what visitors typed (a path, a name in an email
// subject, an SMTP server's answer). Each is one line of JSON: JSON.stringify
// escapes CR, LF and every other C0 control character and lone surrogates,
// and the characters some log viewers also break lines at (NEL, and the
// line and paragraph separators) are escaped here, so no value can start a
// line that looks like one of ours.
const LINE_BREAKING = /[\u0085\u2028\u2029]/g;

/** The fields as one line of JSON. */
export function logLine(fields: Record<string, unknown>): string {
  return JSON.stringify(fields).replace(LINE_BREAKING, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
