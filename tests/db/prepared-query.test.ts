// Queries built and compiled once, sent with each call's values
// (src/server/db/prepared-query.ts), on every dialect and in transactions.
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { prepare } from '../../src/server/db/prepared-query';
import { DIALECTS, useMigratedDatabase } from '../support/databases';

describe.each(DIALECTS)('prepared queries on %s', (dialect) => {
  let handle: DatabaseHandle;
  useMigratedDatabase(dialect, (opened) => {
    handle = opened;
  });

  const insertLock = prepare(['key', 'version'], (db, row: { key: string; version: number }) => db.insertInto('registration_locks').values({ event_key: row.key, version: row.version }));
  // A constant of the query's own (the comparison with 0) stays where it is among the values.
  const locksFrom = prepare(['prefix', 'below'], (db, { prefix, below }: { prefix: string; below: number }) =>
    db.selectFrom('registration_locks').select(['event_key', 'version']).where('event_key', 'like', prefix).where('version', '>', 0).where('version', '<', below).orderBy('event_key'),
  );

  it('sends each call its own values, in the places the query was built with', async () => {
    for (const [key, version] of [['events/a', 1], ['events/b', 5], ['side-events/c', 2]] as const) await insertLock.all(handle.db, { key, version });
    expect(await locksFrom.all(handle.db, { prefix: 'events/%', below: 10 })).toEqual([
      { event_key: 'events/a', version: 1 },
      { event_key: 'events/b', version: 5 },
    ]);
    expect(await locksFrom.all(handle.db, { prefix: '%', below: 3 })).toEqual([
      { event_key: 'events/a', version: 1 },
      { event_key: 'side-events/c', version: 2 },
    ]);
    expect(await locksFrom.first(handle.db, { prefix: 'nothing/%', below: 10 })).toBeUndefined();
  });

  it('runs inside a transaction, and what the transaction rolls back is gone', async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await insertLock.all(trx, { key: 'events/rolled-back', version: 1 });
        expect(await locksFrom.first(trx, { prefix: 'events/rolled-back', below: 10 })).toEqual({ event_key: 'events/rolled-back', version: 1 });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await locksFrom.first(handle.db, { prefix: 'events/rolled-back', below: 10 })).toBeUndefined();
  });

  it('refuses a query whose shape depends on a value, which a marker cannot stand for', async () => {
    const shapeDependsOnValue = prepare(['key'], (db, { key }: { key: string }) =>
      key.startsWith('events/') ? db.selectFrom('registration_locks').select('version').where('event_key', '=', key) : db.selectFrom('registration_locks').select('version'),
    );
    await expect(shapeDependsOnValue.all(handle.db, { key: 'side-events/x' })).rejects.toThrow(/key did not arrive as parameters/);
  });

  it('refuses a missing value rather than leaving its column out', async () => {
    await expect(insertLock.all(handle.db, { key: 'events/d', version: undefined as unknown as number })).rejects.toThrow(/no value for version/);
    expect(await locksFrom.first(handle.db, { prefix: 'events/d', below: 10 })).toBeUndefined();
  });
});
