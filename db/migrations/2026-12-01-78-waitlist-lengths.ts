// Frozen. How many people wait in each mode of each event, kept by the
// database itself: a newcomer joins the back of the queue, so their place in
// it is this number, read from one row, where counting the earlier entries
// grew with the queue (a quarter of an application's CPU at 5,000 waiting).
// Triggers keep it, so that no way of changing a registration (applying,
// withdrawing, a decision, a promotion, an account's deletion, whatever code
// comes later) can leave it behind. Filled from the registrations as they are.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('waitlist_lengths')
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('waiting', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('waitlist_lengths_key', ['event_key', 'mode'])
    .execute();
  await sql`insert into waitlist_lengths (event_key, mode, waiting)
    select event_key, mode, count(*) from registrations where state = 'waitlisted' group by event_key, mode`.execute(db);

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create function waitlist_lengths_follow() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          if old.state = 'waitlisted' then
            update waitlist_lengths set waiting = waiting - 1 where event_key = old.event_key and mode = old.mode;
          end if;
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          if new.state = 'waitlisted' then
            insert into waitlist_lengths (event_key, mode, waiting) values (new.event_key, new.mode, 1)
              on conflict (event_key, mode) do update set waiting = waitlist_lengths.waiting + 1;
          end if;
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger registrations_waitlist_lengths after insert or delete or update of state, mode, event_key on registrations
      for each row execute function waitlist_lengths_follow()`.execute(db);
    return;
  }
  const join = `insert into waitlist_lengths (event_key, mode, waiting) values (new.event_key, new.mode, 1)
    on conflict (event_key, mode) do update set waiting = waiting + 1;`;
  const leave = 'update waitlist_lengths set waiting = waiting - 1 where event_key = old.event_key and mode = old.mode;';
  await sql.raw(`create trigger registrations_waitlist_insert after insert on registrations when new.state = 'waitlisted' begin ${join} end`).execute(db);
  await sql.raw(`create trigger registrations_waitlist_delete after delete on registrations when old.state = 'waitlisted' begin ${leave} end`).execute(db);
  // A row moved from one mode's queue to another's leaves the one and joins the other.
  await sql.raw(`create trigger registrations_waitlist_leave after update of state, mode, event_key on registrations when old.state = 'waitlisted' begin ${leave} end`).execute(db);
  await sql.raw(`create trigger registrations_waitlist_join after update of state, mode, event_key on registrations when new.state = 'waitlisted' begin ${join} end`).execute(db);
}
