// Log lines that carry what visitors typed (a path, a name in an email
// subject, an SMTP server's answer). Each is one line of JSON: JSON.stringify
// escapes CR, LF and every other C0 control character and lone surrogates,
// and the characters some log viewers also break lines at (NEL, and the
// line and paragraph separators) are escaped here, so no value can start a
// line that looks like one of ours.
const LINE_BREAKING = /[\u0085\u2028\u2029]/g;
const HAS_LINE_BREAKING = /[\u0085\u2028\u2029]/;

function escapeLineBreaks(json: string): string {
  return json.replace(LINE_BREAKING, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The fields as one line of JSON. */
export function logLine(fields: Record<string, unknown>): string {
  return escapeLineBreaks(JSON.stringify(fields));
}

/**
 * The request log line (node-server.ts), the very text logLine gives for
 * these fields in this order, written out field by field: it is made once
 * per request, where building an object for JSON.stringify, the ISO date
 * and the scan for line breaks cost a cached answer a few per cent of its
 * CPU. Only the method and the path come from the client; they are quoted
 * by JSON.stringify, and the line is rewritten for line breaks only when they hold one.
 */
export function requestLogLine(at: string, requestId: string, pid: number, method: string, path: string, status: number, durationMs: number): string {
  const line = `{"at":"${at}","requestId":"${requestId}","pid":${pid},"method":${JSON.stringify(method)},"path":${JSON.stringify(path)},"status":${status},"durationMs":${durationMs}}`;
  return HAS_LINE_BREAKING.test(path) || HAS_LINE_BREAKING.test(method) ? escapeLineBreaks(line) : line;
}

let isoAtMs = Number.NaN;
let isoAt = '';

/** Now as an ISO 8601 instant (the machine's clock, as `new Date().toISOString()`), made once per millisecond. */
export function isoNow(): string {
  const now = Date.now();
  if (now !== isoAtMs) {
    isoAtMs = now;
    isoAt = new Date(now).toISOString();
  }
  return isoAt;
}
