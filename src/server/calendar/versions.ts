// Event versions for one catalogue: synced with the database on the first
// feed or invitation that needs them, and again when the catalogue changes
// (an event saved in the browser, on this instance or another).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { PortalEvent } from '../events/portal-event';
import { syncEventVersions, type EventVersion } from './event-versions';

let loadedFor: readonly PortalEvent[] | undefined;
let loading: Promise<Map<string, EventVersion>> | undefined;

export function loadEventVersions(db: Kysely<Database>, events: readonly PortalEvent[]): Promise<Map<string, EventVersion>> {
  if (loadedFor !== events || !loading) {
    loadedFor = events;
    loading = syncEventVersions(db, events).catch((error) => {
      loading = undefined;
      throw error;
    });
  }
  return loading;
}
