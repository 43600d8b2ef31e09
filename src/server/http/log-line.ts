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
 * CPU. `at` and `requestId` are the portal's own; only the method and the
 * path come from the client, and they are in the part made once (lineEnd).
 */
export function requestLogLine(at: string, requestId: string, pid: number, method: string, path: string, status: number, durationMs: number): string {
  return `{"at":"${at}","requestId":"${requestId}"${lineEnd(pid, method, path, status)}${durationMs}}`;
}

/**
 * What follows the request id, up to the duration: the same for every answer
 * of one process to one method, address and status (most answers are the
 * same few pages and feeds, from memory), so quoted and checked for line
 * breaks once, not for each line. Bounded: the addresses come from clients.
 */
const lineEnds = new Map<string, string>();
const LINE_ENDS_LIMIT = 1_000;

function lineEnd(pid: number, method: string, path: string, status: number): string {
  const key = `${pid} ${status} ${method} ${path}`;
  let end = lineEnds.get(key);
  if (end === undefined) {
    end = `,"pid":${pid},"method":${JSON.stringify(method)},"path":${JSON.stringify(path)},"status":${status},"durationMs":`;
    if (HAS_LINE_BREAKING.test(end)) end = escapeLineBreaks(end);
    if (lineEnds.size >= LINE_ENDS_LIMIT) lineEnds.clear();
    lineEnds.set(key, end);
  }
  return end;
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
