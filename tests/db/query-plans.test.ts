// The statements every application runs behind its event's lock, and the
// mail claim after it, read what they need from an index alone: a read of
// the table per row would make each application slower as the event fills.
// Asked of SQLite's planner with the statements exactly as the portal sends them.
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import type { Database } from '../../src/server/db/schema';
import { deliverQueuedMail } from '../../src/server/mail/outgoing-mail';
import { countPlaces } from '../../src/server/registrations/seats';
import { useMigratedDatabase } from '../support/databases';

describe('query plans of the application path on SQLite', () => {
  let handle: DatabaseHandle;
  useMigratedDatabase('sqlite', (opened) => {
    handle = opened;
  });

  /** The plan of each statement `work` sends, as SQLite's EXPLAIN QUERY PLAN words it. */
  async function plansOf(work: (db: Kysely<Database>) => Promise<unknown>): Promise<string[]> {
    const statements: { sql: string; parameters: readonly unknown[] }[] = [];
    const logged = new Kysely<Database>({
      dialect: new SqliteDialect({ database: handle.sqlite! }),
      log: (event) => {
        if (event.level === 'query') statements.push(event.query);
      },
    });
    await work(logged);
    return statements.map(({ sql, parameters }) =>
      handle
        .sqlite!.prepare(`explain query plan ${sql}`)
        .all(...(parameters as unknown[]))
        .map((row) => (row as { detail: string }).detail)
        .join('; '),
    );
  }

  it("counts an event's confirmed places by organisation and mode from an index alone", async () => {
    const [plan] = await plansOf((db) => countPlaces(db, 'side-events/an-event'));
    expect(plan).toMatch(/USING COVERING INDEX registrations_event_queue/);
  });

  it('finds the mail that is due from an index alone', async () => {
    const [claim] = await plansOf((db) => deliverQueuedMail(db));
    expect(claim).toMatch(/USING COVERING INDEX outgoing_mail_due/);
  });
});
