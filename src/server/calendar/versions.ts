// Event versions for this process: synced with the database once, on the
// first feed or invitation that needs them (content does not change while
// the process runs; a new build brings new content and a new process).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { PortalEvent } from '../events/portal-event';
import { syncEventVersions, type EventVersion } from './event-versions';

let loading: Promise<Map<string, EventVersion>> | undefined;

export function loadEventVersions(db: Kysely<Database>, events: readonly PortalEvent[]): Promise<Map<string, EventVersion>> {
  loading ??= syncEventVersions(db, events).catch((error) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
