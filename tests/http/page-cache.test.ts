// Anonymous GETs of public pages and feeds are answered from memory; what
// changes through the portal shows at once on the same instance and within a
// second on another one sharing the database.
import { Agent, request as httpRequest } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../support/databases';
import { postForm } from '../support/forms';
import { createOrganisation, signedInMember } from '../support/members';
import { usePortal } from '../support/portal';

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
  const portal = usePortal(dialect, { instances: 2 });
  const base = (index: number) => portal.servers[index]!.baseUrl;

  it('answers the second anonymous request from memory with the same bytes and ETag, and 304 to a client that has them', async () => {
    const miss = await get(base(0), '/events?topic=firearms');
    const hit = await get(base(0), '/events?topic=firearms');
    expect(miss.status).toBe(200);
    expect([miss.headers.get('x-cache'), hit.headers.get('x-cache')]).toEqual(['MISS', 'HIT']);
    expect(hit.body).toBe(miss.body);
    expect(hit.headers.get('etag')).toBe(miss.headers.get('etag'));
    expect(hit.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(hit.headers.get('x-request-id')).not.toBe(miss.headers.get('x-request-id'));
    expect(hit.headers.get('x-whatson-cache-until')).toBeNull();

    const conditional = await get(base(0), '/events?topic=firearms', { 'If-None-Match': miss.headers.get('etag')! });
    expect(conditional.status).toBe(304);
    expect(conditional.body).toBe('');
    const head = await fetch(new URL('/events?topic=firearms', base(0)), { method: 'HEAD', headers: { 'Accept-Encoding': 'identity' } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(miss.body)));
  });

  it('gives each answer from memory its own request id and log line, and closes the connection after a GET that carries a body', async () => {
    await get(base(0), '/topics');
    const [one, two] = await Promise.all([get(base(0), '/topics'), get(base(0), '/topics', { 'If-None-Match': '"nothing we sent"' })]);
    expect([one.headers.get('x-cache'), two.headers.get('x-cache')]).toEqual(['HIT', 'HIT']);
    const ids = [one.headers.get('x-request-id'), two.headers.get('x-request-id')];
    expect(ids[0]).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(ids[1]).not.toBe(ids[0]);
    await vi.waitFor(() => {
      for (const id of ids) expect(portal.servers[0]!.output()).toMatch(new RegExp(`"requestId":"${id}".*"path":"/topics","status":200`));
    });
    // Nothing reads the body of a GET: the connection is not kept for a next request.
    const withBody = await new Promise<{ status: number; cache: unknown; connection: unknown }>((resolve, reject) => {
      const req = httpRequest(new URL('/topics', base(0)), { method: 'GET', headers: { 'Content-Type': 'text/plain', 'Content-Length': '5' } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, cache: res.headers['x-cache'], connection: res.headers.connection }));
      });
      req.on('error', reject);
      req.end('hello');
    });
    expect(withBody).toEqual({ status: 200, cache: 'HIT', connection: 'close' });
  });

  it('leaves nothing of a rendered answer on a kept-alive connection, however many it carries', async () => {
    // One connection, as a crawler or a proxy keeps one: pages rendered and kept, rendered for one visitor, and not found.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const { cookie } = await signedInMember(portal.handle.db, await createOrganisation(portal.handle.db));
    const sockets = new Set<unknown>();
    const paths = [
      ...Array.from({ length: 12 }, (_, index) => [`/events?page-on-one-connection=${index}`, {}] as const),
      ...Array.from({ length: 12 }, () => ['/account', { cookie }] as const),
      ...Array.from({ length: 12 }, (_, index) => [`/no-such-page-${index}`, {}] as const),
    ];
    try {
      for (const [path, headers] of paths) {
        const status = await new Promise<number>((resolve, reject) => {
          const request = httpRequest(new URL(path, base(0)), { agent, headers }, (response) => {
            sockets.add(request.socket);
            response.resume().on('end', () => resolve(response.statusCode ?? 0));
          });
          request.on('error', reject).end();
        });
        expect([200, 404]).toContain(status);
      }
    } finally {
      agent.destroy();
    }
    expect(sockets.size).toBe(1);
    // Each rendered answer's abort signal listened for the connection's end; the listener goes with the answer.
    expect(portal.servers[0]!.output()).not.toContain('MaxListenersExceededWarning');
  });

  it('answers calendar polls 304 from memory', async () => {
    const feed = await get(base(0), '/calendar.ics');
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const poll = await get(base(0), '/calendar.ics', { 'If-None-Match': feed.headers.get('etag')! });
    expect(poll.status).toBe(304);
    expect(poll.headers.get('x-cache')).toBe('HIT');
    const since = await get(base(0), '/calendar.ics', { 'If-Modified-Since': feed.headers.get('last-modified')! });
    expect(since.status).toBe(304);
  });

  it('never gives a request carrying a session a page from memory, nor keeps one rendered for it', async () => {
    const organisationId = await createOrganisation(portal.handle.db);
    const amina = await signedInMember(portal.handle.db, organisationId);
    const omar = await signedInMember(portal.handle.db, organisationId);
    expect((await postForm(base(0), `${SIDE_EVENT}/apply`, { mode: 'online' }, amina.cookie)).status).toBe(303);
    await get(base(0), SIDE_EVENT);

    const forAmina = await get(base(0), SIDE_EVENT, { Cookie: amina.cookie });
    expect(forAmina.headers.get('x-cache')).toBeNull();
    expect(forAmina.headers.get('cache-control')).toBe('private, no-store');
    expect(forAmina.body).toContain('Your registration');

    const forOmar = await get(base(0), SIDE_EVENT, { Cookie: omar.cookie });
    expect(forOmar.headers.get('x-cache')).toBeNull();
    expect(forOmar.body).not.toContain('Your registration');
    expect(forOmar.body).toContain(`href="${SIDE_EVENT}/apply"`);

    const anonymous = await get(base(0), SIDE_EVENT);
    expect(anonymous.headers.get('x-cache')).toBe('HIT');
    expect(anonymous.body).not.toContain('Your registration');
    expect(anonymous.body).toContain('Sign in to apply');

    // A stale or forged session cookie is not "anonymous" either: Astro answers it, and clears the cookie.
    const forged = await get(base(0), SIDE_EVENT, { Cookie: 'whatson_session=forged' });
    expect(forged.headers.get('x-cache')).toBeNull();
    expect(forged.headers.get('set-cookie')).toMatch(/^whatson_session=deleted;.*Expires=Thu, 01 Jan 1970/);
  });

  it('never keeps personal, form or secret-address pages', async () => {
    for (const path of ['/signin', '/signup', '/account', '/admin', '/calendar/not-a-real-token.ics', '/healthz', '/no-such-page']) {
      await get(base(0), path);
      expect((await get(base(0), path)).headers.get('x-cache'), path).toBeNull();
    }
  });

  it('shows a confirmed place at once on the instance that took it, and within a second on the other', async () => {
    const before = await get(base(0), SIDE_EVENT);
    await get(base(1), SIDE_EVENT);
    expect((await get(base(1), SIDE_EVENT)).headers.get('x-cache')).toBe('HIT');
    const left = placesLeftIn(before.body);

    const { cookie } = await signedInMember(portal.handle.db, await createOrganisation(portal.handle.db));
    expect((await postForm(base(0), `${SIDE_EVENT}/apply`, { mode: 'in-person' }, cookie)).status).toBe(303);
    const appliedAt = Date.now();

    const here = await get(base(0), SIDE_EVENT);
    expect(here.headers.get('x-cache')).toBe('MISS');
    expect(placesLeftIn(here.body)).toBe(left - 1);

    let there = placesLeftIn((await get(base(1), SIDE_EVENT)).body);
    while (there !== left - 1 && Date.now() - appliedAt < 1_500) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      there = placesLeftIn((await get(base(1), SIDE_EVENT)).body);
    }
    expect(there).toBe(left - 1);
    expect(Date.now() - appliedAt).toBeLessThan(1_000);
  });

  it('shows published input on the topic page and in the archive as soon as the secretariat publishes it', async () => {
    const title = `Tracing report ${Date.now()}`;
    const author = await signedInMember(portal.handle.db, await createOrganisation(portal.handle.db));
    const form = new FormData();
    for (const [key, value] of Object.entries({ title, topics: 'firearms', body: 'What we found.', consent: 'on', intent: 'submit' })) form.append(key, value);
    const saved = await fetch(new URL('/submissions/new', base(0)), { method: 'POST', redirect: 'manual', headers: { Origin: base(0), Cookie: author.cookie }, body: form });
    expect(saved.status).toBe(303);
    const id = /\/submissions\/([a-z2-7]{32})/.exec(saved.headers.get('location')!)![1]!;

    for (const server of portal.servers) {
      for (const path of ['/topics/firearms', '/submissions']) {
        await get(server.baseUrl, path);
        const cached = await get(server.baseUrl, path);
        expect(cached.headers.get('x-cache')).toBe('HIT');
        expect(cached.body).not.toContain(title);
      }
    }
    const secretariat = await signedInMember(portal.handle.db, null, 'secretariat');
    expect((await postForm(base(0), '/admin/submissions', { id, decision: 'publish' }, secretariat.cookie)).status).toBe(303);

    expect((await get(base(0), '/topics/firearms')).body).toContain(title);
    expect((await get(base(0), '/submissions')).body).toContain(title);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await get(base(1), '/topics/firearms')).body).toContain(title);
    expect((await get(base(1), '/submissions')).body).toContain(title);
  });

  it('lists a newly accredited organisation in the directory on both instances', async () => {
    const name = `Firearms Tracing Network ${Date.now()}`;
    const organisationId = await createOrganisation(portal.handle.db, { accreditation: 'pending', name });
    for (const server of portal.servers) {
      await get(server.baseUrl, '/organisations');
      expect((await get(server.baseUrl, '/organisations')).body).not.toContain(name);
    }
    const secretariat = await signedInMember(portal.handle.db, null, 'secretariat');
    expect((await postForm(base(1), '/admin', { organisationId, decision: 'accredit', reason: '' }, secretariat.cookie)).status).toBe(303);
    expect((await get(base(1), '/organisations')).body).toContain(name);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await get(base(0), '/organisations')).body).toContain(name);
  });
});
