// `npm start` refuses what cannot work in one line, `[whatson] not starting:
// …`, naming the cause and the setting, exit code 1, no stack trace; and it
// says so before building or migrating, which the fault would make pointless.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/connection';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases';
import { canMakeReadOnly, makeReadOnly } from '../support/read-only';
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

/** Exit code 1 and exactly one line, which names what is wrong; nothing built. */
function expectRefusal({ status, output }: { status: number | null; output: string }, ...fragments: string[]) {
  expect(status).toBe(1);
  const lines = output.trim().split('\n');
  expect(lines, output).toHaveLength(1);
  expect(lines[0]).toMatch(/^\[whatson\] not starting: /);
  for (const fragment of fragments) expect(lines[0]).toContain(fragment);
}

const scratch = mkdtempSync(join(tmpdir(), 'whatson-start-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A SQLite file in a folder of its own, and a port nobody uses. */
async function sqliteSettings(name: string) {
  const folder = join(scratch, name);
  mkdirSync(folder);
  return { folder, env: { DATABASE_URL: join(folder, 'whatson.sqlite'), PORT: String(await freePort()), OUTBOX_DIR: join(folder, 'outbox') } };
}

describe('start-up refuses a bad configuration before building', () => {
  it('refuses an invalid configuration, naming each variable and what it expects', async () => {
    const refusal = await start({ PORT: 'eighty', DATABASE_URL: 'oracle://db' });
    expectRefusal(refusal, 'PORT must be a port number between 1 and 65535', 'DATABASE_URL must be postgres://');
  });

  it('refuses an invalid PUBLIC_ORIGIN without rebuilding first', async () => {
    // A PUBLIC_ORIGIN the build was not made for would trigger a rebuild: none happens.
    const { env } = await sqliteSettings('origin');
    const refusal = await start({ ...env, PUBLIC_ORIGIN: 'https://whatson.example.org/portal' });
    expectRefusal(refusal, 'PUBLIC_ORIGIN must be an origin such as https://whatson.example.org');
  });

  it('refuses a content folder that does not exist', async () => {
    const { env } = await sqliteSettings('no-content');
    const refusal = await start({ ...env, WHATSON_CONTENT_DIR: join(scratch, 'no-such-folder') });
    expectRefusal(refusal, `the content folder ${join(scratch, 'no-such-folder')} does not exist (WHATSON_CONTENT_DIR)`);
  });

  it('refuses an empty content folder rather than publish an empty portal', async () => {
    const { folder, env } = await sqliteSettings('empty-content');
    for (const collection of ['events', 'side-events', 'dialogues', 'topics']) mkdirSync(join(folder, 'content', collection), { recursive: true });
    const refusal = await start({ ...env, WHATSON_CONTENT_DIR: join(folder, 'content') });
    expectRefusal(refusal, 'has no Markdown file in events/, side-events/, dialogues/ or topics/ (WHATSON_CONTENT_DIR)');
  });
});

describe('start-up refuses a SQLite file it cannot use', () => {
  it('refuses a DATABASE_URL that names a folder', async () => {
    const { folder, env } = await sqliteSettings('folder-as-file');
    expectRefusal(await start({ ...env, DATABASE_URL: folder }), `DATABASE_URL names a folder, not a SQLite file: ${folder}`);
  });

  it('refuses a file that is not a SQLite database', async () => {
    const { env } = await sqliteSettings('not-a-database');
    writeFileSync(env.DATABASE_URL, 'these are my notes, not a database\n'.repeat(100));
    expectRefusal(await start(env), 'is not a SQLite database (DATABASE_URL)');
  });

  it('refuses a path whose folder cannot be made', async () => {
    const { folder, env } = await sqliteSettings('file-in-the-way');
    writeFileSync(join(folder, 'data'), '');
    expectRefusal(await start({ ...env, DATABASE_URL: join(folder, 'data', 'whatson.sqlite') }), `cannot create the folder ${join(folder, 'data')}`, 'a file is in the way');
  });

  it.runIf(canMakeReadOnly)('refuses a folder it cannot write the SQLite file into', async () => {
    const { folder, env } = await sqliteSettings('folder-read-only');
    const restore = makeReadOnly(folder);
    try {
      expectRefusal(await start(env), `cannot create the SQLite file ${env.DATABASE_URL} (DATABASE_URL): its folder ${folder} is not writable`);
    } finally {
      restore();
    }
  });

  it.runIf(canMakeReadOnly)('refuses a read-only SQLite file instead of starting and failing every write', async () => {
    const { env } = await sqliteSettings('file-read-only');
    const handle = openDatabase({ kind: 'sqlite', file: env.DATABASE_URL });
    await sql`create table notes (body text)`.execute(handle.db);
    await handle.close();
    const restore = makeReadOnly(env.DATABASE_URL);
    try {
      expectRefusal(await start(env), `the SQLite file ${env.DATABASE_URL} is read-only for this user (DATABASE_URL)`);
    } finally {
      restore();
    }
  });
});

describe('start-up refuses a PostgreSQL database it cannot use', () => {
  it('refuses a server that is not running', async () => {
    const port = await freePort();
    const refusal = await start({ DATABASE_URL: `postgres://whatson:secret@127.0.0.1:${port}/whatson`, PORT: String(await freePort()) });
    expectRefusal(refusal, `PostgreSQL at 127.0.0.1:${port} refuses connections (DATABASE_URL)`);
    expect(refusal.output).not.toContain('secret');
  });

  it('refuses a host name that does not resolve', async () => {
    const refusal = await start({ DATABASE_URL: 'postgres://whatson@db.whatson.invalid:5432/whatson', PORT: String(await freePort()) });
    expectRefusal(refusal, 'the database host "db.whatson.invalid" cannot be resolved (DATABASE_URL)');
  });

  describe.runIf(DIALECTS.includes('postgres'))('on a running server', () => {
    const server = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://localhost');

    it('refuses a database that does not exist', async () => {
      const url = new URL(server);
      url.pathname = '/whatson_no_such_database';
      expectRefusal(await start({ DATABASE_URL: url.href, PORT: String(await freePort()) }), 'the database "whatson_no_such_database" does not exist', 'createdb whatson_no_such_database');
    });

    it('refuses a role that does not exist', async () => {
      const url = new URL(server);
      url.username = 'whatson_no_such_role';
      expectRefusal(await start({ DATABASE_URL: url.href, PORT: String(await freePort()) }), 'role "whatson_no_such_role" does not exist', '(DATABASE_URL)');
    });

    it('refuses a read-only database (a standby) before migrating', async () => {
      const database = await createTestDatabase('postgres');
      try {
        const admin = new pg.Client({ connectionString: database.url });
        await admin.connect();
        await admin.query(`alter database "${new URL(database.url).pathname.slice(1)}" set default_transaction_read_only = on`);
        await admin.end();
        expectRefusal(await start({ DATABASE_URL: database.url, PORT: String(await freePort()) }), 'is read-only (a standby, or default_transaction_read_only is on) (DATABASE_URL)');
      } finally {
        await database.drop();
      }
    });
  });
});

describe.each(DIALECTS)('start-up on %s', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(() => database.drop());

  it('reports a port already in use before migrating the database', async () => {
    const taken: Server = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    try {
      expectRefusal(await start({ DATABASE_URL: database.url, PORT: String(port) }), `port ${port} on 127.0.0.1 is already in use by another process (PORT)`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
    const after = database.open();
    try {
      expect(await after.db.introspection.getTables()).toEqual([]);
    } finally {
      await after.close();
    }
  });

  it('refuses to serve when a migration fails, names it, and leaves the database as it was', async () => {
    // A table left behind by hand makes the initial migration fail half-way.
    const handle = database.open();
    await sql`create table event_fingerprints (something text)`.execute(handle.db);
    await handle.close();

    const refusal = await start({ DATABASE_URL: database.url, PORT: String(await freePort()) });
    expectRefusal(refusal, 'Migration "2026-11-29-01-initial" failed', 'The database is as it was before this migration.');

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
