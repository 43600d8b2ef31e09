// How much of a request body each route reads, and for how long (security
// note "learned from trying the landed portal": a body is counted as it
// streams, chunked or not, and cut off at the route's limit before it is
// parsed). Our server (node-server.ts) hands Astro a counted body; the form
// reader (forms.ts) turns these errors into 413 and 408 answers. Both sides
// know the errors by their code: they live in two bundles.

export interface BodyLimit {
  /** The most bytes read; one more is a 413. */
  bytes: number;
  /** The whole body must have arrived this long after the request began; later is a 408. */
  seconds: number;
}

const KB = 1024;
const MB = 1024 * KB;

/** Sign-in, sign-up, passwords and every other form of a few text fields (the longest is a few thousand characters). */
export const TEXT_FORM_LIMIT: BodyLimit = { bytes: 64 * KB, seconds: 10 };
/** The event editor's history (a restore): an event's fields with a Markdown body of up to 50,000 characters, no files. */
export const EDITOR_FORM_LIMIT: BodyLimit = { bytes: 1 * MB, seconds: 30 };
/** Written input, or an event in the editor, with a PDF (at most 10 MB) and the text around it; slow connections need minutes. */
export const ATTACHMENT_FORM_LIMIT: BodyLimit = { bytes: 11 * MB, seconds: 300 };

/** The routes that take PDFs get the large limit; the editor's history a middle one; everything else the small one. */
export function bodyLimitFor(pathname: string): BodyLimit {
  if (pathname === '/submissions/new' || /^\/submissions\/[^/]+\/edit$/.test(pathname)) return ATTACHMENT_FORM_LIMIT;
  if (pathname === '/admin/events/new' || /^\/admin\/events\/[^/]+\/[^/]+\/edit$/.test(pathname)) return ATTACHMENT_FORM_LIMIT;
  if (/^\/admin\/events\/[^/]+\/[^/]+\/history$/.test(pathname)) return EDITOR_FORM_LIMIT;
  return TEXT_FORM_LIMIT;
}

export const BODY_TOO_LARGE = 'WHATSON_BODY_TOO_LARGE';
export const BODY_TIMED_OUT = 'WHATSON_BODY_TIMED_OUT';

export class BodyRefused extends Error {
  constructor(
    readonly code: typeof BODY_TOO_LARGE | typeof BODY_TIMED_OUT,
    message: string,
  ) {
    super(message);
  }
}

export function isBodyRefused(error: unknown, code: typeof BODY_TOO_LARGE | typeof BODY_TIMED_OUT): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/**
 * The body as Astro reads it: chunks pass through as they arrive, counted;
 * past the limit, or past the deadline, reading fails, and `refused` gets the
 * error and what is left of the body (to drop, or to close on).
 */
export async function* countedBody(
  source: AsyncIterable<Uint8Array>,
  limit: BodyLimit,
  startedAt: number,
  refused: (error: BodyRefused, rest: AsyncIterator<Uint8Array>) => void,
): AsyncGenerator<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BodyRefused(BODY_TIMED_OUT, `The request body did not arrive within ${limit.seconds} s.`)), Math.max(0, startedAt + limit.seconds * 1000 - Date.now()));
  });
  // Read or not, the deadline must not be reported as an unhandled rejection.
  deadline.catch(() => undefined);
  let received = 0;
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), deadline]);
      if (next.done) return;
      received += next.value.byteLength;
      if (received > limit.bytes) throw new BodyRefused(BODY_TOO_LARGE, `The request body is larger than ${limit.bytes} bytes.`);
      yield next.value;
    }
  } catch (error) {
    if (error instanceof BodyRefused) refused(error, iterator);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * After a 413, the rest of the body is read and dropped (a browser still
 * uploading shows the answer only if it can finish sending), up to as much
 * again as the route takes plus 1 MB, for 10 s at most; then the connection
 * is closed. Returns true when the body ended within that. (Every byte read
 * is garbage to collect: a larger allowance raises the memory an attack costs.)
 */
export async function dropRest(rest: AsyncIterator<Uint8Array>, limit: BodyLimit): Promise<boolean> {
  const allowance = limit.bytes + 1 * MB;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const overtime = new Promise<'overtime'>((resolve) => {
    timer = setTimeout(() => resolve('overtime'), 10_000);
  });
  let dropped = 0;
  try {
    for (;;) {
      const next = await Promise.race([rest.next(), overtime]);
      if (next === 'overtime') return false;
      if (next.done) return true;
      dropped += next.value.byteLength;
      if (dropped > allowance) return false;
    }
  } catch {
    // The client went away.
    return false;
  } finally {
    clearTimeout(timer);
  }
}
