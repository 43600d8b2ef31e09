// Frozen. Extra headers for a queued email (JSON object), such as a digest's
// List-Unsubscribe and List-Unsubscribe-Post (RFC 8058).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outgoing_mail').addColumn('headers', 'text').execute();
}
