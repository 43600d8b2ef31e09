import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/server/auth/tokens';
import { runWhatson } from '../support/cli';
import { createMember, createOrganisation } from '../support/members';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases';

describe('admin CLI help', () => {
  it('lists its commands with --help', () => {
    const { status, stdout } = runWhatson(['--help'], {});
    expect(status).toBe(0);
    for (const command of ['migrate', 'create-secretariat --email <e> --name <n>', 'backup <file>', 'doctor']) expect(stdout).toContain(command);
  });

  it('refuses an unknown command and shows the help', () => {
    const { status, stderr } = runWhatson(['frobnicate'], {});
    expect(status).toBe(1);
    expect(stderr).toContain('Unknown command "frobnicate"');
    expect(stderr).toContain('create-secretariat');
  });

  it('refuses an invalid configuration, naming the variable', () => {
    const { status, stderr } = runWhatson(['migrate'], { DATABASE_URL: 'mysql://localhost/whatson' });
    expect(status).toBe(1);
    expect(stderr).toContain('DATABASE_URL must be postgres://');
  });
});

describe.each(DIALECTS)('admin CLI on %s', (dialect) => {
  let database: TestDatabase;
  let env: Record<string, string>;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    env = { DATABASE_URL: database.url, PUBLIC_ORIGIN: 'https://whatson.example.org' };
  });
  afterEach(() => database.drop());

  it('migrates, then says the schema is current', () => {
    expect(runWhatson(['migrate'], env).stdout).toMatch(/Applied \d+ migration\(s\): 2026-11-29-01-initial, /);
    expect(runWhatson(['migrate'], env).stdout).toContain('The database schema is current.');
  });

  it('doctor reports pending migrations, then all clear', () => {
    const before = runWhatson(['doctor'], env);
    expect(before.status).toBe(1);
    expect(before.stdout).toMatch(/FAIL migrations: \d+ pending .*npm run whatson -- migrate/);
    runWhatson(['migrate'], env);
    const after = runWhatson(['doctor'], env);
    expect(after.stdout).toMatch(/ok {3}database: .* is reachable/);
    expect(after.stdout).toContain('ok   migrations: the schema is current');
    expect(after.stdout).toMatch(/^ok {3}runtime: Node 24\.\d+\.\d+$/m);
    expect(after.status).toBe(0);
  });

  it('creates a secretariat account with a one-time link whose token is stored only as a hash', async () => {
    const { status, stdout } = runWhatson(['create-secretariat', '--email', 'Focal.Point@UN.org', '--name', 'Ana Ruiz'], env);
    expect(status).toBe(0);
    expect(stdout).toContain('Created secretariat account focal.point@un.org.');
    const token = /https:\/\/whatson\.example\.org\/reset-password\?token=([a-z0-9]+)/.exec(stdout)?.[1];
    expect(token).toHaveLength(32);

    const handle = database.open();
    try {
      const user = await handle.db.selectFrom('users').selectAll().where('email', '=', 'focal.point@un.org').executeTakeFirstOrThrow();
      expect(user).toMatchObject({ role: 'secretariat', name: 'Ana Ruiz', password_hash: null });
      const stored = await handle.db.selectFrom('one_time_tokens').selectAll().where('user_id', '=', user.id).execute();
      expect(stored).toHaveLength(1);
      expect(stored[0]!.id).toBe(hashToken(token!));
      expect(JSON.stringify(stored)).not.toContain(token);
      expect(Date.parse(stored[0]!.expires_at) - Date.now()).toBeLessThanOrEqual(60 * 60 * 1000);
      const audit = await handle.db.selectFrom('audit_log').selectAll().execute();
      expect(audit).toMatchObject([{ action: 'secretariat-account.created', subject_id: user.id }]);
    } finally {
      await handle.close();
    }
  });

  it('renews the link of an existing secretariat account, invalidating the old one', async () => {
    runWhatson(['create-secretariat', '--email', 'sec@un.org', '--name', 'Sec'], env);
    const again = runWhatson(['create-secretariat', '--email', 'sec@un.org', '--name', 'Sec'], env);
    expect(again.stdout).toContain('Renewed the link for secretariat account sec@un.org.');
    const handle = database.open();
    try {
      expect(await handle.db.selectFrom('one_time_tokens').selectAll().execute()).toHaveLength(1);
      expect(await handle.db.selectFrom('users').selectAll().execute()).toHaveLength(1);
    } finally {
      await handle.close();
    }
  });

  it('rejects a bad email or an empty name, saying which option is wrong', () => {
    const { status, stderr } = runWhatson(['create-secretariat', '--email', 'not-an-email', '--name', ''], env);
    expect(status).toBe(1);
    expect(stderr).toContain('--email must be an email address');
    expect(stderr).toContain('--name must not be empty');
  });
});

describe.each(DIALECTS)('exporting registrations from the CLI on %s', (dialect) => {
  it('writes the CSV of an event named by its slug', async () => {
    const database = await createTestDatabase(dialect);
    try {
      const env = { DATABASE_URL: database.url };
      runWhatson(['migrate'], env);
      const handle = database.open();
      const organisationId = await createOrganisation(handle.db, { name: '@risky name' });
      const person = await createMember(handle.db, organisationId);
      const stamp = new Date().toISOString();
      await handle.db
        .insertInto('registrations')
        .values({ id: 'r1', event_key: 'side-events/2027-05-ccpcj-ammunition-diversion', user_id: person.id, organisation_id: organisationId, mode: 'online', state: 'approved', queue_number: 1, statement: null, travel_support: 0, wants_to_speak: 1, accessibility_needs: null, decision_reason: null, decided_by: null, decided_at: stamp, created_at: stamp, updated_at: stamp })
        .execute();
      await handle.close();
      const { status, stdout } = runWhatson(['export', 'registrations', '--event', '2027-05-ccpcj-ammunition-diversion'], env);
      expect(status).toBe(0);
      const [header, row] = stdout.trim().split('\r\n');
      expect(header).toContain('organisation,organisation type');
      expect(row).toContain(person.email);
      expect(row).toContain(`"'@risky name"`);
      const unknown = runWhatson(['export', 'registrations', '--event', 'no-such-event'], env);
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain('No registrations for an event "no-such-event"');
    } finally {
      await database.drop();
    }
  });
});
