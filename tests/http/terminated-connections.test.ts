// PostgreSQL ends connections on its side (a restart, a failover, an
// administrator, a network drop): here every backend serving two instances is
// terminated again and again while they serve a mixed load. No process
// exits, every request gets a well-formed answer (2xx/3xx/4xx or 503, never
// 500 or a reset), and every write that was acknowledged is there afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/auth/passwords';
import { createSession } from '../../src/server/auth/sessions';
import { hashToken } from '../../src/server/auth/tokens';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases';
import { postForm } from '../support/forms';
import { createMember, createOrganisation } from '../support/members';
import { startServer, type RunningServer } from '../support/server';

// Demo content: open registration, with places online.
const SIDE_EVENT = '/side-events/2027-05-ccpcj-ammunition-diversion';
const EVENT_KEY = 'side-events/2027-05-ccpcj-ammunition-diversion';
const PASSWORD = 'correct horse battery staple';
const STORM_MS = 10_000;
/** Often enough that requests in flight lose their connection, seldom enough that some finish between. */
const TERMINATE_EVERY_MS = 600;
const WORKERS = 8;

type Outcome = { kind: 'page' | 'sign-in' | 'application'; status: number; retryAfter: string | null; error?: string; userId?: string; session?: string };

describe.runIf(DIALECTS.includes('postgres'))('backends terminated under load, two instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let outbox: string;
  let servers: RunningServer[];
  const applicants: Array<{ id: string; cookie: string }> = [];
  const accounts: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    outbox = mkdtempSync(join(tmpdir(), 'whatson-outbox-'));
    const env = { DATABASE_URL: database.url, OUTBOX_DIR: outbox };
    servers = [await startServer(env), await startServer(env)];
    const handle = database.open();
    try {
      const passwordHash = await hashPassword(PASSWORD);
      for (let index = 0; index < 120; index++) {
        const person = await createMember(handle.db, await createOrganisation(handle.db));
        applicants.push({ id: person.id, cookie: `whatson_session=${(await createSession(handle.db, person.id)).token}` });
      }
      for (let index = 0; index < 8; index++) {
        const person = await createMember(handle.db, await createOrganisation(handle.db));
        await handle.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', person.id).execute();
        accounts.push(person.email);
      }
    } finally {
      await handle.close();
    }
  }, 120_000);
  afterAll(async () => {
    await Promise.all((servers ?? []).map((server) => server.stop()));
    await database?.drop();
    rmSync(outbox, { recursive: true, force: true });
  });

  it('keeps both processes up and every answer well-formed, and loses no acknowledged write', async () => {
    const outcomes: Outcome[] = [];
    const deadline = Date.now() + STORM_MS;
    let nextApplicant = 0;

    async function one(worker: number, turn: number): Promise<Outcome> {
      const server = servers[(worker + turn) % 2]!;
      const kind = (['page', 'sign-in', 'application'] as const)[turn % 3]!;
      try {
        if (kind === 'page') {
          const path = ['/', '/events', SIDE_EVENT, '/organisations', '/topics'][turn % 5]!;
          const response = await fetch(new URL(path, server.baseUrl), { redirect: 'manual' });
          await response.arrayBuffer();
          return { kind: 'page', status: response.status, retryAfter: response.headers.get('retry-after') };
        }
        if (kind === 'sign-in') {
          const email = accounts[turn % accounts.length]!;
          const answer = await postForm(server.baseUrl, '/signin', { email, password: PASSWORD });
          const session = answer.status === 303 ? answer.cookie?.split('=')[1] : undefined;
          return { kind: 'sign-in', status: answer.status, retryAfter: answer.headers.get('retry-after'), session };
        }
        const applicant = applicants[nextApplicant++ % applicants.length]!;
        const answer = await postForm(server.baseUrl, `${SIDE_EVENT}/apply`, { mode: 'online' }, applicant.cookie);
        const acknowledged = answer.status === 303 && answer.location?.startsWith('/account/registrations?applied=');
        return { kind: 'application', status: answer.status, retryAfter: answer.headers.get('retry-after'), userId: acknowledged ? applicant.id : undefined };
      } catch (error) {
        return { kind, status: 0, retryAfter: null, error: String((error as Error).cause ?? error) };
      }
    }

    const workers = Array.from({ length: WORKERS }, async (_, worker) => {
      for (let turn = worker; Date.now() < deadline; turn++) outcomes.push(await one(worker, turn));
    });

    // The fault, from a connection of its own to the same database.
    const killer = new pg.Client({ connectionString: database.url });
    await killer.connect();
    let terminated = 0;
    const killing = (async () => {
      while (Date.now() < deadline) {
        const { rows } = await killer.query<{ terminated: boolean }>(
          'select pg_terminate_backend(pid) as terminated from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
        );
        terminated += rows.filter((row) => row.terminated).length;
        await new Promise((resolve) => setTimeout(resolve, TERMINATE_EVERY_MS));
      }
    })();
    await Promise.all([...workers, killing]);
    await killer.end();

    // The fault happened, often, to connections in use.
    expect(terminated).toBeGreaterThan(10);
    expect(servers.map((server) => server.output()).join('')).toContain('PostgreSQL connection lost: terminating connection due to administrator command (57P01)');

    // No process exited, and both still serve.
    for (const server of servers) {
      expect(server.process.exitCode, server.output().slice(-2000)).toBeNull();
      expect((await fetch(new URL('/healthz', server.baseUrl))).status).toBe(200);
    }

    // Every request had an answer, and no answer was an error of ours.
    expect(outcomes.filter((outcome) => outcome.error)).toEqual([]);
    const wrong = outcomes.filter((outcome) => !((outcome.status >= 200 && outcome.status < 500) || outcome.status === 503));
    expect(wrong).toEqual([]);
    for (const outcome of outcomes) if (outcome.status === 503) expect(outcome.retryAfter).toMatch(/^\d+$/);
    const counts = (kind: Outcome['kind'], status: number) => outcomes.filter((outcome) => outcome.kind === kind && outcome.status === status).length;
    expect(counts('application', 303)).toBeGreaterThan(0);
    expect(counts('sign-in', 303)).toBeGreaterThan(0);
    expect(counts('page', 200)).toBeGreaterThan(0);

    // Everything acknowledged is stored.
    const handle = database.open();
    try {
      const applied = outcomes.flatMap((outcome) => (outcome.userId ? [outcome.userId] : []));
      const stored = new Set(
        (await handle.db.selectFrom('registrations').select('user_id').where('event_key', '=', EVENT_KEY).execute()).map((row) => row.user_id),
      );
      expect(applied.filter((id) => !stored.has(id))).toEqual([]);
      const sessions = outcomes.flatMap((outcome) => (outcome.session ? [hashToken(outcome.session)] : []));
      const storedSessions = new Set((await handle.db.selectFrom('sessions').select('id').execute()).map((row) => row.id));
      expect(sessions.filter((id) => !storedSessions.has(id))).toEqual([]);
    } finally {
      await handle.close();
    }
  }, 120_000);
});
