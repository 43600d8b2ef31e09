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

/** What a log line may show of a request target: no query string, no secret token segment. */
export function loggablePath(target: string): string {
  const end = target.indexOf('?');
  const path = end === -1 ? target : target.slice(0, end);
  return path.endsWith('.ics') ? path.replace(/\/calendar\/[^/]+\.ics$/, '/calendar/<token>.ics') : path;
}

/**
 * The request log line (node-server.ts), the very text logLine gives for
 * these fields in this order, written out field by field, with the path the
 * target may show (loggablePath) and the duration to a tenth of a
 * millisecond: it is made once per request, where building an object for
 * JSON.stringify, the ISO date and the scan for line breaks cost a cached
 * answer a few per cent of its CPU. `at` and `requestId` are the portal's
 * own; only the method and the target come from the client, and they are in
 * the part made once (lineEnd).
 */
export function requestLogLine(at: string, requestId: string, pid: number, method: string, target: string, status: number, durationMs: number): string {
  return `{"at":"${at}","requestId":"${requestId}"${lineEnd(pid, method, target, status)}${inTenths(durationMs)}}`;
}

/**
 * A duration rounded to a tenth of a millisecond, as JSON writes that number
 * ("12.3", "4"), but from two integers: V8 turns a small integer into text from
 * a cache, and a fraction only by working out its shortest digits each time.
 */
function inTenths(durationMs: number): string {
  const tenths = Math.round(durationMs * 10);
  const rest = tenths % 10;
  return rest === 0 ? `${tenths / 10}` : `${(tenths - rest) / 10}.${rest}`;
}

/**
 * What follows the request id, up to the duration: the same for every answer
 * of one process to one method, target and status (most answers are the
 * same few pages and feeds, from memory), so made (the path taken from the
 * target, quoted and checked for line breaks) once, not for each line. Found
 * by the target, then among its few methods and statuses, without a key to
 * build for each line. Bounded: the targets come from clients.
 */
interface LineEnd {
  pid: number;
  method: string;
  status: number;
  text: string;
}

const lineEnds = new Map<string, LineEnd[]>();
const LINE_ENDS_LIMIT = 1_000;
const ENDS_PER_TARGET_LIMIT = 8;

function lineEnd(pid: number, method: string, target: string, status: number): string {
  const known = lineEnds.get(target);
  if (known) for (const end of known) if (end.status === status && end.method === method && end.pid === pid) return end.text;
  let text = `,"pid":${pid},"method":${JSON.stringify(method)},"path":${JSON.stringify(loggablePath(target))},"status":${status},"durationMs":`;
  if (HAS_LINE_BREAKING.test(text)) text = escapeLineBreaks(text);
  const end = { pid, method, status, text };
  if (!known) {
    if (lineEnds.size >= LINE_ENDS_LIMIT) lineEnds.clear();
    lineEnds.set(target, [end]);
  } else {
    if (known.length >= ENDS_PER_TARGET_LIMIT) known.shift();
    known.push(end);
  }
  return text;
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
