// Where the request log lines go: standard output, without blocking.
// process.stdout writes synchronously to files and pipes (a slow reader of
// the pipe stalls every request); here the lines are gathered for a few
// milliseconds (or until they fill a write) and written by one write from
// libuv's thread pool, and whatever is still waiting when the process exits
// is written there and then. Each asynchronous write costs the main thread
// about as much as answering a request from memory (the request to the pool,
// the wake-up and the callback, some 17 µs here), so writing once per turn
// of the event loop cost a cached answer several per cent of its CPU.
import { write, writeSync } from 'node:fs';

/** How long a line may wait for others to share its write. */
export const LOG_FLUSH_MS = 10;
/** Past this many characters waiting, they are written without waiting for the rest of the interval. */
const FLUSH_AT_CHARS = 64 * 1024;

export function createLogWriter(fd = 1): (line: string) => void {
  let waiting: string[] = [];
  let waitingChars = 0;
  let writing = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

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
    const text = `${waiting.join('\n')}\n`;
    waiting = [];
    waitingChars = 0;
    writeOut(Buffer.from(text));
  };
  const schedule = () => {
    // Unref'd: a process with nothing else to do exits, and the exit handler below writes what waits.
    timer = setTimeout(flush, LOG_FLUSH_MS);
    timer.unref();
  };
  process.once('exit', () => {
    // A write still in the thread pool at this moment may be cut short by the exit; graceful
    // shutdown (node-server.ts) waits for requests, so in practice it has finished long before.
    if (waiting.length) {
      try {
        writeSync(fd, `${waiting.join('\n')}\n`);
      } catch {
        // Nowhere left to say it.
      }
      waiting = [];
    }
  });
  return (line: string) => {
    waiting.push(line);
    waitingChars += line.length + 1;
    if (writing) return;
    if (waitingChars >= FLUSH_AT_CHARS) flush();
    else if (timer === null) schedule();
  };
}
