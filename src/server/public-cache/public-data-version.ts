// The version of publicly shown data kept in the database, so that every
// instance on the same database learns of a change made through another.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Call after committing a change that anonymous pages show (places left,
 * published input, the directory). Deliberately outside the change's own
 * transaction: on PostgreSQL a row every transaction updated would make all
 * applications, for every event, wait for one another.
 */
export async function recordPublicDataChange(db: Kysely<Database>): Promise<void> {
  await db.updateTable('public_data_version').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', 1).execute();
}

export async function readPublicDataVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('public_data_version').select('version').where('id', '=', 1).executeTakeFirst();
  return Number(row?.version ?? 0);
}
