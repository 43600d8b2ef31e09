// `npm start` killed outright (SIGKILL: it cannot pass a signal on) leaves
// the portal without a parent. The portal notices (workers.ts, whenNpmGoes)
// and stops, workers and all, instead of holding the port for ever.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { childrenOf, isRunning } from '../support/processes';
import { freePort } from '../support/server';

describe('the portal whose npm was killed', () => {
  let database: TestDatabase | undefined;
  let npm: ChildProcess | undefined;
  const started: number[] = [];

  afterEach(async () => {
    npm?.kill('SIGKILL');
    for (const pid of started.splice(0)) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    await database?.drop();
  });

  it.each([
    ['one process', '1'],
    ['a primary and two workers', '2'],
  ])('stops when npm is gone: %s', async (_, workers) => {
    database = await createTestDatabase('sqlite');
    const port = await freePort();
    // A stand-in for npm: a shell that starts the portal as `npm start` does and waits for it.
    let output = '';
    npm = spawn('sh', ['-c', `"${process.execPath}" scripts/start.mjs & wait`], {
      env: { ...process.env, npm_lifecycle_event: 'start', HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: database.url, WHATSON_WORKERS: workers },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    npm.stdout!.on('data', (chunk) => (output += chunk));
    npm.stderr!.on('data', (chunk) => (output += chunk));
    await vi.waitFor(() => expect(output).toContain('[whatson] serving on'), { timeout: 90_000, interval: 100 });
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);

    const [portal] = childrenOf(npm.pid!);
    expect(portal).toBeDefined();
    started.push(portal!, ...childrenOf(portal!));
    expect(started).toHaveLength(Number(workers) === 1 ? 1 : 3);

    npm.kill('SIGKILL');
    // It looks once a second; a graceful stop of its workers follows, bounded by the primary's 15 s grace.
    await vi.waitFor(() => expect(started.filter(isRunning)).toEqual([]), { timeout: 40_000, interval: 200 });
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  }, 120_000);
});
