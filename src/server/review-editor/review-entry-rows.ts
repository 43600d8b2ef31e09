// The rows behind the Review Mechanism's entries saved in the browser (review
// phases and country reviews), used inside the editor's transactions. Every
// version is shown at once: there are no drafts, so the latest version is the
// public one, on every instance within a second (see stored_event_changes).
import type { Kysely } from 'kysely';
import type { Database, StoredReviewEntriesTable, StoredReviewEntryOrigin } from '../db/schema';
import { COUNTRY_REVIEWS_FOLDER, REVIEW_PHASES_FOLDER } from '../review-mechanism/review-files';
import type { CountryReviewFrontMatter, ReviewPhaseFrontMatter } from '../review-mechanism/schema';

/** The two collections, named as their content folders. */
export const REVIEW_COLLECTIONS = [REVIEW_PHASES_FOLDER, COUNTRY_REVIEWS_FOLDER] as const;
export type ReviewCollection = (typeof REVIEW_COLLECTIONS)[number];

export function isReviewCollection(value: unknown): value is ReviewCollection {
  return (REVIEW_COLLECTIONS as readonly unknown[]).includes(value);
}

export type ReviewEntryData = ReviewPhaseFrontMatter | CountryReviewFrontMatter;

/** One entry as a file holds it: front matter (as the schema outputs it) and Markdown. */
export interface ReviewEntryContent {
  data: ReviewEntryData;
  body: string;
}

/** What the editor's domain functions need from the content, passed in so they stay free of `astro:*`. */
export interface ReviewEditorContext {
  /** The constructive dialogues a phase may name (files and stored events). */
  knownDialogues: readonly string[];
  /** Each phase the public pages show now (files, stored entries winning) with its cluster. */
  phaseClusters: ReadonlyMap<string, string>;
  /** The built Markdown file of that name, whatever the database says. */
  fileEntry(collection: ReviewCollection, slug: string): ReviewEntryContent | undefined;
  now: Date;
}

export interface StoredReviewVersion extends ReviewEntryContent {
  version: number;
  savedBy: string | null;
  savedByName: string | null;
  savedAt: Date;
  note: string | null;
}

export function reviewEntryKey(collection: ReviewCollection, slug: string): string {
  return `${collection}/${slug}`;
}

/**
 * The entry's row, locked for the rest of the transaction (an update takes the
 * row lock on PostgreSQL; SQLite has one writer anyway). A file's entry gets
 * its row on first edit, holding the file as version 1: from then on the
 * stored version wins. A new entry's row is reserved by the caller.
 */
export async function lockReviewEntry(
  trx: Kysely<Database>,
  collection: ReviewCollection,
  slug: string,
  context: ReviewEditorContext,
  actorId: string,
): Promise<StoredReviewEntriesTable | undefined> {
  const key = reviewEntryKey(collection, slug);
  const at = context.now.toISOString();
  const file = context.fileEntry(collection, slug);
  if (file) {
    const created = await reserveReviewEntry(trx, collection, slug, 'file', 1, actorId, at);
    if (created) await insertReviewVersion(trx, key, 1, file, null, context.now, 'file');
  }
  const locked = await trx.updateTable('stored_review_entries').set({ updated_at: at }).where('entry_key', '=', key).executeTakeFirst();
  if (Number(locked.numUpdatedRows) === 0) return undefined;
  return trx.selectFrom('stored_review_entries').selectAll().where('entry_key', '=', key).executeTakeFirst();
}

/** Takes the address when no row holds it; false when one does. */
export async function reserveReviewEntry(
  trx: Kysely<Database>,
  collection: ReviewCollection,
  slug: string,
  origin: StoredReviewEntryOrigin,
  latestVersion: number,
  actorId: string,
  at: string,
): Promise<boolean> {
  const reserved = await trx
    .insertInto('stored_review_entries')
    .values({ entry_key: reviewEntryKey(collection, slug), collection, slug, origin, latest_version: latestVersion, change_seq: 0, created_by: actorId, created_at: at, updated_at: at })
    .onConflict((conflict) => conflict.column('entry_key').doNothing())
    .returning('entry_key')
    .executeTakeFirst();
  return reserved !== undefined;
}

export async function insertReviewVersion(trx: Kysely<Database>, key: string, version: number, content: ReviewEntryContent, savedBy: string | null, at: Date, note: string): Promise<void> {
  await trx
    .insertInto('stored_review_entry_versions')
    .values({ entry_key: key, version, data: JSON.stringify(content.data), body: content.body, saved_by: savedBy, saved_at: at.toISOString(), note })
    .execute();
}

function versionsOf(db: Kysely<Database>, key: string) {
  return db
    .selectFrom('stored_review_entry_versions as v')
    .leftJoin('users as u', 'u.id', 'v.saved_by')
    .select(['v.version', 'v.data', 'v.body', 'v.saved_by', 'v.saved_at', 'v.note', 'u.name'])
    .where('v.entry_key', '=', key);
}

type VersionRow = { version: number; data: string; body: string; saved_by: string | null; saved_at: string; note: string | null; name: string | null };

const versionOf = (row: VersionRow): StoredReviewVersion => ({
  version: Number(row.version),
  data: JSON.parse(row.data),
  body: row.body,
  savedBy: row.saved_by,
  savedByName: row.name,
  savedAt: new Date(row.saved_at),
  note: row.note,
});

export async function readReviewVersion(db: Kysely<Database>, key: string, version: number): Promise<StoredReviewVersion | undefined> {
  const row = await versionsOf(db, key).where('v.version', '=', version).executeTakeFirst();
  return row && versionOf(row as VersionRow);
}

/** Newest first. */
export async function listReviewVersions(db: Kysely<Database>, key: string): Promise<StoredReviewVersion[]> {
  const rows = await versionsOf(db, key).orderBy('v.version', 'desc').execute();
  return rows.map((row) => versionOf(row as VersionRow));
}

export interface StoredReviewEntry extends ReviewEntryContent {
  collection: ReviewCollection;
  slug: string;
  origin: StoredReviewEntryOrigin;
  version: number;
  changeSeq: number;
  updatedAt: Date;
}

/** The stored entries whose row changed after `sinceSeq` (all of them from 0), each with the version shown. */
export async function readStoredReviewEntries(db: Kysely<Database>, sinceSeq = 0): Promise<StoredReviewEntry[]> {
  const rows = await db
    .selectFrom('stored_review_entries as e')
    .innerJoin('stored_review_entry_versions as v', (join) => join.onRef('v.entry_key', '=', 'e.entry_key').onRef('v.version', '=', 'e.latest_version'))
    .select(['e.collection', 'e.slug', 'e.origin', 'e.latest_version', 'e.change_seq', 'e.updated_at', 'v.data', 'v.body'])
    .where('e.change_seq', '>', sinceSeq)
    .orderBy('e.change_seq')
    .execute();
  return rows
    .filter((row) => isReviewCollection(row.collection))
    .map((row) => ({
      collection: row.collection as ReviewCollection,
      slug: row.slug,
      origin: row.origin,
      version: Number(row.latest_version),
      changeSeq: Number(row.change_seq),
      updatedAt: new Date(row.updated_at),
      data: JSON.parse(row.data),
      body: row.body,
    }));
}
