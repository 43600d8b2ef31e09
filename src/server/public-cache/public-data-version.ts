// The version of publicly shown data kept in the database, so that every
// instance on the same database learns of a change made through another.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Call inside the transaction of a change that anonymous pages show (places
 * left, published input, the directory), so the change and the news of it
 * commit together: nothing after the commit can fail. Make it the last
 * statement before the commit: every such transaction updates this one row,
 * so on PostgreSQL they queue only for the moment between this update and
 * their commit, not for their whole length.
 */
export async function recordPublicDataChange(trx: Kysely<Database>): Promise<void> {
  await trx.updateTable('public_data_version').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', 1).execute();
}

export async function readPublicDataVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('public_data_version').select('version').where('id', '=', 1).executeTakeFirst();
  return Number(row?.version ?? 0);
}
