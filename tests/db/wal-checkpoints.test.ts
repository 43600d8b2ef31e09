// SQLite's checkpoints (the write-ahead log copied back into the database
// file) are taken on a thread of their own, so that no request's commit waits
// for one; if that thread stops, the writing connection takes them again.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/server/db/connection';
import { startWalCheckpoints, type WalCheckpoints } from '../../src/server/db/wal-checkpoints';

describe('checkpoints of an SQLite file', () => {
  let dir: string;
  let file: string;
  let writer: SQLite.Database;
  let checkpoints: WalCheckpoints | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'whatson-checkpoints-'));
    file = join(dir, 'portal.sqlite');
    writer = openSqlite(file);
    writer.exec('create table notes (id integer primary key, text text not null)');
  });

  afterEach(async () => {
    await checkpoints?.stop();
    checkpoints = undefined;
    writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A few thousand pages of log, one small transaction at a time, as requests commit. */
  const writeNotes = (count: number) => {
    const insert = writer.prepare('insert into notes (text) values (?)');
    for (let i = 0; i < count; i += 1) insert.run('x'.repeat(3_000));
  };
  const autocheckpoint = () => writer.pragma('wal_autocheckpoint', { simple: true });

  it('leaves them to the thread: the writing connection no longer takes one every thousand pages', () => {
    expect(autocheckpoint()).toBe(1_000);
    checkpoints = startWalCheckpoints(writer, file, 60_000);
    expect(autocheckpoint()).toBe(10_000);
  });

  it('copies everything committed into the database file, and the writer starts the log again from the top', async () => {
    checkpoints = startWalCheckpoints(writer, file, 60_000);
    writeNotes(1_500);
    const walBytes = statSync(`${file}-wal`).size;
    // Past SQLite's default of 1,000 pages, and nothing checkpointed by the writer.
    expect(walBytes).toBeGreaterThan(1_000 * 4096);
    const result = await checkpoints.checkpointNow();
    expect(result.busy).toBe(0);
    expect(result.log).toBeGreaterThan(1_000);
    expect(result.checkpointed).toBe(result.log);
    // Everything copied: the next transaction writes from the start of the log, which does not grow on
    // (without a checkpoint it would hold all 4,500 rows, three times as much).
    writeNotes(1_500);
    await checkpoints.checkpointNow();
    writeNotes(1_500);
    expect(statSync(`${file}-wal`).size).toBeLessThan(walBytes * 1.5);
    const reader = openSqlite(file);
    expect(reader.prepare('select count(*) as count from notes').get()).toEqual({ count: 4_500 });
    reader.close();
  });

  it('checkpoints on its own every interval', async () => {
    checkpoints = startWalCheckpoints(writer, file, 20);
    const before = statSync(file).size;
    writeNotes(200);
    // Copied into the database file (200 rows of 3,000 bytes) without anyone asking.
    await expect.poll(() => statSync(file).size, { timeout: 5_000 }).toBeGreaterThan(before + 500_000);
  });

  it('gives the checkpoints back to the writing connection when the thread stops unasked, and writes go on', async () => {
    checkpoints = startWalCheckpoints(writer, file, 60_000);
    await checkpoints.thread.terminate();
    await expect.poll(autocheckpoint).toBe(1_000);
    writeNotes(1_500);
    // The writer checkpointed by itself past 1,000 pages: the log did not grow to 1,500 pages.
    expect(statSync(`${file}-wal`).size).toBeLessThan(1_100 * 4096);
    await expect(checkpoints.checkpointNow()).rejects.toThrow();
    checkpoints = undefined;
  });
});
