// Frozen. Written input names the States it concerns (a JSON array of the
// shared country list's codes, like its topics), and a person can follow a
// country as they follow a topic: its events and dialogues in their private
// calendar, and in a digest as often as they choose.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('submissions').addColumn('states', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema
    .createTable('followed_countries')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull().defaultTo('none'))
    .addPrimaryKeyConstraint('followed_countries_pk', ['user_id', 'country'])
    .execute();
  await db.schema.createIndex('followed_countries_digest').on('followed_countries').columns(['digest', 'user_id']).where(sql.ref('digest'), '<>', sql.lit('none')).execute();
}
