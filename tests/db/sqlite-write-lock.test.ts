// On SQLite several processes write one file (the workers, the admin CLI, the
// background jobs). A transaction that reads and then writes must not fail
// because another process committed in between: it holds the write lock from
// its start, and the other process waits its turn (busy_timeout).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/connection';

/** Another process on the same file: it writes one row when told, after saying it is about to. */
function otherWriter(file: string) {
  const script = `
    const SQLite = require('better-sqlite3');
    const db = new SQLite(process.argv[1]);
    db.pragma('busy_timeout = 5000');
    process.stdin.once('data', () => {
      process.stdout.write('writing\\n');
      db.prepare("insert into notes (text) values ('from the other process')").run();
      process.stdout.write('written\\n');
      process.exit(0);
    });`;
  const child = spawn(process.execPath, ['-e', script, file], { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    write: () => child.stdin.write('go\n'),
    said: async (line: string) => {
      while (!output.includes(line)) {
        if (child.exitCode !== null) throw new Error(`the other writer stopped: ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    exited,
    output: () => output,
  };
}

describe('transactions on an SQLite file that other processes write', () => {
  let dir: string;
  let handle: DatabaseHandle;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'whatson-write-lock-'));
    handle = openDatabase({ kind: 'sqlite', file: join(dir, 'portal.sqlite') });
    handle.sqlite!.exec('create table notes (id integer primary key, text text not null)');
  });

  afterEach(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commit what they read and then wrote, though another process writes meanwhile; the other write follows', async () => {
    const other = otherWriter(join(dir, 'portal.sqlite'));
    await handle.db.transaction().execute(async (trx) => {
      // The table is this test's own, outside the portal's schema: plain SQL through the same transaction.
      const [before] = (await sql<{ count: number }>`select count(*) as count from notes`.execute(trx)).rows;
      other.write();
      await other.said('writing');
      // Were it let through before this transaction writes, the other process would commit now;
      // held back, it says nothing more until this transaction has committed.
      await Promise.race([other.said('written'), new Promise((resolve) => setTimeout(resolve, 1_000))]);
      await sql`insert into notes (text) values (${`after reading ${before!.count}`})`.execute(trx);
    });
    expect(await other.exited).toBe(0);
    expect(other.output()).toContain('written');
    const rows = handle.sqlite!.prepare('select text from notes order by id').all();
    expect(rows).toEqual([{ text: 'after reading 0' }, { text: 'from the other process' }]);
  });
});
