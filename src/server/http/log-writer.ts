// Where the request log lines go: standard output, without blocking.
// process.stdout writes synchronously to files and pipes (a slow reader of
// the pipe stalls every request); here the lines are gathered for a few
// milliseconds (or until they fill a write) and written by one write from
// libuv's thread pool, and whatever is still waiting when the process exits
// is written there and then. Each asynchronous write costs the main thread
// about as much as answering a request from memory (the request to the pool,
// the wake-up and the callback, some 17 µs here), so writing once per turn
// of the event loop cost a cached answer several per cent of its CPU.
// A request's line is kept as its fields and put into words when the lines
// are written, together: made while answering, each line cost a 304 from
// memory about 3 µs of its 20-25 (2026-12-02, two portals side by side, one
// with its lines made at the moment of each answer, the other without lines at all).
import { write, writeSync } from 'node:fs';
import { requestLogLine } from './log-line';

/** How long a line may wait for others to share its write. */
export const LOG_FLUSH_MS = 10;
/** Past this many characters waiting, they are written without waiting for the rest of the interval. */
const FLUSH_AT_CHARS = 64 * 1024;
/** About the length of a request's line, for counting what waits. */
const REQUEST_LINE_CHARS = 200;

export interface LogWriter {
  /** A line as it is. */
  (line: string): void;
  /** A request's line (requestLogLine), from its fields; `at` is an ISO instant (isoNow), `target` the address as asked. */
  request(at: string, requestId: string, method: string, target: string, status: number, durationMs: number): void;
}

/** Marks, in the queue, the six fields of a request's line that follow it. */
const REQUEST_FIELDS = Symbol('request fields');

export function createLogWriter(fd = 1, pid = process.pid): LogWriter {
  let waiting: unknown[] = [];
  let waitingChars = 0;
  let writing = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const textOf = (entries: unknown[]) => {
    const lines: string[] = [];
    for (let index = 0; index < entries.length; index += 1) {
      if (entries[index] !== REQUEST_FIELDS) {
        lines.push(entries[index] as string);
        continue;
      }
      lines.push(requestLogLine(entries[index + 1] as string, entries[index + 2] as string, pid, entries[index + 3] as string, entries[index + 4] as string, entries[index + 5] as number, entries[index + 6] as number));
      index += 6;
    }
    return `${lines.join('\n')}\n`;
  };
  const writeOut = (bytes: Buffer) => {
    write(fd, bytes, 0, bytes.length, null, (error, written) => {
      if (error && (error as NodeJS.ErrnoException).code === 'EAGAIN') {
        // A non-blocking pipe that is full: try again shortly.
        setTimeout(() => writeOut(bytes), 5);
        return;
      }
      if (!error && written < bytes.length) return writeOut(bytes.subarray(written));
      writing = false;
      if (waiting.length && timer === null) schedule();
    });
  };
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (writing || waiting.length === 0) return;
    writing = true;
    const entries = waiting;
    waiting = [];
    waitingChars = 0;
    writeOut(Buffer.from(textOf(entries)));
  };
  const schedule = () => {
    // Unref'd: a process with nothing else to do exits, and the exit handler below writes what waits.
    timer = setTimeout(flush, LOG_FLUSH_MS);
    timer.unref();
  };
  const waited = (chars: number) => {
    waitingChars += chars;
    if (writing) return;
    if (waitingChars >= FLUSH_AT_CHARS) flush();
    else if (timer === null) schedule();
  };
  process.once('exit', () => {
    // A write still in the thread pool at this moment may be cut short by the exit; graceful
    // shutdown (node-server.ts) waits for requests, so in practice it has finished long before.
    if (waiting.length) {
      try {
        writeSync(fd, textOf(waiting));
      } catch {
        // Nowhere left to say it.
      }
      waiting = [];
    }
  });
  const log = (line: string) => {
    waiting.push(line);
    waited(line.length + 1);
  };
  log.request = (at: string, requestId: string, method: string, target: string, status: number, durationMs: number) => {
    waiting.push(REQUEST_FIELDS, at, requestId, method, target, status, durationMs);
    waited(REQUEST_LINE_CHARS);
  };
  return log;
}
