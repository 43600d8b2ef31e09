// Operating the portal: a health check for load balancers, and one log line
// per request that never carries secrets.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm } from '../support/forms';
import { startServer, type RunningServer } from '../support/server';

describe('operations', () => {
  let folder: string;
  let server: RunningServer;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'whatson-ops-'));
    server = await startServer({ DATABASE_URL: join(folder, 'db.sqlite'), OUTBOX_DIR: join(folder, 'outbox') });
  });
  afterAll(async () => {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers /healthz with the database reachable and migrations current', async () => {
    const response = await fetch(new URL('/healthz', server.baseUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ ok: true, database: 'reachable', pendingMigrations: [] });
  });

  it('logs one JSON line per request, without passwords, tokens or session ids', async () => {
    await postForm(server.baseUrl, '/signin', { email: 'someone@example.org', password: 'secret password value' }, 'whatson_session=abcdefghijklmnopqrstuvwxyz234567');
    await fetch(new URL('/calendar/abcdefghijklmnopqrstuvwxyz234567.ics', server.baseUrl));
    await fetch(new URL('/reset-password?token=bcdefghijklmnopqrstuvwxyz2345678', server.baseUrl));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const signin = lines.find((line) => line.path === '/signin' && line.method === 'POST');
    expect(signin).toMatchObject({ status: 422, requestId: expect.any(String), durationMs: expect.any(Number) });
    expect(lines.map((line) => line.path)).toContain('/calendar/<token>.ics');
    expect(lines.map((line) => line.path)).toContain('/reset-password');
    const output = server.output();
    expect(output).not.toContain('secret password value');
    expect(output).not.toContain('abcdefghijklmnopqrstuvwxyz234567');
    expect(output).not.toContain('bcdefghijklmnopqrstuvwxyz2345678');
  });
});
