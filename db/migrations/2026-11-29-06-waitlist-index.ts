// Frozen. Waitlist positions count earlier applications of the same mode:
// with the mode in the index, that count reads the index alone.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('registrations_event_mode_queue').on('registrations').columns(['event_key', 'mode', 'state', 'queue_number']).execute();
}
