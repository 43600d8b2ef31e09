// Frozen. Applications for events. A partial unique index keeps one active
// registration per person per event, whatever the application code does.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('queue_number', 'integer', (c) => c.notNull())
    .addColumn('statement', 'text')
    .addColumn('travel_support', 'integer', (c) => c.notNull())
    .addColumn('wants_to_speak', 'integer', (c) => c.notNull())
    .addColumn('accessibility_needs', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('registrations_one_active_per_person')
    .on('registrations')
    .columns(['event_key', 'user_id'])
    .unique()
    .where(sql.ref('state'), 'in', ['pending', 'approved', 'waitlisted'])
    .execute();
  await db.schema.createIndex('registrations_event_queue').on('registrations').columns(['event_key', 'state', 'queue_number']).execute();
  await db.schema.createIndex('registrations_organisation').on('registrations').columns(['organisation_id', 'event_key']).execute();
  await db.schema.createIndex('registrations_user').on('registrations').column('user_id').execute();

  // One row per event, updated first in every seat-changing transaction: the
  // row lock (PostgreSQL) or write lock (SQLite) queues decisions for the
  // same event one after another, so counts cannot go stale mid-decision.
  await db.schema
    .createTable('registration_locks')
    .addColumn('event_key', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
}
