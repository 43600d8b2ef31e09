// Accessibility needs, and the dietary or similar requests people write in
// that field, are health-adjacent (issue 14, point 7): only the secretariat
// sees them (the admin event page and its CSV), and they are erased a set
// number of days after the event ends (HEALTH_DATA_RETENTION_DAYS). Erasing
// is idempotent: it touches only what is due and still there, so every
// instance and a cron job may run it at once.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Event keys per UPDATE, well below either database's limit on parameters. */
const KEYS_PER_STATEMENT = 200;

/** The moment an event's health-adjacent requests are due for erasure. */
export function healthDataErasureDate(eventEnd: Date, retentionDays: number): Date {
  return new Date(eventEnd.getTime() + retentionDays * DAY_MS);
}

export interface HealthDataErasure {
  now: Date;
  retentionDays: number;
  /** The end of the event stored under a registration's event key; undefined when no such event is published. */
  endOf: (eventKey: string) => Date | undefined;
}

export interface HealthDataErasureReport {
  /** Registrations whose needs were erased by this run. */
  erased: number;
  /** Keys of registrations with needs whose event is not published (kept: their end is unknown). */
  unknownEvents: string[];
}

export async function eraseExpiredHealthData(db: Kysely<Database>, { now, retentionDays, endOf }: HealthDataErasure): Promise<HealthDataErasureReport> {
  const keys = (await db.selectFrom('registrations').select('event_key').distinct().where('accessibility_needs', 'is not', null).execute()).map((row) => row.event_key);
  const due: string[] = [];
  const unknownEvents: string[] = [];
  for (const key of keys) {
    const end = endOf(key);
    if (!end) unknownEvents.push(key);
    else if (healthDataErasureDate(end, retentionDays) <= now) due.push(key);
  }
  let erased = 0;
  for (let index = 0; index < due.length; index += KEYS_PER_STATEMENT) {
    const result = await db
      .updateTable('registrations')
      .set({ accessibility_needs: null })
      .where('event_key', 'in', due.slice(index, index + KEYS_PER_STATEMENT))
      .where('accessibility_needs', 'is not', null)
      .executeTakeFirst();
    erased += Number(result.numUpdatedRows);
  }
  return { erased, unknownEvents: unknownEvents.sort() };
}
