// When each event stored in the database ends, for the jobs that count days
// after an event (erasing health-adjacent requests). A stored event wins over
// a file of the same key, as on the public pages. An event taken off the
// pages still ended when its last version says: its registrations stay, and
// so does the clock on their needs.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { CollectionName } from '../content-directory';
import type { EventEntryData } from '../events/portal-event';
import { portalEventOf } from './stored-event-rows';

export async function readStoredEventEnds(db: Kysely<Database>): Promise<Map<string, Date>> {
  const rows = await db
    .selectFrom('stored_events as e')
    // The version the pages show, or (unpublished, or never published) the latest one saved.
    .innerJoin('stored_event_versions as v', (join) =>
      join.onRef('v.event_key', '=', 'e.event_key').on((eb) => eb('v.version', '=', eb.fn.coalesce('e.published_version', 'e.latest_version'))),
    )
    .select(['e.event_key', 'e.collection', 'e.slug', 'v.data'])
    .execute();
  const ends = new Map<string, Date>();
  for (const row of rows) {
    const data = JSON.parse(row.data) as EventEntryData;
    ends.set(row.event_key, portalEventOf(row.collection as CollectionName, row.slug, data).end);
  }
  return ends;
}
