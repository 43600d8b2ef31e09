// Frozen. Each person's preferred language (one of the six UN languages, as
// a code: ar, en, es, fr, ru, zh): their emails, .ics invitations, private
// calendar and the pages after sign-in speak it. Existing accounts keep English.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('locale', 'text', (c) => c.notNull().defaultTo('en')).execute();
}
