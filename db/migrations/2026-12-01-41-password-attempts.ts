// Frozen. Password guessing is limited per (account, client address) pair and
// per client address, with growing delays, instead of one lock per account
// that anyone could renew (issue 14, point 5). Keys are SHA-256 hashes of the
// scope and subject, so the table holds no email or client address in clear.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('password_attempts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    // Hash of the account's email for per-account and per-pair rows, so a reset can clear them all.
    .addColumn('account', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_attempt_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('password_attempts_account').on('password_attempts').column('account').execute();
  await db.schema.createIndex('password_attempts_last').on('password_attempts').column('last_attempt_at').execute();
  // The account lock's counters are no longer read.
  await db.deleteFrom('rate_limits').where((eb) => eb.or([eb('key', 'like', 'login-account:%'), eb('key', 'like', 'login-address:%')])).execute();
}
