// Frozen. PDFs the secretariat uploads in the event editor: the bytes live in
// ATTACHMENTS_DIR/event-documents under the random name `<id>.pdf`; this row
// says what the file was called and who uploaded it for which event, and its
// id is the stable address /documents/<id>.pdf.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('event_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_documents_event_key').on('event_documents').column('event_key').execute();
}
