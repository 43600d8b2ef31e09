// `npm start` with several processes: the primary checks, builds and
// migrates once, then forks WHATSON_WORKERS workers (node:cluster) that
// share PORT, each with its own page cache. What they must agree on lives in
// the database (sessions, rate limits, the outbox, which every worker's mail
// worker claims row by row, the public data version each cache follows), as
// for several instances; a worker that takes a change tells its siblings
// through the primary, so they read the version at once instead of within
// VERSION_REFRESH_MS. The primary answers no request; it runs the background
// jobs (start-up.ts), so that what their passes read never sits in a heap
// that serves.
import cluster, { type Worker } from 'node:cluster';

/** What a worker sends after a change that anonymous pages show, and what the primary passes on. */
export const PUBLIC_DATA_CHANGED = 'whatson:public-data-changed';
interface SupervisorOptions {
  count: number;
  log: (line: string) => void;
  /** Past this, workers still running at shutdown are killed. */
  graceMs?: number;
  /** What the primary finishes once its workers have stopped, before it exits. */
  beforeExit?: () => Promise<void>;
}

/**
 * Forks the workers and keeps them: one that dies unasked is replaced, unless
 * it never got to serve (then the start failed, and everything stops with
 * exit code 1). SIGTERM and SIGINT are passed on as they came; the primary exits once
 * every worker has finished its requests and stopped.
 */
export function superviseWorkers({ count, log, graceMs = 15_000, beforeExit = async () => {} }: SupervisorOptions): void {
  let stopping = false;
  let exitCode = 0;
  const alive = new Set<Worker>();
  const serving = new WeakSet<Worker>();
  let exiting = false;
  const exit = () => {
    if (exiting) return;
    exiting = true;
    // Nothing it waits for may keep the primary up for long.
    setTimeout(() => process.exit(exitCode), graceMs).unref();
    void beforeExit()
      .catch((error: unknown) => log(`[whatson] while stopping: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => process.exit(exitCode));
  };

  const fork = () => {
    const worker = cluster.fork();
    alive.add(worker);
    worker.on('listening', () => serving.add(worker));
    worker.on('message', (message: unknown) => {
      if (message !== PUBLIC_DATA_CHANGED) return;
      for (const other of alive) if (other !== worker && other.isConnected()) other.send(PUBLIC_DATA_CHANGED);
    });
    worker.on('exit', (code, signal) => {
      alive.delete(worker);
      if (stopping) {
        if (alive.size === 0) exit();
        return;
      }
      if (!serving.has(worker)) {
        log(`[whatson] not starting: a worker stopped before serving (exit code ${code ?? signal}); see the line above`);
        stop(1);
        return;
      }
      log(`[whatson] worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another`);
      fork();
    });
  };

  const stop = (code: number, signal: 'SIGTERM' | 'SIGINT' = 'SIGTERM') => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    if (alive.size === 0) return exit();
    // The signal the primary got, so that each worker says what stopped it.
    for (const worker of alive) worker.process.kill(signal);
    setTimeout(() => {
      for (const worker of alive) worker.process.kill('SIGKILL');
      exit();
    }, graceMs).unref();
  };

  for (let i = 0; i < count; i += 1) fork();
  process.on('SIGTERM', () => stop(0, 'SIGTERM'));
  process.on('SIGINT', () => stop(0, 'SIGINT'));
  whenNpmGoes(() => stop(0));
}

/**
 * Started by `npm start`, the primary's parent is npm, and a worker's the
 * primary: if that parent goes (killed outright, so it could not pass a
 * signal on), nobody could stop us any more. Looked at once a second.
 */
export function whenNpmGoes(stop: () => void): void {
  if (!process.env.npm_lifecycle_event) return;
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, 1_000).unref();
}

/** In a worker: tell the siblings of a change (no-op in a single process). */
export function announcePublicDataChange(): void {
  if (cluster.isWorker && process.connected) process.send?.(PUBLIC_DATA_CHANGED);
}

/** In a worker: run `onChange` when a sibling took a change. */
export function onSiblingChange(onChange: () => void): void {
  if (!cluster.isWorker) return;
  process.on('message', (message: unknown) => {
    if (message === PUBLIC_DATA_CHANGED) onChange();
  });
}
