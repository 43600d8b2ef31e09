// Frozen. Events the secretariat writes in the browser: every save is a
// version; an event shows the version it published (or none). change_seq is
// taken from one counter row in the saving transaction, so on every database
// the rows become visible in the order of their numbers and each instance can
// ask only for what changed since the number it last saw.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stored_events')
    .addColumn('event_key', 'text', (c) => c.primaryKey())
    .addColumn('collection', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('latest_version', 'integer', (c) => c.notNull())
    .addColumn('published_version', 'integer')
    .addColumn('unpublish_reason', 'text')
    .addColumn('change_seq', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stored_events_change_seq').on('stored_events').column('change_seq').execute();
  await db.schema
    .createTable('stored_event_versions')
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('saved_by', 'text')
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('stored_event_versions_pk', ['event_key', 'version'])
    .execute();
  await db.schema
    .createTable('stored_event_changes')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('stored_event_changes').values({ id: 1, seq: 0 }).execute();
}
