// With several workers the primary runs an instance's background jobs
// (start-up.ts): no heap that serves holds what their passes read, and a
// worker that dies does not put a pass off.
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { childrenOf } from '../support/processes';
import { startServer, type RunningServer } from '../support/server';

// Privacy housekeeping's first pass comes this long after the jobs start (privacy-housekeeping.ts).
const FIRST_PASS_AFTER_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

describe('the background jobs of an instance with two worker processes', () => {
  let database: TestDatabase;
  let folder: string;
  let portal: RunningServer | undefined;

  afterAll(async () => {
    await portal?.stop();
    await database?.drop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('run in the primary, on time although every worker was replaced before the first pass', async () => {
    database = await createTestDatabase('sqlite');
    folder = mkdtempSync(join(tmpdir(), 'whatson-background-'));
    const attachments = join(folder, 'attachments');
    // An upload a dead process left half-received two hours ago: the first housekeeping pass removes it.
    const abandoned = join(attachments, '.incoming', 'abandoned-upload');
    mkdirSync(join(attachments, '.incoming'), { recursive: true });
    writeFileSync(abandoned, 'half an upload');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(abandoned, twoHoursAgo, twoHoursAgo);

    portal = await startServer({ DATABASE_URL: database.url, OUTBOX_DIR: join(folder, 'outbox'), ATTACHMENTS_DIR: attachments, WHATSON_WORKERS: '2' });
    // The primary started the jobs before its workers listened, so before this.
    const serving = Date.now();
    const workers = childrenOf(portal.process.pid!);
    expect(workers).toHaveLength(2);

    // Jobs kept by a worker would start again with its replacement, their first pass a full delay later.
    await sleep(serving + FIRST_PASS_AFTER_MS - 10_000 - Date.now());
    for (const pid of workers) process.kill(pid, 'SIGKILL');
    await vi.waitFor(() => expect(portal!.output()).toContain('removed 1 upload(s) left half-received'), { timeout: serving + FIRST_PASS_AFTER_MS + 12_000 - Date.now(), interval: 250 });
    expect(existsSync(abandoned)).toBe(false);

    // The replacements serve, and the primary still stops cleanly.
    await vi.waitFor(() => expect(childrenOf(portal!.process.pid!).filter((pid) => !workers.includes(pid))).toHaveLength(2), { timeout: 30_000, interval: 250 });
    await vi.waitFor(async () => expect((await fetch(`${portal!.baseUrl}/`)).status).toBe(200), { timeout: 30_000, interval: 250 });
    await portal.stop();
    expect(portal.process.exitCode).toBe(0);
  }, 120_000);
});
