// Frozen. Accounts deleted before deletion withdrew registrations kept live
// ones (one was even promoted into a place) and a private feed that still
// answered. Withdraw those registrations and end those feeds. The places they
// free are handed out at the event's next application, withdrawal or
// decision: who may take one depends on the event's content, which a
// migration cannot see.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const deleted = db.selectFrom('users').select('id').where('deleted_at', 'is not', null);
  const withdrawn = await db
    .updateTable('registrations')
    .set({ state: 'withdrawn', updated_at: new Date().toISOString() })
    .where('state', 'in', ['pending', 'approved', 'waitlisted'])
    .where('user_id', 'in', deleted)
    .executeTakeFirst();
  await db.deleteFrom('calendar_tokens').where('user_id', 'in', deleted).execute();
  await db.deleteFrom('followed_topics').where('user_id', 'in', deleted).execute();
  // Places left changed: every instance re-renders its cached event pages.
  if (Number(withdrawn.numUpdatedRows) > 0) await db.updateTable('public_data_version').set({ version: sql`version + 1` }).where('id', '=', 1).execute();
}
