// SIGTERM during a burst of applications: the server stops accepting, lets
// what it started finish, and everything it acknowledged is in the database.
// And the way a process manager stops it: a signal to the `npm start`
// process, which must reach the server (npm runs scripts through `sh -c`).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/connection';
import { createSession } from '../../src/server/auth/sessions';
import { postForm } from '../support/forms';
import { createMember, createOrganisation } from '../support/members';
import { freePort, startServer } from '../support/server';

const folder = mkdtempSync(join(tmpdir(), 'whatson-shutdown-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('graceful shutdown', () => {
  it('keeps every acknowledged application when stopped with SIGTERM mid-burst', async () => {
    const file = join(folder, 'db.sqlite');
    const server = await startServer({ DATABASE_URL: file, OUTBOX_DIR: join(folder, 'outbox') });
    const handle = openDatabase({ kind: 'sqlite', file });
    const people = [];
    for (let index = 0; index < 150; index++) {
      const person = await createMember(handle.db, await createOrganisation(handle.db));
      people.push({ person, cookie: `whatson_session=${(await createSession(handle.db, person.id)).token}` });
    }
    await handle.close();

    const exited = new Promise<number | null>((resolve) => server.process.once('exit', resolve));
    const answers = people.map(({ person, cookie }) =>
      postForm(server.baseUrl, '/side-events/2027-05-ccpcj-ammunition-diversion/apply', { mode: 'online' }, cookie)
        .then((response) => ({ id: person.id, status: response.status }))
        .catch(() => ({ id: person.id, status: 0 })),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    server.process.kill('SIGTERM');
    const results = await Promise.all(answers);
    expect(await exited).toBe(0);

    const acknowledged = results.filter((result) => result.status === 303).map((result) => result.id);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(results.every((result) => result.status === 303 || result.status === 0)).toBe(true);
    const after = openDatabase({ kind: 'sqlite', file });
    try {
      const stored = new Set((await after.db.selectFrom('registrations').select('user_id').execute()).map((row) => row.user_id));
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      await after.close();
    }
    expect(server.output()).toContain('SIGTERM: finishing requests in flight');
  }, 60_000);
});

/** `npm start`, as a process manager runs it; resolves once it serves. */
async function npmStart(env: Record<string, string>) {
  const npm = spawn('npm', ['start'], {
    env: { ...process.env, HOST: '127.0.0.1', npm_config_update_notifier: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  npm.stdout!.on('data', (chunk) => (output += chunk));
  npm.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  while (!output.includes('[whatson] serving on')) {
    if (npm.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not serve:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { npm, exited, output: () => output };
}

/** A GET on a keep-alive connection that stays open (idle) afterwards; reports how that connection ends. */
function idleConnection(port: number, agent: Agent): Promise<{ ended: Promise<{ error?: Error }> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/signin', agent }, (res: IncomingMessage) => {
      res.resume();
      res.on('end', () => {
        const socket = req.socket as Socket;
        const ended = new Promise<{ error?: Error }>((done) => {
          let error: Error | undefined;
          socket.on('error', (failure) => (error = failure));
          socket.on('close', () => done({ error }));
        });
        resolve({ ended });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe.each(['SIGTERM', 'SIGINT'] as const)('stopping `npm start` with %s', (signal) => {
  it('finishes the request in flight, closes idle keep-alive connections, frees the port and exits 0', async () => {
    const port = await freePort();
    const { npm, exited, output } = await npmStart({ PORT: String(port), DATABASE_URL: join(folder, `${signal}.sqlite`), OUTBOX_DIR: join(folder, 'outbox') });
    const agent = new Agent({ keepAlive: true });
    const idle = await idleConnection(port, agent);

    // A sign-in whose body is still arriving when the signal comes.
    const body = new URLSearchParams({ email: 'nobody@example.org', password: 'not the password at all' }).toString();
    const answer = new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/signin',
          agent: false,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body), Origin: `http://127.0.0.1:${port}` },
        },
        resolve,
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        npm.kill(signal);
        setTimeout(() => req.end(body.slice(10)), 300);
      }, 300);
    });

    const response = await answer;
    let html = '';
    for await (const chunk of response) html += chunk;
    expect(response.statusCode).toBe(422);
    expect(response.headers.connection).toBe('close');
    expect(html).toContain('</html>');

    // The idle connection was closed by the server, not reset.
    expect(await idle.ended).toEqual({ error: undefined });
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    expect(output()).toContain(`[whatson] ${signal}: finishing requests in flight, then stopping`);
    agent.destroy();
  }, 60_000);
});
