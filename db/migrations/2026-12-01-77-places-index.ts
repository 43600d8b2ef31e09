// Frozen. Counting an event's confirmed places by organisation and mode (the
// first thing every application does behind the event's lock) read each
// approved registration's row from the table after finding it on this index:
// with the organisation and the mode in the index too, the count is read from
// the index alone. Its other uses (an event's registrations of one state, in
// queue order) are unchanged.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('registrations_event_queue').execute();
  await db.schema.createIndex('registrations_event_queue').on('registrations').columns(['event_key', 'state', 'queue_number', 'organisation_id', 'mode']).execute();
}
