// Saving a review phase or a country review from the browser: every save is a
// new version, shown on /review-mechanism, /countries and the dialogue pages
// at once on every instance (the change number and the public data version
// move in the same transaction), and written in the audit log. History is
// never rewritten: restoring a version saves it again as the newest.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireSecretariat } from '../auth/permissions';
import { recordDecision } from '../audit/audit-log';
import { recordPublicDataChange } from '../public-cache/public-data-version';
import { checkStoredContentNow } from '../event-editor/catalogue-freshness';
import { nextChangeSeq } from '../event-editor/stored-event-changes';
import { slugSchema } from '../event-editor/editor-schema';
import type { EditorValues } from '../event-editor/event-form';
import { failure, invalid, messageOfIssue, success, type Result } from '../result';
import { message } from '../../i18n/message';
import { parseReviewEntryForm } from './review-entry-form';
import {
  insertReviewVersion,
  listReviewVersions,
  lockReviewEntry,
  readReviewVersion,
  reserveReviewEntry,
  reviewEntryKey,
  type ReviewCollection,
  type ReviewEditorContext,
  type ReviewEntryContent,
  type StoredReviewVersion,
} from './review-entry-rows';

export interface SavedReviewEntry {
  collection: ReviewCollection;
  slug: string;
  version: number;
}

export const REVIEW_SLUG_TAKEN = message('reviewEditor.slugTaken');

/** A new phase or country review: its address (slug) is chosen here, once. */
export async function createReviewEntry(
  db: Kysely<Database>,
  actor: SessionUser | null,
  collection: ReviewCollection,
  posted: EditorValues,
  context: ReviewEditorContext,
): Promise<Result<SavedReviewEntry>> {
  const allowed = requireSecretariat(actor);
  if (!allowed.ok) return allowed;
  const slug = slugSchema.safeParse(posted.slug ?? '');
  const content = parseReviewEntryForm(collection, posted, context);
  if (!slug.success || !content.ok) {
    return invalid({ ...(slug.success ? {} : { slug: messageOfIssue(slug.error.issues[0]!) }), ...(content.ok ? {} : content.issues) });
  }
  if (context.fileEntry(collection, slug.data)) return invalid({ slug: REVIEW_SLUG_TAKEN });
  return storeReviewVersion(db, allowed.value, collection, slug.data, content, 'saved', context, true);
}

/** A new version of an existing entry (stored, or from a file: then it is stored from now on). */
export async function saveReviewEntry(
  db: Kysely<Database>,
  actor: SessionUser | null,
  collection: ReviewCollection,
  slug: string,
  posted: EditorValues,
  context: ReviewEditorContext,
): Promise<Result<SavedReviewEntry>> {
  const allowed = requireSecretariat(actor);
  if (!allowed.ok) return allowed;
  const content = parseReviewEntryForm(collection, posted, context);
  if (!content.ok) return invalid(content.issues);
  return storeReviewVersion(db, allowed.value, collection, slug, content, 'saved', context, false);
}

export async function restoreReviewEntry(
  db: Kysely<Database>,
  actor: SessionUser | null,
  collection: ReviewCollection,
  slug: string,
  posted: Record<string, unknown>,
  context: ReviewEditorContext,
): Promise<Result<SavedReviewEntry & { from: number }>> {
  const allowed = requireSecretariat(actor);
  if (!allowed.ok) return allowed;
  const from = Number(posted.version);
  const version = Number.isInteger(from) && from > 0 ? await readReviewVersion(db, reviewEntryKey(collection, slug), from) : undefined;
  if (!version) return invalid({ version: message('editor.versionFromList') });
  const saved = await storeReviewVersion(db, allowed.value, collection, slug, { data: version.data, body: version.body }, `restored ${from}`, context, false);
  return saved.ok ? success({ ...saved.value, from }) : saved;
}

export async function readReviewEntryHistory(db: Kysely<Database>, actor: SessionUser | null, collection: ReviewCollection, slug: string): Promise<Result<StoredReviewVersion[]>> {
  const allowed = requireSecretariat(actor);
  if (!allowed.ok) return allowed;
  const versions = await listReviewVersions(db, reviewEntryKey(collection, slug));
  if (versions.length === 0) return failure('not_found', 'editor.noVersions');
  return success(versions);
}

/** Writes version n+1 and shows it: one transaction with the audit entry and the news of the change. */
async function storeReviewVersion(
  db: Kysely<Database>,
  actor: SessionUser,
  collection: ReviewCollection,
  slug: string,
  content: ReviewEntryContent,
  note: string,
  context: ReviewEditorContext,
  creating: boolean,
): Promise<Result<SavedReviewEntry>> {
  const key = reviewEntryKey(collection, slug);
  const result = await db.transaction().execute(async (trx): Promise<Result<SavedReviewEntry>> => {
    // The address is reserved and the first version written in one transaction: a failure between the two leaves no empty row.
    if (creating && !(await reserveReviewEntry(trx, collection, slug, 'browser', 0, actor.id, context.now.toISOString()))) return invalid({ slug: REVIEW_SLUG_TAKEN });
    const row = await lockReviewEntry(trx, collection, slug, context, actor.id);
    if (!row) return failure('not_found', 'reviewEditor.noSuchEntry');
    const version = Number(row.latest_version) + 1;
    await insertReviewVersion(trx, key, version, content, actor.id, context.now, note);
    await recordDecision(
      trx,
      { actorUserId: actor.id, action: note.startsWith('restored') ? 'review-entry.restored' : 'review-entry.saved', subjectType: 'review-entry', subjectId: key, details: { version, note } },
      context.now,
    );
    await trx.updateTable('stored_review_entries').set({ latest_version: version, change_seq: await nextChangeSeq(trx, 'reviewEntries') }).where('entry_key', '=', key).execute();
    await recordPublicDataChange(trx);
    return success({ collection, slug, version });
  });
  if (result.ok) checkStoredContentNow();
  return result;
}
