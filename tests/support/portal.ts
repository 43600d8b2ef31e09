// A fresh database with the portal serving it: by default one server on
// SQLite, two sharing PostgreSQL (so every HTTP test on PostgreSQL crosses
// instances); a test of what crosses instances asks for two on both.
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

export interface PortalOptions {
  /** How many servers share the database: by default one on SQLite, two on PostgreSQL. */
  instances?: number;
  /** More environment for the servers, given the outbox folder (e.g. an attachments folder in it). */
  env?: (outbox: string) => Record<string, string>;
}

export function usePortal(dialect: DialectName, { instances = dialect === 'postgres' ? 2 : 1, env: moreEnv }: PortalOptions = {}): TestPortal {
  const portal = {} as TestPortal;
  beforeAll(async () => {
    portal.database = await createTestDatabase(dialect);
    portal.outbox = mkdtempSync(join(tmpdir(), 'whatson-outbox-'));
    const env = { DATABASE_URL: portal.database.url, OUTBOX_DIR: portal.outbox, ...moreEnv?.(portal.outbox) };
    if (dialect === 'postgres') {
      portal.servers = await Promise.all(Array.from({ length: instances }, () => startServer(env)));
    } else {
      // One at a time: two would otherwise run the first migration together on a new SQLite file.
      portal.servers = [];
      for (let i = 0; i < instances; i += 1) portal.servers.push(await startServer(env));
    }
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
