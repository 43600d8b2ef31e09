// What each instance reads to keep its catalogue current: the stored events
// whose row changed after the change number it last saw, with the version
// each shows (or none). One indexed query, usually answered with no rows.
import type { Kysely } from 'kysely';
import type { Database, StoredEventOrigin } from '../db/schema';
import type { CollectionName } from '../content-directory';
import type { EventEntryData } from '../events/portal-event';
import type { ContentTranslations } from '../translations/content-text';
import { parseStoredData } from './stored-event-rows';

export interface StoredPublication {
  data: EventEntryData;
  /** Markdown. */
  body: string;
  /** Saved with the version; none when absent. */
  translations?: ContentTranslations;
  version: number;
}

export interface StoredEventChange {
  eventKey: string;
  collection: CollectionName;
  slug: string;
  origin: StoredEventOrigin;
  changeSeq: number;
  /** What the public pages show: the published version; null hides the event (also a file's). */
  shown: StoredPublication | null;
  /** A draft never published leaves a file of the same name showing. */
  neverPublished: boolean;
}

export async function readStoredEventChanges(db: Kysely<Database>, sinceSeq: number): Promise<StoredEventChange[]> {
  const rows = await db
    .selectFrom('stored_events as e')
    .leftJoin('stored_event_versions as v', (join) => join.onRef('v.event_key', '=', 'e.event_key').onRef('v.version', '=', 'e.published_version'))
    .select(['e.event_key', 'e.collection', 'e.slug', 'e.origin', 'e.state', 'e.change_seq', 'e.published_version', 'v.data', 'v.body'])
    .where('e.change_seq', '>', sinceSeq)
    .orderBy('e.change_seq')
    .execute();
  return rows.map((row) => ({
    eventKey: row.event_key,
    collection: row.collection as CollectionName,
    slug: row.slug,
    origin: row.origin,
    changeSeq: Number(row.change_seq),
    shown:
      row.state === 'published' && row.published_version !== null && row.data !== null
        ? { ...parseStoredData(row.data), body: row.body ?? '', version: Number(row.published_version) }
        : null,
    neverPublished: row.state === 'draft',
  }));
}

/** The rows of stored_event_changes: one counter per kind of stored content (the review entries' row comes with migration 2026-12-01-75). */
export const CHANGE_COUNTERS = { events: 1, reviewEntries: 2 } as const;
export type ChangeCounter = keyof typeof CHANGE_COUNTERS;

/** Takes the next change number; call in the saving transaction, as late as possible (it holds the counter row until commit). */
export async function nextChangeSeq(trx: Kysely<Database>, counter: ChangeCounter = 'events'): Promise<number> {
  const id = CHANGE_COUNTERS[counter];
  await trx.updateTable('stored_event_changes').set((eb) => ({ seq: eb('seq', '+', 1) })).where('id', '=', id).execute();
  const row = await trx.selectFrom('stored_event_changes').select('seq').where('id', '=', id).executeTakeFirstOrThrow();
  return Number(row.seq);
}
