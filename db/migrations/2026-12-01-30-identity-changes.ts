// Frozen. Who an accredited organisation is (name, acronym, type, country)
// changes only after the secretariat's review: the focal point's edit waits
// here, at most one pending per organisation, while the old values stay in
// `organisations` (public, and used by eligibility checks).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('identity_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('acronym', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text')
    .addColumn('reason', 'text')
    .execute();
  // One pending change per organisation, whatever two requests do at once.
  await db.schema
    .createIndex('identity_changes_one_pending')
    .on('identity_changes')
    .column('organisation_id')
    .unique()
    .where(sql.ref('state'), '=', sql.lit('pending'))
    .execute();
  await db.schema.createIndex('identity_changes_state').on('identity_changes').columns(['state', 'requested_at']).execute();
}
