// Frozen. What the mail delivery pass reads to find its next messages: the
// due ones and whether someone holds them, with their ids, all from the index.
// Without it each due row was read from the table, and a row's claim sits
// after its body and attachments (a calendar file spills onto overflow pages):
// with a backlog of a few thousand emails, every claim took milliseconds.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outgoing_mail_due').execute();
  await db.schema.createIndex('outgoing_mail_due').on('outgoing_mail').columns(['state', 'next_attempt_at', 'claimed_until', 'id']).execute();
}
