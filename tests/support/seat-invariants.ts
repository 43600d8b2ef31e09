// The promises about places, checked from the rows alone and written
// independently of the portal's own rule (src/server/registrations/seats.ts),
// so a mistake there cannot hide itself here; and that the queue lengths the
// database keeps (waitlist_lengths, migration 78) are those of the rows.
import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema';

export interface SeatLimits {
  /** Places per mode; a mode left out has no limit. */
  capacity: Partial<Record<string, number>>;
  maxPerOrganisation?: number;
}

/** Every broken promise, in words; empty when all hold. */
export async function seatViolations(db: Kysely<Database>, eventKey: string, limits: SeatLimits): Promise<string[]> {
  const rows = await db
    .selectFrom('registrations')
    .innerJoin('users', 'users.id', 'registrations.user_id')
    .select(['registrations.id', 'registrations.mode', 'registrations.organisation_id', 'registrations.state', 'registrations.queue_number', 'users.deleted_at'])
    .where('registrations.event_key', '=', eventKey)
    .orderBy('registrations.queue_number')
    .execute();
  const approved = rows.filter((row) => row.state === 'approved');
  const byMode = new Map<string, number>();
  const byOrganisation = new Map<string, number>();
  for (const row of approved) {
    byMode.set(row.mode, (byMode.get(row.mode) ?? 0) + 1);
    byOrganisation.set(row.organisation_id, (byOrganisation.get(row.organisation_id) ?? 0) + 1);
  }
  const violations: string[] = [];
  for (const [mode, taken] of byMode) {
    const capacity = limits.capacity[mode];
    if (capacity !== undefined && taken > capacity) violations.push(`${taken} ${mode} places approved of ${capacity}`);
  }
  const max = limits.maxPerOrganisation;
  for (const [organisation, taken] of byOrganisation) if (max !== undefined && taken > max) violations.push(`organisation ${organisation} holds ${taken} places, above its maximum of ${max}`);
  for (const row of rows.filter((candidate) => candidate.state === 'waitlisted')) {
    const capacity = limits.capacity[row.mode];
    const seatFree = capacity === undefined || (byMode.get(row.mode) ?? 0) < capacity;
    const underMax = max === undefined || (byOrganisation.get(row.organisation_id) ?? 0) < max;
    if (seatFree && underMax) violations.push(`a ${row.mode} place is free while ${row.id} (queue ${row.queue_number}) waits and could take it`);
  }
  for (const row of rows) if (row.deleted_at && ['pending', 'approved', 'waitlisted'].includes(row.state)) violations.push(`${row.id} of a deleted account is still ${row.state}`);
  const waiting = new Map<string, number>();
  for (const row of rows) if (row.state === 'waitlisted') waiting.set(row.mode, (waiting.get(row.mode) ?? 0) + 1);
  const kept = await db.selectFrom('waitlist_lengths').select(['mode', 'waiting']).where('event_key', '=', eventKey).execute();
  for (const mode of new Set([...waiting.keys(), ...kept.map((row) => row.mode)])) {
    const counted = waiting.get(mode) ?? 0;
    const length = Number(kept.find((row) => row.mode === mode)?.waiting ?? 0);
    if (length !== counted) violations.push(`the ${mode} waitlist is kept as ${length} long, but ${counted} wait`);
  }
  return violations;
}
