// What the Review Mechanism's editor shows: the entries (files and stored),
// and one entry's latest version (or the file it comes from) as form values.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireSecretariat } from '../auth/permissions';
import { failure, success, type Result } from '../result';
import type { EditorValues } from '../event-editor/event-form';
import { reviewValuesOf } from './review-entry-form';
import { readReviewVersion, readStoredReviewEntries, reviewEntryKey, type ReviewCollection, type ReviewEditorContext } from './review-entry-rows';

export interface ReviewEntryView {
  collection: ReviewCollection;
  slug: string;
  values: EditorValues;
  /** 0: only the file exists, nothing was saved in the browser yet. */
  latestVersion: number;
  /** A file of this name exists in the build; once stored, the stored version wins over it. */
  hasFile: boolean;
}

export async function openReviewEntry(
  db: Kysely<Database>,
  actor: SessionUser | null,
  collection: ReviewCollection,
  slug: string,
  context: ReviewEditorContext,
): Promise<Result<ReviewEntryView>> {
  const allowed = requireSecretariat(actor);
  if (!allowed.ok) return allowed;
  const key = reviewEntryKey(collection, slug);
  const row = await db.selectFrom('stored_review_entries').select('latest_version').where('entry_key', '=', key).executeTakeFirst();
  const file = context.fileEntry(collection, slug);
  const latest = row && Number(row.latest_version) > 0 ? await readReviewVersion(db, key, Number(row.latest_version)) : undefined;
  const shown = latest ?? file;
  if (!shown) return failure('not_found', 'reviewEditor.noSuchEntry');
  return success({ collection, slug, values: reviewValuesOf(collection, shown.data, shown.body), latestVersion: latest?.version ?? 0, hasFile: file !== undefined });
}

/** The stored entries (for the list: which were saved in the browser, at which version). */
export async function listStoredReviewEntries(db: Kysely<Database>, actor: SessionUser | null): Promise<Result<Map<string, { version: number; updatedAt: Date }>>> {
  const allowed = requireSecretariat(actor);
  if (!allowed.ok) return allowed;
  const entries = await readStoredReviewEntries(db);
  return success(new Map(entries.map((entry) => [reviewEntryKey(entry.collection, entry.slug), { version: entry.version, updatedAt: entry.updatedAt }])));
}
