// Content lives in Markdown, which has no revision number, so each event's
// calendar-relevant fields are fingerprinted and kept in the database: a new
// fingerprint raises SEQUENCE and moves LAST-MODIFIED (calendar note, "Every
// VEVENT"). Safe with several instances: a changed fingerprint is counted once.
import { portalNow } from '../clock';
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { PortalEvent } from '../events/portal-event';
import { eventKey } from '../registrations/application-window';

export interface EventVersion {
  sequence: number;
  lastModified: Date;
}

/** What a calendar shows of an event: when, where, what, and whether it happens. */
const fingerprints = new WeakMap<PortalEvent, string>();

/**
 * Remembered per event object (a PortalEvent is never changed after it is
 * made; a new version of an event is a new object): every feed an event is
 * in asks for it on each reassembly, 20,000 hashes for 5,000 events.
 */
export function calendarFingerprint(event: PortalEvent): string {
  let fingerprint = fingerprints.get(event);
  if (fingerprint === undefined) fingerprints.set(event, (fingerprint = computeFingerprint(event)));
  return fingerprint;
}

function computeFingerprint(event: PortalEvent): string {
  const relevant = {
    title: event.title,
    start: event.start.toISOString(),
    end: event.end.toISOString(),
    timeZone: event.timeZone,
    format: event.format,
    venue: event.venue ?? null,
    status: event.status,
    summary: event.summary,
  };
  return createHash('sha256').update(JSON.stringify(relevant)).digest('hex');
}

/** Stores a new or changed fingerprint (a stale one raises the sequence once) and returns the version. */
async function recordFingerprint(db: Kysely<Database>, key: string, fingerprint: string, stamp: string): Promise<EventVersion> {
  await db
    .insertInto('event_fingerprints')
    .values({ event_key: key, fingerprint, sequence: 0, last_modified: stamp })
    .onConflict((conflict) => conflict.column('event_key').doNothing())
    .execute();
  // Only an instance that still sees the old fingerprint raises the sequence.
  await db
    .updateTable('event_fingerprints')
    .set((eb) => ({ fingerprint, sequence: eb('sequence', '+', 1), last_modified: stamp }))
    .where('event_key', '=', key)
    .where('fingerprint', '!=', fingerprint)
    .execute();
  const row = await db.selectFrom('event_fingerprints').select(['sequence', 'last_modified']).where('event_key', '=', key).executeTakeFirstOrThrow();
  return { sequence: Number(row.sequence), lastModified: new Date(row.last_modified) };
}

/** Records one event's current fingerprint and returns its version. */
export async function syncEventVersion(db: Kysely<Database>, event: PortalEvent, now = portalNow()): Promise<EventVersion> {
  const key = eventKey(event);
  const fingerprint = calendarFingerprint(event);
  // Nearly always the event is as recorded: one read, and nothing to write.
  const row = await db.selectFrom('event_fingerprints').select(['fingerprint', 'sequence', 'last_modified']).where('event_key', '=', key).executeTakeFirst();
  if (row?.fingerprint === fingerprint) return { sequence: Number(row.sequence), lastModified: new Date(row.last_modified) };
  return recordFingerprint(db, key, fingerprint, now.toISOString());
}

/** The same for many events: one read of all rows, writes only for new or changed events. */
export async function syncEventVersions(db: Kysely<Database>, events: readonly PortalEvent[], now = portalNow()): Promise<Map<string, EventVersion>> {
  const rows = await db.selectFrom('event_fingerprints').selectAll().execute();
  const known = new Map(rows.map((row) => [row.event_key, row]));
  const versions = new Map<string, EventVersion>();
  for (const event of events) {
    const key = eventKey(event);
    const fingerprint = calendarFingerprint(event);
    const row = known.get(key);
    versions.set(
      key,
      row && row.fingerprint === fingerprint
        ? { sequence: Number(row.sequence), lastModified: new Date(row.last_modified) }
        : await recordFingerprint(db, key, fingerprint, now.toISOString()),
    );
  }
  return versions;
}
