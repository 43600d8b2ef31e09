// Frozen. Written input from organisations, from draft to publication.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('submissions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('call_event_key', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('consent_to_publish', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('secretariat_note', 'text')
    .addColumn('attachment_stored_name', 'text')
    .addColumn('attachment_name', 'text')
    .addColumn('attachment_size', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('published_at', 'text')
    .execute();
  await db.schema.createIndex('submissions_state_published').on('submissions').columns(['state', 'published_at']).execute();
  await db.schema.createIndex('submissions_organisation').on('submissions').column('organisation_id').execute();
  await db.schema.createIndex('submissions_call').on('submissions').column('call_event_key').execute();
}
