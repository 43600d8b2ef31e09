// Frozen. Topic digests: per followed topic, how often the person wants an
// email about it (none, daily, weekly); one row per digest period claimed, so
// a digest is written once whatever crashes or runs twice; and when the
// portal first saw each event, which is what "a new event" means in a digest.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('followed_topics').addColumn('digest', 'text', (c) => c.notNull().defaultTo('none')).execute();
  await db.schema
    .createTable('digest_sends')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('frequency', 'text', (c) => c.notNull())
    /** Start of the period the digest covers (UTC midnight; a Monday for weekly ones). */
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('items', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('digest_sends_pk', ['user_id', 'frequency', 'period_start'])
    .execute();
  await db.schema
    .createTable('event_first_seen')
    .addColumn('event_key', 'text', (c) => c.primaryKey())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('followed_topics_digest').on('followed_topics').columns(['digest', 'user_id']).where(sql.ref('digest'), '<>', sql.lit('none')).execute();
}
