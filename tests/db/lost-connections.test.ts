// The PostgreSQL pool under faults, without a server in front: a connection
// whose backend is terminated while a request holds it fails that request's
// query (an unhandled 'error' event would end the process, and this test
// run with it), the pool replaces it, and a pool with no free connection for
// five seconds says so.
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFaultOf } from '../../src/server/db/faults';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases';

describe.runIf(DIALECTS.includes('postgres'))('PostgreSQL connections lost under a request', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  beforeEach(async () => {
    database = await createTestDatabase('postgres');
    handle = database.open();
  });
  afterEach(async () => {
    await handle.close();
    await database.drop();
  });

  async function terminate(pid: number): Promise<void> {
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      await admin.query('select pg_terminate_backend($1)', [pid]);
    } finally {
      await admin.end();
    }
  }

  it('fails the transaction whose connection is terminated, as unreachable, and serves the next query on a new one', async () => {
    const failure = await handle.db
      .transaction()
      .execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        await terminate(rows[0]!.pid);
        // Between two statements, as when a request awaits something else mid-transaction.
        await new Promise((resolve) => setTimeout(resolve, 200));
        await sql`select 1`.execute(trx);
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(databaseFaultOf(failure)).toBe('unreachable');
    expect((await sql<{ one: number }>`select 1 as one`.execute(handle.db)).rows).toEqual([{ one: 1 }]);
  });

  it('fails a query whose connection is terminated while it runs', async () => {
    const failure = await handle.db.connection().execute(async (db) => {
      const mine = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
      const sleeping = sql`select pg_sleep(5)`.execute(db).then(
        () => null,
        (error: unknown) => error,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      await terminate(mine.rows[0]!.pid);
      return sleeping;
    });
    expect(databaseFaultOf(failure)).toBe('unreachable');
    expect((await sql<{ one: number }>`select 1 as one`.execute(handle.db)).rows).toEqual([{ one: 1 }]);
  });

  it('calls a pool whose ten connections stay busy for five seconds exhausted', async () => {
    const busy = Array.from({ length: 10 }, () => sql`select pg_sleep(6)`.execute(handle.db));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const failure = await sql`select 1`.execute(handle.db).then(
      () => null,
      (error: unknown) => error,
    );
    expect(databaseFaultOf(failure)).toBe('pool exhausted');
    await Promise.all(busy);
  }, 20_000);
});
