// Frozen. One counter that every change to publicly shown data (places left,
// published input, the directory) moves on: each instance compares it with the
// version its cached public pages were rendered at.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('public_data_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('public_data_version').values({ id: 1, version: 0 }).execute();
}
