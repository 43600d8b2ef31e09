import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { migrateToLatest } from '../../src/server/db/migrate';
import { countryName } from '../../src/server/countries/countries';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases';

const MIGRATION = '2026-12-01-58-un-country-codes';
const BEFORE = migrations.slice(0, migrations.findIndex(([name]) => name === MIGRATION));
const AT = '2026-11-30T09:00:00.000Z';

function organisation(id: string, country: string) {
  return {
    id,
    name: `Organisation ${id}`,
    type: 'ngo',
    country,
    description: 'Works on organised crime.',
    ecosoc_status: 'none',
    topics: '[]',
    accreditation: 'accredited',
    listed: 1,
    created_at: AT,
    updated_at: AT,
  };
}

function eventVersion(key: string, version: number, venue?: Record<string, string>) {
  const data = { title: `Event ${key}`, format: venue ? 'in-person' : 'online', ...(venue ? { venue } : {}) };
  return { event_key: key, version, data: JSON.stringify(data), body: 'Programme.', saved_by: null, saved_at: AT, note: null };
}

describe.each(DIALECTS)('migration to the UN country list on %s', (dialect) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    handle = database.open();
    expect(BEFORE.length).toBeGreaterThan(0);
    await migrateToLatest(handle, BEFORE);
  });
  afterEach(async () => {
    await handle.close();
    await database.drop();
  });

  it('moves stored codes that left the list to the country M49 counts them in, and leaves the others alone', async () => {
    const db = handle.db as any;
    await db
      .insertInto('organisations')
      .values([organisation('o-uk', 'UK'), organisation('o-xk', 'XK'), organisation('o-tw', 'TW'), organisation('o-at', 'AT'), organisation('o-ci', 'CI')])
      .execute();
    await db
      .insertInto('identity_changes')
      .values([
        { id: 'c-1', organisation_id: 'o-at', name: 'Renamed', type: 'ngo', country: 'ZR', state: 'pending', requested_at: AT },
        { id: 'c-2', organisation_id: 'o-ci', name: 'Kept', type: 'ngo', country: 'KE', state: 'approved', requested_at: AT },
      ])
      .execute();
    await db.insertInto('stored_events').values({ event_key: 'events/x', collection: 'events', slug: 'x', origin: 'editor', state: 'published', latest_version: 2, published_version: 2, change_seq: 1, created_at: AT, updated_at: AT }).execute();
    await db
      .insertInto('stored_event_versions')
      .values([
        eventVersion('events/x', 1, { site: 'Centre', city: 'Las Palmas', country: 'IC' }),
        eventVersion('events/x', 2, { site: 'Vienna International Centre', city: 'Vienna', country: 'AT' }),
        eventVersion('events/y', 1),
      ])
      .execute();

    expect(await migrateToLatest(handle)).toContain(MIGRATION);

    const countries = await db.selectFrom('organisations').select(['id', 'country']).orderBy('id').execute();
    expect(countries).toEqual([
      { id: 'o-at', country: 'AT' },
      { id: 'o-ci', country: 'CI' },
      { id: 'o-tw', country: 'CN' },
      { id: 'o-uk', country: 'GB' },
      { id: 'o-xk', country: 'RS' },
    ]);
    for (const { country } of countries) expect(countryName(country, 'en')).not.toBe(country);
    expect(await db.selectFrom('identity_changes').select(['id', 'country']).orderBy('id').execute()).toEqual([
      { id: 'c-1', country: 'CD' },
      { id: 'c-2', country: 'KE' },
    ]);
    const versions = await db.selectFrom('stored_event_versions').select(['event_key', 'version', 'data']).orderBy('event_key').orderBy('version').execute();
    expect(versions.map((row: { data: string }) => JSON.parse(row.data).venue?.country ?? null)).toEqual(['ES', 'AT', null]);
    // Nothing else in the front matter changes.
    expect(JSON.parse(versions[0].data)).toEqual({ title: 'Event events/x', format: 'in-person', venue: { site: 'Centre', city: 'Las Palmas', country: 'ES' } });
  });

  it('runs on an empty database', async () => {
    expect(await migrateToLatest(handle)).toContain(MIGRATION);
    expect(await handle.db.selectFrom('organisations').selectAll().execute()).toEqual([]);
  });
});
