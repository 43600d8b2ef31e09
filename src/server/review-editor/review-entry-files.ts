// The Review Mechanism's entries saved in the browser as Markdown files in the
// content format, so the secretariat can commit them: one entry to download
// from its editor page, or every stored entry written into an exported
// content folder (`events export`) over the files of the same name.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireSecretariat } from '../auth/permissions';
import { failure, success, type Result } from '../result';
import { contentToMarkdown } from '../event-editor/event-files';
import { readReviewVersion, readStoredReviewEntries, reviewEntryKey, type ReviewCollection, type ReviewEditorContext } from './review-entry-rows';

/** The entry as the pages show it now (the stored version, or its file), as the text of its file. */
export async function reviewEntryFile(
  db: Kysely<Database>,
  actor: SessionUser | null,
  collection: ReviewCollection,
  slug: string,
  context: ReviewEditorContext,
): Promise<Result<{ name: string; text: string }>> {
  const allowed = requireSecretariat(actor);
  if (!allowed.ok) return allowed;
  const key = reviewEntryKey(collection, slug);
  const row = await db.selectFrom('stored_review_entries').select('latest_version').where('entry_key', '=', key).executeTakeFirst();
  const shown = (row && (await readReviewVersion(db, key, Number(row.latest_version)))) || context.fileEntry(collection, slug);
  if (!shown) return failure('not_found', 'reviewEditor.noSuchEntry');
  return success({ name: `${slug}.md`, text: contentToMarkdown(shown.data, shown.body) });
}

/** Writes every stored entry into `<directory>/review-phases` and `<directory>/country-reviews`; how many. */
export async function writeStoredReviewEntries(db: Kysely<Database>, directory: string): Promise<number> {
  const entries = await readStoredReviewEntries(db);
  for (const entry of entries) {
    await mkdir(join(directory, entry.collection), { recursive: true });
    await writeFile(join(directory, entry.collection, `${entry.slug}.md`), contentToMarkdown(entry.data, entry.body));
  }
  return entries.length;
}
