// Frozen. A deleted account keeps its row, anonymised, so the organisation's
// records that point to it stay whole.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('deleted_at', 'text').execute();
}
