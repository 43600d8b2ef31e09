import { spawn } from 'node:child_process';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index';
import { runWhatson, runWhatsonAsync } from '../support/cli';
import { createTestDatabase, type TestDatabase } from '../support/databases';

// A second process writes audit rows as fast as it can, as a busy portal would.
const WRITER = `
  const SQLite = require('better-sqlite3');
  const db = new SQLite(process.argv[1]);
  db.pragma('journal_mode = WAL'); db.pragma('busy_timeout = 5000');
  const insert = db.prepare("insert into audit_log (id, at, action, subject_type, subject_id, details) values (?, ?, 'test.write', 'test', ?, ?)");
  let n = 0;
  const stopAt = Date.now() + 8000;
  while (Date.now() < stopAt) { insert.run('w' + n, new Date().toISOString(), String(n), 'x'.repeat(500)); n++; }
`;

describe('backup', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    runWhatson(['migrate'], { DATABASE_URL: database.url });
  });
  afterEach(() => database.drop());

  it('produces a consistent database while another process keeps writing', async () => {
    const writer = spawn(process.execPath, ['-e', WRITER, database.url], { cwd: process.cwd() });
    const writerDone = new Promise((resolve) => writer.on('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const file = join(database.url, '..', 'backup.sqlite');
    const { status, stdout } = await runWhatsonAsync(['backup', file], { DATABASE_URL: database.url });
    writer.kill();
    await writerDone;
    expect(status).toBe(0);
    expect(stdout).toMatch(/Backed up \d+ pages to/);

    const copy = new SQLite(file, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = copy.prepare('select count(*) as n from audit_log').get() as { n: number };
      expect(rows.n).toBeGreaterThan(0);
      expect(copy.prepare('select name from schema_migrations order by name').all()).toEqual(migrations.map(([name]) => ({ name })));
    } finally {
      copy.close();
    }
  });

  it('will not overwrite an earlier backup', () => {
    const file = join(database.url, '..', 'once.sqlite');
    expect(runWhatson(['backup', file], { DATABASE_URL: database.url }).status).toBe(0);
    const again = runWhatson(['backup', file], { DATABASE_URL: database.url });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('exists already');
  });

  it('points PostgreSQL users to pg_dump', () => {
    const { status, stderr } = runWhatson(['backup', 'x.dump'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' });
    expect(status).toBe(1);
    expect(stderr).toContain('pg_dump');
  });
});
