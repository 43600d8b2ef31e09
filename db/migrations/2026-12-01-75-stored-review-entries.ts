// Frozen. The Review Mechanism's phases and country reviews as the secretariat
// writes them in the browser, beside the files: every save is a version and
// is shown at once (entry_key "<collection>/<slug>", collection review-phases
// or country-reviews). change_seq is taken from the counter row the stored
// events use (stored_event_changes), under its own id 2, so each instance can
// ask only for what changed since the number it last saw, as for events.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stored_review_entries')
    .addColumn('entry_key', 'text', (c) => c.primaryKey())
    .addColumn('collection', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('latest_version', 'integer', (c) => c.notNull())
    .addColumn('change_seq', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stored_review_entries_change_seq').on('stored_review_entries').column('change_seq').execute();
  await db.schema
    .createTable('stored_review_entry_versions')
    .addColumn('entry_key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('saved_by', 'text')
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('stored_review_entry_versions_pk', ['entry_key', 'version'])
    .execute();
  await db.insertInto('stored_event_changes').values({ id: 2, seq: 0 }).execute();
}
