// Can the database be read and written? Asked at start-up (before building or
// migrating) and by /healthz: a database that answers reads but refuses
// writes (a read-only file, a standby after a failover) would otherwise look
// healthy while every application fails.
import { sql } from 'kysely';
import type { DatabaseHandle } from './connection';
import { createMigrationTable, underMigrationLock } from './migrate';

class RollBack extends Error {}

/** Resolves when a read and a write (rolled back, leaving nothing) both succeed; throws what the database said otherwise. */
export async function probeReadWrite(handle: DatabaseHandle): Promise<void> {
  await sql`select 1`.execute(handle.db);
  try {
    // Under the migration lock: two instances starting on a new PostgreSQL
    // database would otherwise create the table at once, and one would fail.
    await underMigrationLock(handle, async (trx) => {
      // The migrations' own table: there on any portal database, made (and
      // rolled back) on a new one. A row with a name no migration has.
      await createMigrationTable(trx);
      await trx.insertInto('schema_migrations').values({ name: `write probe ${crypto.randomUUID()}`, applied_at: new Date().toISOString() }).execute();
      throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
}
