// Runs pending migrations, each in its own transaction, so a failing one
// leaves the database exactly as it was before it. (Kysely's Migrator does
// not use transactions on SQLite, whose DDL is transactional all the same.)
import { sql, type Kysely } from 'kysely';
import { migrations as allMigrations, type Migration } from '../../../db/migrations/index';
import type { DatabaseHandle } from './connection';
import type { Database } from './schema';

export class MigrationError extends Error {
  constructor(readonly migration: string, cause: unknown) {
    super(
      `Migration "${migration}" failed: ${cause instanceof Error ? cause.message : String(cause)}\n` +
        'The database is as it was before this migration. Fix the migration (or the database) and start again.',
      { cause },
    );
    this.name = 'MigrationError';
  }
}

// Any constant will do: it keeps two instances starting together from running
// the same migration twice on PostgreSQL.
const MIGRATION_LOCK = 7_345_001;

type MigrationList = ReadonlyArray<readonly [name: string, migration: Migration]>;

/** Runs `work` in a transaction that, on PostgreSQL, holds the migration lock. */
export function underMigrationLock<T>(handle: DatabaseHandle, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return handle.db.transaction().execute(async (trx) => {
    if (handle.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    return work(trx);
  });
}

/** The table of applied migrations, made if missing (inside `trx`). */
export async function createMigrationTable(trx: Kysely<Database>): Promise<void> {
  await trx.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
}

function ensureMigrationTable(handle: DatabaseHandle) {
  return underMigrationLock(handle, createMigrationTable);
}

export async function pendingMigrations(handle: DatabaseHandle, migrations: MigrationList = allMigrations): Promise<string[]> {
  await ensureMigrationTable(handle);
  const rows = await handle.db.selectFrom('schema_migrations').select('name').execute();
  const applied = new Set(rows.map((row) => row.name));
  return migrations.map(([name]) => name).filter((name) => !applied.has(name));
}

/** Applies what is pending and returns the names applied now. */
export async function migrateToLatest(handle: DatabaseHandle, migrations: MigrationList = allMigrations): Promise<string[]> {
  await ensureMigrationTable(handle);
  const applied: string[] = [];
  for (const [name, migration] of migrations) {
    try {
      const ran = await underMigrationLock(handle, async (trx) => {
        const done = await trx.selectFrom('schema_migrations').select('name').where('name', '=', name).executeTakeFirst();
        if (done) return false;
        await migration.up(trx);
        await trx.insertInto('schema_migrations').values({ name, applied_at: new Date().toISOString() }).execute();
        return true;
      });
      if (ran) applied.push(name);
    } catch (error) {
      throw new MigrationError(name, error);
    }
  }
  return applied;
}
