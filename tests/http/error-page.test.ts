// An unexpected failure answers with the plain error page: status 500, no
// stack trace, no file paths, and the server keeps serving.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/connection';
import { startServer, type RunningServer } from '../support/server';

describe('unexpected errors', () => {
  let folder: string;
  let server: RunningServer;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'whatson-error-'));
    server = await startServer({ DATABASE_URL: join(folder, 'db.sqlite'), OUTBOX_DIR: join(folder, 'outbox') });
  });
  afterAll(async () => {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('shows the error page without a stack trace when the database fails under a request', async () => {
    // Break the sessions table behind the server's back: every request with a session cookie now fails.
    const handle = openDatabase({ kind: 'sqlite', file: join(folder, 'db.sqlite') });
    await sql`alter table sessions rename to sessions_gone`.execute(handle.db);
    await handle.close();

    const response = await fetch(new URL('/', server.baseUrl), { headers: { Cookie: 'whatson_session=abcdefghijklmnopqrstuvwxyz234567' } });
    const body = await response.text();
    expect(response.status).toBe(500);
    expect(body).not.toMatch(/\bat [\w$.<>]+ \(|node_modules|\/src\/|SqliteError|no such table/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');

    // Without a session cookie the same server still answers.
    expect((await fetch(new URL('/', server.baseUrl))).status).toBe(200);
  });
});
