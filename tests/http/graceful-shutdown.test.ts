// SIGTERM during a burst of applications: the server stops accepting, lets
// what it started finish, and everything it acknowledged is in the database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/connection';
import { createSession } from '../../src/server/auth/sessions';
import { postForm } from '../support/forms';
import { createMember, createOrganisation } from '../support/members';
import { startServer } from '../support/server';

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
