import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { MigrationError, migrateToLatest, pendingMigrations } from '../../src/server/db/migrate';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases';

async function tableNames(handle: DatabaseHandle): Promise<string[]> {
  const introspected = await handle.db.introspection.getTables();
  return introspected.map((table) => table.name).sort();
}

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    handle = database.open();
  });
  afterEach(async () => {
    await handle.close();
    await database.drop();
  });

  it('brings an empty database to the latest schema', async () => {
    expect(await pendingMigrations(handle)).toEqual(migrations.map(([name]) => name));
    expect(await migrateToLatest(handle)).toEqual(migrations.map(([name]) => name));
    expect(await pendingMigrations(handle)).toEqual([]);
    expect(await tableNames(handle)).toEqual(
      ['audit_log', 'calendar_tokens', 'digest_sends', 'event_documents', 'event_fingerprints', 'event_first_seen', 'followed_countries', 'followed_topics', 'identity_changes', 'invitations', 'one_time_tokens', 'organisations', 'outgoing_mail', 'participant_messages', 'password_attempts', 'public_data_version', 'rate_limits', 'registration_locks', 'registrations', 'schema_migrations', 'sessions', 'signing_keys', 'stored_event_changes', 'stored_event_versions', 'stored_events', 'stored_review_entries', 'stored_review_entry_versions', 'submissions', 'users', 'waitlist_lengths'].sort(),
    );
  });

  it('applies nothing the second time', async () => {
    await migrateToLatest(handle);
    expect(await migrateToLatest(handle)).toEqual([]);
  });

  it('leaves the schema as it was when a migration fails, and names the migration', async () => {
    await migrateToLatest(handle);
    const before = await tableNames(handle);
    const broken = {
      async up(db: Kysely<any>) {
        await db.schema.createTable('half_done').addColumn('id', 'text', (c) => c.primaryKey()).execute();
        await db.insertInto('half_done').values({ id: 'x' }).execute();
        await sql`select * from no_such_table`.execute(db);
      },
    };
    const failing = migrateToLatest(handle, [...migrations, ['2099-01-01-01-broken', broken]]);
    await expect(failing).rejects.toThrow(MigrationError);
    await expect(failing).rejects.toThrow(/Migration "2099-01-01-01-broken" failed: .*no_such_table/);
    expect(await tableNames(handle)).toEqual(before);
    expect(await pendingMigrations(handle, [...migrations, ['2099-01-01-01-broken', broken]])).toEqual(['2099-01-01-01-broken']);
  });

  it('enforces unique emails and foreign keys', async () => {
    await migrateToLatest(handle);
    const now = new Date().toISOString();
    const user = { id: 'u1', email: 'a@example.org', name: 'A', role: 'secretariat' as const, created_at: now, updated_at: now };
    await handle.db.insertInto('users').values(user).execute();
    await expect(handle.db.insertInto('users').values({ ...user, id: 'u2' }).execute()).rejects.toThrow(/unique/i);
    await expect(
      handle.db.insertInto('sessions').values({ id: 's1', user_id: 'nobody', expires_at: now, created_at: now }).execute(),
    ).rejects.toThrow(/foreign key/i);
  });
});

describe('SQLite settings', () => {
  it('uses WAL, NORMAL synchronous, foreign keys and a busy timeout', async () => {
    const database = await createTestDatabase('sqlite');
    const handle = database.open();
    try {
      expect(handle.sqlite!.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(handle.sqlite!.pragma('synchronous', { simple: true })).toBe(1);
      expect(handle.sqlite!.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(handle.sqlite!.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
    } finally {
      await handle.close();
      await database.drop();
    }
  });
});
