// Frozen. An invitation no longer creates a user: that placeholder account
// reserved the address (its owner could neither sign up nor reset a password,
// even after the invitation expired). Invitations live in their own table and
// the account is made when one is accepted. Open invitations move over with
// their token hash, so links already sent keep working; the placeholders go.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('invited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('invitations_organisation').on('invitations').columns(['organisation_id', 'email']).execute();

  // A placeholder: invited, never joined (no password, address never confirmed).
  const placeholders = db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'representative')
    .where('password_hash', 'is', null)
    .where('email_verified_at', 'is', null)
    .where('deleted_at', 'is', null)
    .where('organisation_id', 'is not', null);

  await db
    .insertInto('invitations')
    .columns(['id', 'organisation_id', 'email', 'invited_by', 'expires_at', 'accepted_at', 'created_at'])
    .expression(
      db
        .selectFrom('one_time_tokens')
        .innerJoin('users', 'users.id', 'one_time_tokens.user_id')
        .select([
          'one_time_tokens.id',
          'users.organisation_id',
          'users.email',
          // Who invited was not recorded before.
          sql<string | null>`null`.as('invited_by'),
          'one_time_tokens.expires_at',
          'one_time_tokens.used_at',
          'one_time_tokens.created_at',
        ])
        .where('one_time_tokens.purpose', '=', 'invitation')
        .where('one_time_tokens.used_at', 'is', null)
        .where('users.id', 'in', placeholders),
    )
    .execute();
  await db.deleteFrom('one_time_tokens').where('user_id', 'in', placeholders).execute();
  await db.deleteFrom('users').where('id', 'in', placeholders).execute();
}
