// kill -9 in the middle of a burst of applications: after a restart, every
// application that was committed has its email delivered, and none twice.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/connection';
import { createSession } from '../../src/server/auth/sessions';
import { CLAIM_MS } from '../../src/server/mail/outgoing-mail';
import { postForm } from '../support/forms';
import { createMember, createOrganisation } from '../support/members';
import { readOutbox } from '../support/outbox';
import { startServer } from '../support/server';

const folder = mkdtempSync(join(tmpdir(), 'whatson-crash-mail-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('email after a crash', () => {
  it('delivers the email of every committed application after kill -9 and a restart, once each', async () => {
    const file = join(folder, 'db.sqlite');
    const outbox = join(folder, 'outbox');
    const env = { DATABASE_URL: file, OUTBOX_DIR: outbox };
    const first = await startServer(env);
    const handle = openDatabase({ kind: 'sqlite', file });
    const people = [];
    for (let index = 0; index < 120; index++) {
      const person = await createMember(handle.db, await createOrganisation(handle.db));
      people.push({ person, cookie: `whatson_session=${(await createSession(handle.db, person.id)).token}` });
    }

    const exited = new Promise((resolve) => first.process.once('exit', resolve));
    const answers = people.map(({ cookie }) =>
      postForm(first.baseUrl, '/side-events/2027-05-ccpcj-ammunition-diversion/apply', { mode: 'online' }, cookie).then(
        (response) => response.status,
        () => 0,
      ),
    );
    // Killed in the middle: once some applications are committed, while others are still arriving.
    const killAfter = Date.now() + 60_000;
    while (Date.now() < killAfter) {
      const row = await handle.db.selectFrom('registrations').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
      if (Number(row.count) >= 20) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    first.process.kill('SIGKILL');
    await exited;
    const statuses = await Promise.all(answers);
    expect(statuses.filter((status) => status === 303).length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status === 0).length).toBeGreaterThan(0);

    const second = await startServer(env);
    try {
      const registered = await handle.db.selectFrom('registrations').innerJoin('users', 'users.id', 'registrations.user_id').select('users.email').execute();
      expect(registered.length).toBeGreaterThan(0);
      // Messages the killed process had claimed wait for their claim to expire; then the new instance sends them.
      const deadline = Date.now() + CLAIM_MS + 30_000;
      let waiting = Infinity;
      while (Date.now() < deadline) {
        const row = await handle.db.selectFrom('outgoing_mail').select((eb) => eb.fn.countAll<number>().as('count')).where('state', '!=', 'sent').executeTakeFirstOrThrow();
        waiting = Number(row.count);
        if (waiting === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(waiting).toBe(0);

      const queued = await handle.db.selectFrom('outgoing_mail').select(['id', 'recipient']).execute();
      const delivered = readOutbox(outbox);
      for (const { email } of registered) {
        expect(queued.filter((message) => message.recipient === email)).toHaveLength(1);
        expect(delivered.filter((message) => message.to === email)).toHaveLength(1);
      }
      // No email for an application that was never committed, and no half-written message.
      expect(delivered).toHaveLength(registered.length);
      for (const name of readdirSync(outbox).filter((entry) => entry.endsWith('.eml'))) expect(statSync(join(outbox, name)).size).toBeGreaterThan(0);
    } finally {
      await second.stop();
      await handle.close();
    }
  }, 120_000);
});
