// A database that cannot serve fails the requests that need it with 503 and
// Retry-After (never 500, never the process), anonymous pages kept in memory
// are served stale meanwhile, /healthz names the fault, and everything comes
// back by itself once the database answers again. Each fault is real: a
// database closed to connections with its backends terminated, a SQLite file
// locked by another process, a lock that holds every pooled connection, a
// database turned read-only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession } from '../../src/server/auth/sessions';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases';
import { postForm } from '../support/forms';
import { createMember, createOrganisation } from '../support/members';
import { startServer, type RunningServer } from '../support/server';

// Demo content: open registration, with places online.
const SIDE_EVENT = '/side-events/2027-05-ccpcj-ammunition-diversion';
const CACHED_PAGES = ['/', '/events', SIDE_EVENT];

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function get(baseUrl: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path, baseUrl), { headers, redirect: 'manual' });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

async function health(baseUrl: string) {
  const response = await fetch(new URL('/healthz', baseUrl));
  return { status: response.status, body: (await response.json()) as { ok: boolean; database: string } };
}

/** The 503 page: plain, retry later, the same security headers as every answer, nothing of the cause. */
function expectUnavailable(answer: { status: number; headers: Headers; body: string }, retryAfter: string) {
  expect(answer.status).toBe(503);
  expect(answer.headers.get('retry-after')).toBe(retryAfter);
  expect(answer.headers.get('cache-control')).toBe('no-store');
  expect(answer.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  expect(answer.body).toContain('Please try again in a minute.');
  expect(answer.body).not.toMatch(/\bat [\w$.<>]+ \(|node_modules|SqliteError|ECONNREFUSED|57P01|accepting connections|locked/);
}

async function adminClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

const databaseName = (database: TestDatabase) => new URL(database.url).pathname.slice(1);

/** A server on a new database of `dialect`, and a signed-in person's cookie. */
function useServer(dialect: 'sqlite' | 'postgres') {
  const state = {} as { database: TestDatabase; server: RunningServer; cookie: string; outbox: string };
  beforeEach(async () => {
    state.database = await createTestDatabase(dialect);
    state.outbox = mkdtempSync(join(tmpdir(), 'whatson-outbox-'));
    state.server = await startServer({ DATABASE_URL: state.database.url, OUTBOX_DIR: state.outbox });
    const handle = state.database.open();
    try {
      const person = await createMember(handle.db, await createOrganisation(handle.db));
      state.cookie = `whatson_session=${(await createSession(handle.db, person.id)).token}`;
    } finally {
      await handle.close();
    }
  }, 60_000);
  afterEach(async () => {
    await state.server?.stop();
    await state.database?.drop();
    rmSync(state.outbox, { recursive: true, force: true });
  });
  return state;
}

/** Each page twice: the second answer comes from memory. Returns what was served. */
async function cachePages(baseUrl: string): Promise<Map<string, string>> {
  const bodies = new Map<string, string>();
  for (const path of CACHED_PAGES) {
    await get(baseUrl, path);
    const hit = await get(baseUrl, path);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    bodies.set(path, hit.body);
  }
  return bodies;
}

async function onPostgresServer(query: string): Promise<void> {
  const admin = await adminClient(process.env.TEST_DATABASE_URL!);
  try {
    await admin.query(query);
  } finally {
    await admin.end();
  }
}

describe.runIf(DIALECTS.includes('postgres'))('PostgreSQL unreachable', () => {
  const state = useServer('postgres');

  it('serves cached pages stale, answers what needs the database 503, and recovers by itself', async () => {
    const { server, cookie } = state;
    const name = databaseName(state.database);
    const before = await cachePages(server.baseUrl);
    // What a DBA does before maintenance: no new connections, the current ones ended.
    await onPostgresServer(`alter database "${name}" with allow_connections false`);
    try {
      await onPostgresServer(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`);
      // Past the half second for which the page cache believes its last version read.
      await pause(600);
      for (const path of CACHED_PAGES) {
        const stale = await get(server.baseUrl, path);
        expect(stale.status, path).toBe(200);
        expect(stale.headers.get('x-cache')).toBe('STALE');
        expect(stale.headers.get('warning')).toBe('111 - "Revalidation Failed"');
        expect(stale.headers.get('cache-control')).toBe('no-cache');
        expect(stale.headers.get('content-security-policy')).toContain("script-src 'self'");
        expect(stale.body).toBe(before.get(path));
      }
      const conditional = await get(server.baseUrl, '/', { 'If-None-Match': (await get(server.baseUrl, '/')).headers.get('etag')! });
      expect(conditional.status).toBe(304);

      expectUnavailable(await get(server.baseUrl, '/organisations'), '10');
      const applying = await postForm(server.baseUrl, `${SIDE_EVENT}/apply`, { mode: 'online' }, cookie);
      expectUnavailable({ ...applying, body: applying.html }, '10');
      expect(await health(server.baseUrl)).toEqual({ status: 503, body: { ok: false, database: 'unreachable', pendingMigrations: [] } });
    } finally {
      await onPostgresServer(`alter database "${name}" with allow_connections true`);
    }

    // The page cache asks the database again a second after a failure.
    await pause(1_100);
    expect(await health(server.baseUrl)).toEqual({ status: 200, body: { ok: true, database: 'reachable', pendingMigrations: [] } });
    const fresh = await get(server.baseUrl, '/');
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('x-cache')).toBe('HIT');
    expect(fresh.headers.get('warning')).toBeNull();
    expect((await get(server.baseUrl, '/organisations')).status).toBe(200);
    const applied = await postForm(server.baseUrl, `${SIDE_EVENT}/apply`, { mode: 'online' }, cookie);
    expect(applied.status).toBe(303);
    expect(applied.location).toMatch(/^\/account\/registrations\?applied=/);

    expect(server.process.exitCode).toBeNull();
    expect(server.output()).toContain('database unreachable');
    expect(server.output()).not.toMatch(/"status":500/);
  }, 90_000);
});

describe('SQLite locked by another process', () => {
  const state = useServer('sqlite');

  // A second process holding a write transaction (another instance on the
  // same file, a maintenance script): SQLite waits its busy timeout (5 s),
  // then refuses. In WAL mode reads go on, so pages keep being served fresh.
  it('answers writes 503 after the busy timeout, keeps serving pages, and recovers when the lock is let go', async () => {
    const { server, cookie } = state;
    const before = await cachePages(server.baseUrl);
    const holder = new SQLite((state.database.target as { file: string }).file);
    holder.exec('begin immediate');
    holder.exec('update public_data_version set version = version where id = 1');
    try {
      await pause(600);
      const page = await get(server.baseUrl, '/');
      expect(page.status).toBe(200);
      expect(page.body).toBe(before.get('/'));
      const applying = await postForm(server.baseUrl, `${SIDE_EVENT}/apply`, { mode: 'online' }, cookie);
      expectUnavailable({ ...applying, body: applying.html }, '5');
      expect(await health(server.baseUrl)).toEqual({ status: 503, body: { ok: false, database: 'busy', pendingMigrations: [] } });
    } finally {
      holder.exec('rollback');
      holder.close();
    }
    expect((await health(server.baseUrl)).status).toBe(200);
    expect((await postForm(server.baseUrl, `${SIDE_EVENT}/apply`, { mode: 'online' }, cookie)).status).toBe(303);
    expect(server.process.exitCode).toBeNull();
    expect(server.output()).toContain('database busy');
    expect(server.output()).not.toMatch(/"status":500/);
  }, 60_000);
});

describe.runIf(DIALECTS.includes('postgres'))('PostgreSQL busy or read-only', () => {
  const state = useServer('postgres');

  it('answers 503 with Retry-After while a held lock exhausts the pool, and recovers when it is released', async () => {
    const { server, cookie, database } = state;
    await get(server.baseUrl, '/');
    await pause(600);

    // Every request with a session reads the sessions table: the first ten
    // hold all of the pool's connections, waiting for the lock.
    const locker = await adminClient(database.url);
    await locker.query('begin');
    await locker.query('lock table sessions in access exclusive mode');
    let answers: Array<{ status: number; retryAfter: string | null } | { error: string }>;
    let stale: Awaited<ReturnType<typeof get>>;
    let healthWhileExhausted: Awaited<ReturnType<typeof health>>;
    try {
      const account = Array.from({ length: 24 }, () =>
        fetch(new URL('/account', server.baseUrl), { headers: { Cookie: cookie }, redirect: 'manual' }).then(
          async (response) => ({ status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.text() }),
          (error: Error) => ({ error: error.message }),
        ),
      );
      await pause(300);
      [stale, healthWhileExhausted] = await Promise.all([get(server.baseUrl, '/'), health(server.baseUrl)]);
      // The requests still waiting for a connection have had their 503 by now (5 s).
      await pause(1_000);
      await locker.query('commit');
      answers = await Promise.all(account);
    } finally {
      await locker.end().catch(() => {});
    }

    expect(answers.filter((answer) => 'error' in answer)).toEqual([]);
    const statuses = answers.map((answer) => ('status' in answer ? answer.status : 0));
    expect(statuses.every((status) => status === 200 || status === 503), statuses.join()).toBe(true);
    expect(statuses.filter((status) => status === 503).length).toBeGreaterThanOrEqual(10);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(1);
    for (const answer of answers) if ('status' in answer && answer.status === 503) expect(answer.retryAfter).toBe('5');
    expect(stale.status).toBe(200);
    expect(stale.headers.get('x-cache')).toBe('STALE');
    expect(healthWhileExhausted).toEqual({ status: 503, body: { ok: false, database: 'pool exhausted', pendingMigrations: [] } });

    expect((await get(server.baseUrl, '/account', { Cookie: cookie })).status).toBe(200);
    expect((await health(server.baseUrl)).status).toBe(200);
    expect(server.process.exitCode).toBeNull();
  }, 60_000);

  it('reports a database that turned read-only (a failover to a standby) and answers writes 503 until it is writable again', async () => {
    const { server, cookie, database } = state;
    const name = databaseName(database);
    const admin = await adminClient(process.env.TEST_DATABASE_URL!);
    try {
      await admin.query(`alter database "${name}" set default_transaction_read_only = on`);
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`);
      // Until the pool has seen its connections end, one request may still find one (a 503 of its own).
      await pause(300);
      expect(await health(server.baseUrl)).toEqual({ status: 503, body: { ok: false, database: 'read-only', pendingMigrations: [] } });
      const applied = await postForm(server.baseUrl, `${SIDE_EVENT}/apply`, { mode: 'online' }, cookie);
      expectUnavailable({ ...applied, body: applied.html }, '30');
      // Reading still works.
      expect((await get(server.baseUrl, SIDE_EVENT)).status).toBe(200);

      await admin.query(`alter database "${name}" reset default_transaction_read_only`);
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`);
      await pause(300);
    } finally {
      await admin.end();
    }
    expect((await health(server.baseUrl)).body.database).toBe('reachable');
    expect((await postForm(server.baseUrl, `${SIDE_EVENT}/apply`, { mode: 'online' }, cookie)).status).toBe(303);
    expect(server.process.exitCode).toBeNull();
  }, 60_000);
});

