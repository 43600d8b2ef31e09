// The portal under test, on a free loopback port.
import { join } from 'node:path';
import { freePort, startChild, waitUntilAnswering } from './processes.mjs';

/** `env` overrides the defaults (a PostgreSQL DATABASE_URL, say). */
export async function startPortal(tempDir, env = {}) {
  const port = await freePort();
  const settings = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    // A throwaway SQLite file: public pages do not read the database, and the
    // benchmark must never migrate or write the real one (or a PostgreSQL server).
    DATABASE_URL: join(tempDir, 'portal.sqlite'),
    OUTBOX_DIR: join(tempDir, 'outbox'),
    // One process: SQLite takes one writer at a time, and a second process
    // waiting for the file lock sleeps in SQLite's busy handler (milliseconds)
    // instead of queueing on the event loop; the CPU meter reads this pid.
    WHATSON_WORKERS: '1',
    ...env,
  };
  const child = startChild(process.execPath, ['scripts/bench/serve-portal.mjs'], { env: settings, logFile: join(tempDir, 'portal.log') });
  const origin = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${origin}/`, child, { name: 'The portal' });
  return { origin, child };
}
