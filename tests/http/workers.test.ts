// `npm start` with WHATSON_WORKERS=2: two processes share the port, each
// with its own page cache, and a change taken by one is on the other's pages
// within the bound the public data version promises (VERSION_REFRESH_MS; in
// practice at once: the worker that took it tells its sibling).
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { createSession } from '../../src/server/auth/sessions';
import { VERSION_REFRESH_MS } from '../../src/server/public-cache/page-cache';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases';
import { postForm } from '../support/forms';
import { createMember, createOrganisation } from '../support/members';
import { startServer, type RunningServer } from '../support/server';

// Demo content: open registration, 50 places in person, the window open until May 2027.
const SIDE_EVENT = '/side-events/2027-05-ccpcj-ammunition-diversion';

interface Answer {
  status: number;
  cache: string | undefined;
  requestId: string;
  body: string;
}

/** One GET on a connection of its own, so that the workers take turns answering. */
function getOnNewConnection(baseUrl: string, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, baseUrl), { agent: false, headers: { Connection: 'close' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, cache: res.headers['x-cache'] as string | undefined, requestId: String(res.headers['x-request-id']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function placesLeftIn(html: string): number {
  const match = /Places in person<\/dt><dd>50 \((\d+) left\)/.exec(html);
  if (!match) throw new Error('the event page does not say how many places are left');
  return Number(match[1]);
}

describe.each(DIALECTS)('two worker processes on %s', (dialect) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let outbox: string;
  let portal: RunningServer;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    outbox = mkdtempSync(join(tmpdir(), 'whatson-outbox-'));
    portal = await startServer({ DATABASE_URL: database.url, OUTBOX_DIR: outbox, WHATSON_WORKERS: '2' });
    handle = database.open();
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
    await portal?.stop();
    await database?.drop();
    rmSync(outbox, { recursive: true, force: true });
  });

  /** The pid of the worker that answered, from its log line. */
  async function workerOf(answer: Answer): Promise<number> {
    let pid = 0;
    await vi.waitFor(() => {
      const line = portal.output().split('\n').find((candidate) => candidate.includes(answer.requestId));
      expect(line).toBeDefined();
      pid = (JSON.parse(line!) as { pid: number }).pid;
    });
    return pid;
  }

  /** GETs until each of the two workers has answered `path` once more; what each answered last. */
  async function fromEachWorker(path: string): Promise<Map<number, Answer>> {
    const seen = new Map<number, Answer>();
    for (let attempt = 0; attempt < 20 && seen.size < 2; attempt += 1) {
      const answer = await getOnNewConnection(portal.baseUrl, path);
      seen.set(await workerOf(answer), answer);
    }
    return seen;
  }

  it('says once that it serves, with how many workers, and answers from two processes', async () => {
    expect(portal.output()).toContain('with 2 worker processes');
    const workers = await fromEachWorker('/');
    expect(workers.size).toBe(2);
    expect(workers.has(portal.process.pid!)).toBe(false);
  });

  it('keeps a page in each worker, and shows a place taken through one worker on the other within the version bound', async () => {
    // Both workers hold the page.
    let cached = await fromEachWorker(SIDE_EVENT);
    for (let attempt = 0; attempt < 5 && [...cached.values()].some((answer) => answer.cache !== 'HIT'); attempt += 1) cached = await fromEachWorker(SIDE_EVENT);
    expect([...cached.values()].map((answer) => answer.cache)).toEqual(['HIT', 'HIT']);
    const left = placesLeftIn([...cached.values()][0]!.body);

    const person = await createMember(handle.db, await createOrganisation(handle.db), 'representative');
    const cookie = `whatson_session=${(await createSession(handle.db, person.id)).token}`;
    expect((await postForm(portal.baseUrl, `${SIDE_EVENT}/apply`, { mode: 'in-person' }, cookie)).status).toBe(303);
    const appliedAt = Date.now();

    const seenBy = new Map<number, number>();
    while (seenBy.size < 2 && Date.now() - appliedAt < 3_000) {
      const answer = await getOnNewConnection(portal.baseUrl, SIDE_EVENT);
      if (placesLeftIn(answer.body) === left - 1) seenBy.set(await workerOf(answer), Date.now() - appliedAt);
    }
    expect(seenBy.size).toBe(2);
    for (const after of seenBy.values()) expect(after).toBeLessThan(VERSION_REFRESH_MS + 250);
  });

  it('stops both workers and the primary on SIGTERM', async () => {
    const workers = [...(await fromEachWorker('/topics')).keys()];
    await portal.stop();
    expect(portal.process.exitCode).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  });
});
