// What the editor shows for one event: its latest version (or the file it
// comes from), where the public version comes from, and how many people a
// change of time, place, format or status would reach.
import type { Kysely } from 'kysely';
import type { Database, StoredEventOrigin, StoredEventState } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireSecretariat } from '../auth/permissions';
import { failure, success, type Result } from '../result';
import type { CollectionName } from '../content-directory';
import { editorValuesOf, type EditorValues } from './event-form';
import { countPeopleToTell } from './change-notices';
import { keyOf, readVersion, type EditorContext } from './stored-event-rows';

export interface EditorView {
  collection: CollectionName;
  slug: string;
  values: EditorValues;
  /** null: only the file exists, nothing was saved in the browser yet. */
  state: StoredEventState | null;
  origin: StoredEventOrigin | 'file';
  /** A file of this name exists in the build; once stored, the stored version wins over it. */
  hasFile: boolean;
  latestVersion: number;
  publishedVersion: number | null;
  unpublishReason: string | null;
  /** People with an active registration: those told of a change of time, place, format or status. */
  peopleToTell: number;
}

export async function openEditor(db: Kysely<Database>, actor: SessionUser | null, collection: CollectionName, slug: string, context: EditorContext): Promise<Result<EditorView>> {
  const allowed = requireSecretariat(actor);
  if (!allowed.ok) return allowed;
  const key = keyOf(collection, slug);
  const row = await db.selectFrom('stored_events').selectAll().where('event_key', '=', key).executeTakeFirst();
  const file = context.fileEvent(collection, slug);
  const peopleToTell = await countPeopleToTell(db, key);
  const base = { collection, slug, hasFile: file !== undefined, peopleToTell };
  if (row && Number(row.latest_version) > 0) {
    const latest = (await readVersion(db, key, Number(row.latest_version)))!;
    return success({
      ...base,
      values: editorValuesOf(latest.data, latest.body, latest.translations),
      state: row.state,
      origin: row.origin,
      latestVersion: Number(row.latest_version),
      publishedVersion: row.published_version === null ? null : Number(row.published_version),
      unpublishReason: row.unpublish_reason,
    });
  }
  if (!file) return failure('not_found', 'editor.noSuchEvent');
  return success({ ...base, values: editorValuesOf(file.data, file.body, file.translations), state: null, origin: 'file', latestVersion: 0, publishedVersion: null, unpublishReason: null });
}

export interface EditorListEntry {
  eventKey: string;
  collection: CollectionName;
  slug: string;
  title: string;
  state: StoredEventState;
  latestVersion: number;
  publishedVersion: number | null;
  updatedAt: Date;
}

/** Every event stored in the database, drafts included, most recently changed first. */
export async function listStoredEvents(db: Kysely<Database>, actor: SessionUser | null): Promise<Result<EditorListEntry[]>> {
  const allowed = requireSecretariat(actor);
  if (!allowed.ok) return allowed;
  const rows = await db
    .selectFrom('stored_events as e')
    .leftJoin('stored_event_versions as v', (join) => join.onRef('v.event_key', '=', 'e.event_key').onRef('v.version', '=', 'e.latest_version'))
    .select(['e.event_key', 'e.collection', 'e.slug', 'e.state', 'e.latest_version', 'e.published_version', 'e.updated_at', 'v.data'])
    .orderBy('e.updated_at', 'desc')
    .execute();
  return success(
    rows.map((row) => ({
      eventKey: row.event_key,
      collection: row.collection as CollectionName,
      slug: row.slug,
      title: row.data ? (JSON.parse(row.data) as { title: string }).title : row.slug,
      state: row.state,
      latestVersion: Number(row.latest_version),
      publishedVersion: row.published_version === null ? null : Number(row.published_version),
      updatedAt: new Date(row.updated_at),
    })),
  );
}
