// `npm run whatson -- erase-expired-data`, the pass cron runs: it reads the
// events from the content folder the build reads and erases what is due.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWhatson } from '../support/cli';
import { createTestDatabase, DIALECTS } from '../support/databases';
import { createMember, createOrganisation } from '../support/members';

function eventFile(title: string, day: string): string {
  return ['---', `title: ${title}`, 'summary: A test event.', `start: "${day}T10:00"`, `end: "${day}T12:00"`, 'timezone: Europe/Vienna', 'format: online', 'topics: [firearms]', 'organisers: [UNODC]', 'kind: webinar', '---', 'Body.', ''].join('\n');
}

describe.each(DIALECTS)('erasing expired data from the CLI on %s', (dialect) => {
  it('health-adjacent requests are erased after the retention period by the cron command, with a report', async () => {
    const database = await createTestDatabase(dialect);
    const content = mkdtempSync(join(tmpdir(), 'whatson-content-'));
    try {
      mkdirSync(join(content, 'topics'));
      mkdirSync(join(content, 'events'));
      writeFileSync(join(content, 'topics', 'firearms.md'), '---\ntitle: Firearms\nsummary: Firearms.\n---\n');
      writeFileSync(join(content, 'events', '2020-01-long-past.md'), eventFile('Long past', '2020-01-15'));
      writeFileSync(join(content, 'events', '2099-01-far-ahead.md'), eventFile('Far ahead', '2099-01-15'));
      writeFileSync(join(content, 'events', 'broken.md'), '---\ntitle: ""\n---\n');
      const env = { DATABASE_URL: database.url, WHATSON_CONTENT_DIR: content, HEALTH_DATA_RETENTION_DAYS: '30' };
      expect(runWhatson(['migrate'], env).status).toBe(0);
      const handle = database.open();
      const organisationId = await createOrganisation(handle.db);
      const person = await createMember(handle.db, organisationId);
      const stamp = new Date().toISOString();
      for (const [id, key] of [['past', 'events/2020-01-long-past'], ['ahead', 'events/2099-01-far-ahead'], ['unknown', 'events/2019-withdrawn']] as const) {
        await handle.db
          .insertInto('registrations')
          .values({ id, event_key: key, user_id: person.id, organisation_id: organisationId, mode: 'online', state: 'approved', queue_number: 1, statement: null, travel_support: 0, wants_to_speak: 0, accessibility_needs: `needs for ${id}`, decision_reason: null, decided_by: null, decided_at: stamp, created_at: stamp, updated_at: stamp })
          .execute();
      }
      await handle.close();

      const run = runWhatson(['erase-expired-data'], env);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('Erased the accessibility needs of 1 registration(s) (30 days after their event ended).');
      expect(run.stdout).toContain('events/2019-withdrawn');
      expect(run.stderr).toContain('broken.md');
      const reopened = database.open();
      try {
        const rows = await reopened.db.selectFrom('registrations').select(['id', 'accessibility_needs']).orderBy('id').execute();
        expect(rows).toEqual([
          { id: 'ahead', accessibility_needs: 'needs for ahead' },
          { id: 'past', accessibility_needs: null },
          { id: 'unknown', accessibility_needs: 'needs for unknown' },
        ]);
      } finally {
        await reopened.close();
      }
      expect(runWhatson(['erase-expired-data'], env).stdout).toContain('Erased the accessibility needs of 0 registration(s)');
      expect(runWhatson(['erase-expired-data'], { ...env, HEALTH_DATA_RETENTION_DAYS: 'forever' }).stderr).toContain('HEALTH_DATA_RETENTION_DAYS must be a whole number of days between 0 and 365');
    } finally {
      await database.drop();
      rmSync(content, { recursive: true, force: true });
    }
  });
});
