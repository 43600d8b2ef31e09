// Anonymous GETs of public pages and feeds are answered from memory; what
// changes through the portal shows at once on the same instance and within a
// second on another one sharing the database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { createSession } from '../../src/server/auth/sessions';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases';
import { postForm } from '../support/forms';
import { createMember, createOrganisation } from '../support/members';
import { startServer, type RunningServer } from '../support/server';

// Demo content: open registration, 50 places in person, the window open until May 2027.
const SIDE_EVENT = '/side-events/2027-05-ccpcj-ammunition-diversion';

async function get(baseUrl: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path, baseUrl), { headers, redirect: 'manual' });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

function placesLeftIn(html: string): number {
  const match = /Places in person<\/dt><dd>50 \((\d+) left\)/.exec(html);
  if (!match) throw new Error('the event page does not say how many places are left');
  return Number(match[1]);
}

describe.each(DIALECTS)('public pages from memory on %s, two instances sharing the database', (dialect) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let outbox: string;
  let first: RunningServer;
  let second: RunningServer;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    outbox = mkdtempSync(join(tmpdir(), 'whatson-outbox-'));
    const env = { DATABASE_URL: database.url, OUTBOX_DIR: outbox };
    // One at a time: both would otherwise run the first migration together on a new SQLite file.
    first = await startServer(env);
    second = await startServer(env);
    handle = database.open();
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
    await Promise.all([first?.stop(), second?.stop()]);
    await database?.drop();
    rmSync(outbox, { recursive: true, force: true });
  });

  async function signedIn(organisationId: string | null, role: 'representative' | 'focal-point' | 'secretariat' = 'representative') {
    const person = await createMember(handle.db, organisationId, role);
    return { person, cookie: `whatson_session=${(await createSession(handle.db, person.id)).token}` };
  }

  it('answers the second anonymous request from memory with the same bytes and ETag, and 304 to a client that has them', async () => {
    const miss = await get(first.baseUrl, '/events?topic=firearms');
    const hit = await get(first.baseUrl, '/events?topic=firearms');
    expect(miss.status).toBe(200);
    expect([miss.headers.get('x-cache'), hit.headers.get('x-cache')]).toEqual(['MISS', 'HIT']);
    expect(hit.body).toBe(miss.body);
    expect(hit.headers.get('etag')).toBe(miss.headers.get('etag'));
    expect(hit.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(hit.headers.get('x-request-id')).not.toBe(miss.headers.get('x-request-id'));
    expect(hit.headers.get('x-whatson-cache-until')).toBeNull();

    const conditional = await get(first.baseUrl, '/events?topic=firearms', { 'If-None-Match': miss.headers.get('etag')! });
    expect(conditional.status).toBe(304);
    expect(conditional.body).toBe('');
    const head = await fetch(new URL('/events?topic=firearms', first.baseUrl), { method: 'HEAD', headers: { 'Accept-Encoding': 'identity' } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(miss.body)));
  });

  it('gives each answer from memory its own request id and log line, and closes the connection after a GET that carries a body', async () => {
    await get(first.baseUrl, '/topics');
    const [one, two] = await Promise.all([get(first.baseUrl, '/topics'), get(first.baseUrl, '/topics', { 'If-None-Match': '"nothing we sent"' })]);
    expect([one.headers.get('x-cache'), two.headers.get('x-cache')]).toEqual(['HIT', 'HIT']);
    const ids = [one.headers.get('x-request-id'), two.headers.get('x-request-id')];
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).not.toBe(ids[0]);
    await vi.waitFor(() => {
      for (const id of ids) expect(first.output()).toMatch(new RegExp(`"requestId":"${id}".*"path":"/topics","status":200`));
    });
    // Nothing reads the body of a GET: the connection is not kept for a next request.
    const withBody = await new Promise<{ status: number; cache: unknown; connection: unknown }>((resolve, reject) => {
      const req = httpRequest(new URL('/topics', first.baseUrl), { method: 'GET', headers: { 'Content-Type': 'text/plain', 'Content-Length': '5' } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, cache: res.headers['x-cache'], connection: res.headers.connection }));
      });
      req.on('error', reject);
      req.end('hello');
    });
    expect(withBody).toEqual({ status: 200, cache: 'HIT', connection: 'close' });
  });

  it('answers calendar polls 304 from memory', async () => {
    const feed = await get(first.baseUrl, '/calendar.ics');
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const poll = await get(first.baseUrl, '/calendar.ics', { 'If-None-Match': feed.headers.get('etag')! });
    expect(poll.status).toBe(304);
    expect(poll.headers.get('x-cache')).toBe('HIT');
    const since = await get(first.baseUrl, '/calendar.ics', { 'If-Modified-Since': feed.headers.get('last-modified')! });
    expect(since.status).toBe(304);
  });

  it('never gives a request carrying a session a page from memory, nor keeps one rendered for it', async () => {
    const organisationId = await createOrganisation(handle.db);
    const amina = await signedIn(organisationId);
    const omar = await signedIn(organisationId);
    expect((await postForm(first.baseUrl, `${SIDE_EVENT}/apply`, { mode: 'online' }, amina.cookie)).status).toBe(303);
    await get(first.baseUrl, SIDE_EVENT);

    const forAmina = await get(first.baseUrl, SIDE_EVENT, { Cookie: amina.cookie });
    expect(forAmina.headers.get('x-cache')).toBeNull();
    expect(forAmina.headers.get('cache-control')).toBe('private, no-store');
    expect(forAmina.body).toContain('Your registration');

    const forOmar = await get(first.baseUrl, SIDE_EVENT, { Cookie: omar.cookie });
    expect(forOmar.headers.get('x-cache')).toBeNull();
    expect(forOmar.body).not.toContain('Your registration');
    expect(forOmar.body).toContain(`href="${SIDE_EVENT}/apply"`);

    const anonymous = await get(first.baseUrl, SIDE_EVENT);
    expect(anonymous.headers.get('x-cache')).toBe('HIT');
    expect(anonymous.body).not.toContain('Your registration');
    expect(anonymous.body).toContain('Sign in to apply');

    // A stale or forged session cookie is not "anonymous" either: Astro answers it, and clears the cookie.
    const forged = await get(first.baseUrl, SIDE_EVENT, { Cookie: 'whatson_session=forged' });
    expect(forged.headers.get('x-cache')).toBeNull();
    expect(forged.headers.get('set-cookie')).toMatch(/^whatson_session=deleted;.*Expires=Thu, 01 Jan 1970/);
  });

  it('never keeps personal, form or secret-address pages', async () => {
    for (const path of ['/signin', '/signup', '/account', '/admin', '/calendar/not-a-real-token.ics', '/healthz', '/no-such-page']) {
      await get(first.baseUrl, path);
      expect((await get(first.baseUrl, path)).headers.get('x-cache'), path).toBeNull();
    }
  });

  it('shows a confirmed place at once on the instance that took it, and within a second on the other', async () => {
    const before = await get(first.baseUrl, SIDE_EVENT);
    await get(second.baseUrl, SIDE_EVENT);
    expect((await get(second.baseUrl, SIDE_EVENT)).headers.get('x-cache')).toBe('HIT');
    const left = placesLeftIn(before.body);

    const { cookie } = await signedIn(await createOrganisation(handle.db));
    expect((await postForm(first.baseUrl, `${SIDE_EVENT}/apply`, { mode: 'in-person' }, cookie)).status).toBe(303);
    const appliedAt = Date.now();

    const here = await get(first.baseUrl, SIDE_EVENT);
    expect(here.headers.get('x-cache')).toBe('MISS');
    expect(placesLeftIn(here.body)).toBe(left - 1);

    let there = placesLeftIn((await get(second.baseUrl, SIDE_EVENT)).body);
    while (there !== left - 1 && Date.now() - appliedAt < 1_500) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      there = placesLeftIn((await get(second.baseUrl, SIDE_EVENT)).body);
    }
    expect(there).toBe(left - 1);
    expect(Date.now() - appliedAt).toBeLessThan(1_000);
  });

  it('shows published input on the topic page and in the archive as soon as the secretariat publishes it', async () => {
    const title = `Tracing report ${Date.now()}`;
    const author = await signedIn(await createOrganisation(handle.db));
    const form = new FormData();
    for (const [key, value] of Object.entries({ title, topics: 'firearms', body: 'What we found.', consent: 'on', intent: 'submit' })) form.append(key, value);
    const saved = await fetch(new URL('/submissions/new', first.baseUrl), { method: 'POST', redirect: 'manual', headers: { Origin: first.baseUrl, Cookie: author.cookie }, body: form });
    expect(saved.status).toBe(303);
    const id = /\/submissions\/([a-z2-7]{32})/.exec(saved.headers.get('location')!)![1]!;

    for (const server of [first, second]) {
      for (const path of ['/topics/firearms', '/submissions']) {
        await get(server.baseUrl, path);
        const cached = await get(server.baseUrl, path);
        expect(cached.headers.get('x-cache')).toBe('HIT');
        expect(cached.body).not.toContain(title);
      }
    }
    const secretariat = await signedIn(null, 'secretariat');
    expect((await postForm(first.baseUrl, '/admin/submissions', { id, decision: 'publish' }, secretariat.cookie)).status).toBe(303);

    expect((await get(first.baseUrl, '/topics/firearms')).body).toContain(title);
    expect((await get(first.baseUrl, '/submissions')).body).toContain(title);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await get(second.baseUrl, '/topics/firearms')).body).toContain(title);
    expect((await get(second.baseUrl, '/submissions')).body).toContain(title);
  });

  it('lists a newly accredited organisation in the directory on both instances', async () => {
    const name = `Firearms Tracing Network ${Date.now()}`;
    const organisationId = await createOrganisation(handle.db, { accreditation: 'pending', name });
    for (const server of [first, second]) {
      await get(server.baseUrl, '/organisations');
      expect((await get(server.baseUrl, '/organisations')).body).not.toContain(name);
    }
    const secretariat = await signedIn(null, 'secretariat');
    expect((await postForm(second.baseUrl, '/admin', { organisationId, decision: 'accredit', reason: '' }, secretariat.cookie)).status).toBe(303);
    expect((await get(second.baseUrl, '/organisations')).body).toContain(name);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await get(first.baseUrl, '/organisations')).body).toContain(name);
  });
});
