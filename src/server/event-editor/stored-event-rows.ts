// The rows behind one stored event, used inside the editor's transactions.
import type { Kysely } from 'kysely';
import type { Database, StoredEventsTable } from '../db/schema';
import type { CollectionName } from '../content-directory';
import { toPortalEvent, type EventEntryData, type PortalEvent } from '../events/portal-event';
import type { ContentTranslations } from '../translations/content-text';

/** A Markdown file of the build, as the editor starts from it. */
export interface FileEvent {
  data: EventEntryData;
  body: string;
  /** Its translation files (content/<collection>/<slug>.<locale>.md), by locale. */
  translations?: ContentTranslations;
}

/** What a version holds: the front matter, the Markdown body and the translations (title, summary, body by locale). */
export interface VersionContent {
  data: EventEntryData;
  body: string;
  translations?: ContentTranslations;
}

/** What the editor's domain functions need from the catalogue, passed in so they stay free of `astro:*`. */
export interface EditorContext {
  knownTopics: readonly string[];
  fileEvent(collection: CollectionName, slug: string): FileEvent | undefined;
  now: Date;
  /** Where uploaded PDFs are stored; ATTACHMENTS_DIR/event-documents when not given. */
  documentsDirectory?: string;
}

export interface StoredVersion {
  version: number;
  data: EventEntryData;
  body: string;
  /** The translations saved with the version (kept in its stored data, under `translations`); undefined for a version saved before the editor kept them. */
  translations?: ContentTranslations;
  savedBy: string | null;
  savedByName: string | null;
  savedAt: Date;
  note: string | null;
}

export function keyOf(collection: CollectionName, slug: string): string {
  return `${collection}/${slug}`;
}

export function portalEventOf(collection: CollectionName, slug: string, data: EventEntryData, translations: ContentTranslations = {}): PortalEvent {
  return toPortalEvent(collection, slug, data, new Map(), translations);
}

/**
 * A version's stored data: the front matter with its translations under
 * `translations` (the column is JSON; history, restore and the audit carry
 * them with the version). Always written, `{}` when there are none, so a
 * version from before the editor kept translations (no key) can be told apart.
 */
export function storedDataOf(content: VersionContent): string {
  return JSON.stringify({ ...content.data, translations: content.translations ?? {} });
}

/** The stored data column back as front matter and translations (undefined: saved before translations were kept). */
export function parseStoredData(json: string): { data: EventEntryData; translations?: ContentTranslations } {
  const { translations, ...data } = JSON.parse(json) as EventEntryData & { translations?: ContentTranslations };
  return { data: data as EventEntryData, translations };
}

/**
 * The event's row, locked for the rest of the transaction (an update takes the
 * row lock on PostgreSQL; SQLite has one writer anyway). A file's event gets
 * its row on first edit, holding the file as version 1, published: from then
 * on the stored version wins.
 */
export async function lockStoredEvent(
  trx: Kysely<Database>,
  collection: CollectionName,
  slug: string,
  context: EditorContext,
  actorId: string,
): Promise<StoredEventsTable | undefined> {
  const key = keyOf(collection, slug);
  const at = context.now.toISOString();
  const file = context.fileEvent(collection, slug);
  if (file) {
    const created = await trx
      .insertInto('stored_events')
      .values({ event_key: key, collection, slug, origin: 'file', state: 'published', latest_version: 1, published_version: 1, unpublish_reason: null, change_seq: 0, created_by: actorId, created_at: at, updated_at: at })
      .onConflict((conflict) => conflict.column('event_key').doNothing())
      .returning('event_key')
      .executeTakeFirst();
    if (created) {
      await trx
        .insertInto('stored_event_versions')
        .values({ event_key: key, version: 1, data: storedDataOf(file), body: file.body, saved_by: null, saved_at: at, note: 'file' })
        .execute();
    }
  }
  const locked = await trx.updateTable('stored_events').set({ updated_at: at }).where('event_key', '=', key).executeTakeFirst();
  if (Number(locked.numUpdatedRows) === 0) return undefined;
  return trx.selectFrom('stored_events').selectAll().where('event_key', '=', key).executeTakeFirst();
}

export async function insertVersion(
  trx: Kysely<Database>,
  key: string,
  version: number,
  content: VersionContent,
  savedBy: string,
  at: Date,
  note: string,
): Promise<void> {
  await trx
    .insertInto('stored_event_versions')
    .values({ event_key: key, version, data: storedDataOf(content), body: content.body, saved_by: savedBy, saved_at: at.toISOString(), note })
    .execute();
}

export async function readVersion(db: Kysely<Database>, key: string, version: number): Promise<StoredVersion | undefined> {
  const row = await db
    .selectFrom('stored_event_versions as v')
    .leftJoin('users as u', 'u.id', 'v.saved_by')
    .select(['v.version', 'v.data', 'v.body', 'v.saved_by', 'v.saved_at', 'v.note', 'u.name'])
    .where('v.event_key', '=', key)
    .where('v.version', '=', version)
    .executeTakeFirst();
  return row && { version: Number(row.version), ...parseStoredData(row.data), body: row.body, savedBy: row.saved_by, savedByName: row.name, savedAt: new Date(row.saved_at), note: row.note };
}

export async function listVersions(db: Kysely<Database>, key: string): Promise<StoredVersion[]> {
  const rows = await db
    .selectFrom('stored_event_versions as v')
    .leftJoin('users as u', 'u.id', 'v.saved_by')
    .select(['v.version', 'v.data', 'v.body', 'v.saved_by', 'v.saved_at', 'v.note', 'u.name'])
    .where('v.event_key', '=', key)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((row) => ({ version: Number(row.version), ...parseStoredData(row.data), body: row.body, savedBy: row.saved_by, savedByName: row.name, savedAt: new Date(row.saved_at), note: row.note }));
}
