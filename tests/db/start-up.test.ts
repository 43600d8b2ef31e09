import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases';
import { freePort } from '../support/server';

function start(env: Record<string, string>): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/start.mjs'], { env: { ...process.env, HOST: '127.0.0.1', ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

describe('start-up', () => {
  it('refuses an invalid configuration, naming the variable and what it expects', async () => {
    const { status, output } = await start({ PORT: 'eighty', DATABASE_URL: 'oracle://db' });
    expect(status).toBe(1);
    expect(output).toContain('not starting');
    expect(output).toContain('PORT must be a port number between 1 and 65535');
    expect(output).toContain('DATABASE_URL must be postgres://');
    expect(output).not.toContain('serving on');
  });
});

describe.each(DIALECTS)('start-up on %s', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(() => database.drop());

  it('refuses to serve when a migration fails, names it, and leaves the database as it was', async () => {
    // A table left behind by hand makes the initial migration fail half-way.
    const handle = database.open();
    await sql`create table event_fingerprints (something text)`.execute(handle.db);
    await handle.close();

    const { status, output } = await start({ DATABASE_URL: database.url, PORT: String(await freePort()) });
    expect(status).toBe(1);
    expect(output).toContain('Migration "2026-11-29-01-initial" failed');
    expect(output).toContain('The database is as it was before this migration.');
    expect(output).not.toContain('serving on');

    const after = database.open();
    try {
      const tables = (await after.db.introspection.getTables()).map((table) => table.name).sort();
      expect(tables).toEqual(['event_fingerprints', 'schema_migrations']);
      expect(await after.db.selectFrom('schema_migrations').selectAll().execute()).toEqual([]);
    } finally {
      await after.close();
    }
  });
});
