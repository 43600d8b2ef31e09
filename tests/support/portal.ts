// A fresh database with the portal serving it: one server on SQLite, two
// sharing PostgreSQL (so every HTTP test on PostgreSQL crosses instances).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { DatabaseHandle, DialectName } from '../../src/server/db/connection';
import { createTestDatabase, type TestDatabase } from './databases';
import { startServer, type RunningServer } from './server';

export interface TestPortal {
  database: TestDatabase;
  handle: DatabaseHandle;
  outbox: string;
  servers: RunningServer[];
}

export function usePortal(dialect: DialectName): TestPortal {
  const portal = {} as TestPortal;
  beforeAll(async () => {
    portal.database = await createTestDatabase(dialect);
    portal.outbox = mkdtempSync(join(tmpdir(), 'whatson-outbox-'));
    const env = { DATABASE_URL: portal.database.url, OUTBOX_DIR: portal.outbox };
    portal.servers = dialect === 'postgres' ? await Promise.all([startServer(env), startServer(env)]) : [await startServer(env)];
    portal.handle = portal.database.open();
  }, 180_000);
  afterAll(async () => {
    await portal.handle?.close();
    await Promise.all((portal.servers ?? []).map((server) => server.stop()));
    await portal.database?.drop();
    rmSync(portal.outbox, { recursive: true, force: true });
  });
  return portal;
}
