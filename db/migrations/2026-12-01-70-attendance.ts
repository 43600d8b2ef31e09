// Frozen. Attendance at an event, recorded by the secretariat on approved
// registrations once the event has started: 'attended' or 'absent', who
// recorded it and when. Null: not recorded.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('registrations').addColumn('attendance', 'text').execute();
  await db.schema.alterTable('registrations').addColumn('attendance_marked_by', 'text').execute();
  await db.schema.alterTable('registrations').addColumn('attendance_marked_at', 'text').execute();
}
