// Several instances behind a proxy share only the database: what one writes,
// the other reads, with nothing kept in process memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases';
import { postForm, signUpFields } from '../support/forms';
import { linkIn, mailTo } from '../support/outbox';
import { startServer, type RunningServer } from '../support/server';

describe.runIf(DIALECTS.includes('postgres'))('two instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let outbox: string;
  let first: RunningServer;
  let second: RunningServer;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    outbox = mkdtempSync(join(tmpdir(), 'whatson-outbox-'));
    const env = { DATABASE_URL: database.url, OUTBOX_DIR: outbox };
    [first, second] = await Promise.all([startServer(env), startServer(env)]);
  });
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await database?.drop();
    rmSync(outbox, { recursive: true, force: true });
  });

  it('runs on two ports, both migrated', () => {
    expect(first.baseUrl).not.toBe(second.baseUrl);
    expect(first.output() + second.output()).toContain('applied migration(s): 2026-11-29-01-initial');
  });

  it('signs up through one instance, confirms and signs in through the other', async () => {
    const signUp = await postForm(first.baseUrl, '/signup', signUpFields('two.instances@example.org'));
    expect(signUp.status).toBe(303);

    const message = await mailTo(outbox, 'two.instances@example.org', 'Confirm your email address for WhatsOn');
    const token = new URL(linkIn(message, '/verify-email?token=')).searchParams.get('token')!;
    expect((await postForm(second.baseUrl, '/verify-email', { token })).location).toBe('/signin?verified=1');

    const signIn = await postForm(second.baseUrl, '/signin', { email: 'two.instances@example.org', password: 'correct horse battery staple' });
    expect(signIn.status).toBe(303);
    expect(signIn.cookie).toMatch(/^whatson_session=/);

    // The session created by the second instance is honoured by the first.
    const account = await fetch(new URL('/account', first.baseUrl), { headers: { Cookie: signIn.cookie! } });
    const html = await account.text();
    expect(account.status).toBe(200);
    expect(html).toContain('Survivor Voices Alliance');
    expect(html).toContain('data-accreditation="pending"');
  });

  it('shares rate limits: failed logins through either instance count together', async () => {
    const email = 'two.instances@example.org';
    const address = '10.241.0.1';
    for (let attempt = 0; attempt < 5; attempt++) {
      const server = attempt % 2 === 0 ? first : second;
      expect((await postForm(server.baseUrl, '/signin', { email, password: `wrong password ${attempt}` }, undefined, address)).status).toBe(422);
    }
    const sixth = await postForm(first.baseUrl, '/signin', { email, password: 'correct horse battery staple' }, undefined, address);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
