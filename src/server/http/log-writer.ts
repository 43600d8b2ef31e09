// Where the request log lines go: standard output, without blocking.
// process.stdout writes synchronously to files and pipes (a slow reader of
// the pipe stalls every request); here the lines of one turn of the event
// loop are joined and written in one write from libuv's thread pool, and
// whatever is still waiting when the process exits is written there and then.
import { write, writeSync } from 'node:fs';

export function createLogWriter(fd = 1): (line: string) => void {
  let waiting: string[] = [];
  let writing = false;
  let scheduled = false;

  const writeOut = (bytes: Buffer) => {
    write(fd, bytes, 0, bytes.length, null, (error, written) => {
      if (error && (error as NodeJS.ErrnoException).code === 'EAGAIN') {
        // A non-blocking pipe that is full: try again shortly.
        setTimeout(() => writeOut(bytes), 5);
        return;
      }
      if (!error && written < bytes.length) return writeOut(bytes.subarray(written));
      writing = false;
      if (waiting.length) flush();
    });
  };
  const flush = () => {
    scheduled = false;
    if (writing || waiting.length === 0) return;
    writing = true;
    const text = `${waiting.join('\n')}\n`;
    waiting = [];
    writeOut(Buffer.from(text));
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
    if (!scheduled && !writing) {
      scheduled = true;
      setImmediate(flush);
    }
  };
}
