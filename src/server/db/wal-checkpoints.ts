// Copying SQLite's write-ahead log back into the database file (a
// checkpoint) on a thread of its own. Left to the connection that writes,
// every thousandth page committed makes one commit copy about a thousand
// pages and wait for two fsyncs: about one application in forty waited 10 ms
// or more for it, a fifth of the main thread's time in the applications
// benchmark. Here a second connection, on a worker thread, runs a passive
// checkpoint a few times a second: it copies what no reader still needs and
// never blocks the writer, and the writer starts the log again from the top
// once everything in it is copied. The writing connection keeps a backstop
// (a checkpoint of its own past BACKSTOP_PAGES), and goes back to SQLite's
// default if the thread stops.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** SQLite's own default: a checkpoint by the writer every 1,000 pages of log. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;
/** While the thread runs: the writer checkpoints only if the log grows past this (about 40 MB), the thread fallen behind. */
const BACKSTOP_PAGES = 10_000;
const CHECKPOINT_INTERVAL_MS = 200;

export interface CheckpointResult {
  /** 1 if the checkpoint could not take SQLite's checkpoint lock (another one was running). */
  busy: number;
  /** Pages in the log. */
  log: number;
  /** Pages of the log copied into the database file. */
  checkpointed: number;
}

const THREAD_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.betterSqlite3);
const db = new Database(workerData.file, { fileMustExist: true });
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)')[0];
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message.type === 'checkpoint') {
    parentPort.postMessage({ id: message.id, result: checkpoint() });
  } else if (message.type === 'stop') {
    clearInterval(timer);
    checkpoint();
    db.close();
    parentPort.close();
  }
});
`;

export interface WalCheckpoints {
  /** A checkpoint now, on the thread; for tests and for `whatson` diagnostics. */
  checkpointNow(): Promise<CheckpointResult>;
  /** A last checkpoint, then the thread ends. */
  stop(): Promise<void>;
  /** The thread itself: tests end it to see the writer take checkpoints back. */
  readonly thread: Worker;
}

/** Starts checkpointing `file` (in WAL mode, written through `writer`) on a thread of its own. */
export function startWalCheckpoints(writer: SQLite.Database, file: string, intervalMs = CHECKPOINT_INTERVAL_MS): WalCheckpoints {
  const thread = new Worker(THREAD_SOURCE, {
    eval: true,
    workerData: { betterSqlite3: createRequire(import.meta.url).resolve('better-sqlite3'), file, intervalMs },
  });
  writer.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  let stopping = false;
  const waiting = new Map<number, { resolve(result: CheckpointResult): void; reject(error: Error): void }>();
  let asked = 0;
  thread.on('message', ({ id, result }: { id: number; result: CheckpointResult }) => {
    waiting.get(id)?.resolve(result);
    waiting.delete(id);
  });
  const ended = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
  let gone: Error | undefined;
  const lost = (why: Error) => {
    if (gone) return;
    gone = why;
    // The writer checkpoints for itself again, as SQLite does by default.
    if (writer.open) writer.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
    for (const each of waiting.values()) each.reject(why);
    waiting.clear();
    if (!stopping) console.error(`[whatson] the checkpoint thread stopped (${why.message}); the database connection checkpoints for itself again`);
  };
  thread.on('error', lost);
  thread.on('exit', (code) => lost(new Error(`exit code ${code}`)));
  // It must not keep a process alive that has nothing else to do.
  thread.unref();
  return {
    thread,
    checkpointNow() {
      if (gone) return Promise.reject(new Error(`the checkpoint thread has stopped (${gone.message})`));
      const id = (asked += 1);
      return new Promise<CheckpointResult>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        thread.postMessage({ type: 'checkpoint', id });
      });
    },
    async stop() {
      if (gone) return;
      stopping = true;
      thread.postMessage({ type: 'stop' });
      await ended;
    },
  };
}
