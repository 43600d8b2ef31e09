// Database tests run on SQLite always, and on PostgreSQL whenever
// TEST_DATABASE_URL names a server (CI sets it). Each test database is new.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { migrateToLatest } from '../../src/server/db/migrate';
import type { DatabaseTarget } from '../../src/server/config';
import { openDatabase, type DatabaseHandle, type DialectName } from '../../src/server/db/connection';

const postgresUrl = process.env.TEST_DATABASE_URL;

export const DIALECTS: DialectName[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

if (!postgresUrl) console.warn('[tests] TEST_DATABASE_URL is not set: database tests run on SQLite only.');

export interface TestDatabase {
  target: DatabaseTarget;
  /** The DATABASE_URL a server process would be given. */
  url: string;
  open(): DatabaseHandle;
  drop(): Promise<void>;
}

export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), 'whatson-db-'));
    const file = join(folder, 'whatson.sqlite');
    return {
      target: { kind: 'sqlite', file },
      url: file,
      open: () => openDatabase({ kind: 'sqlite', file }),
      drop: async () => rmSync(folder, { recursive: true, force: true }),
    };
  }
  const name = `whatson_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(postgresUrl!);
  url.pathname = `/${name}`;
  const target: DatabaseTarget = { kind: 'postgres', url: url.href };
  return {
    target,
    url: url.href,
    open: () => openDatabase(target),
    drop: async () => {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}

/**
 * Gives each test of the enclosing describe block a new, migrated database of
 * `dialect`, handed to `use` before the test and dropped after it.
 */
export function useMigratedDatabase(dialect: DialectName, use: (handle: DatabaseHandle) => void | Promise<void>): void {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    handle = database.open();
    await migrateToLatest(handle);
    await use(handle);
  });
  afterEach(async () => {
    await handle.close();
    await database.drop();
  });
}

/** The test server's own SQLite file, opened for the enclosing describe block (to seed what a journey starts from). */
export function useDatabaseFile(file: string): { readonly db: DatabaseHandle['db'] } {
  let handle: DatabaseHandle;
  beforeAll(() => {
    handle = openDatabase({ kind: 'sqlite', file });
  });
  afterAll(() => handle?.close());
  return {
    get db() {
      return handle.db;
    },
  };
}
