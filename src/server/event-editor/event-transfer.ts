// `events export` and `events import`: the catalogue's current state (files,
// with what the browser stored winning) written as Markdown, and Markdown
// loaded into the editor as drafts.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireSecretariat } from '../auth/permissions';
import { success, type Result } from '../result';
import { message } from '../../i18n/message';
import { readEventFiles, translationsKeyOf, writeEventFiles, type EventFile, type EventFilesRead, type RejectedFile } from './event-files';
import { SLUG_TAKEN, storeVersion } from './save-event';
import { keyOf, parseStoredData, type EditorContext } from './stored-event-rows';
import { slugSchema } from './editor-schema';
import { writeStoredReviewEntries } from '../review-editor/review-entry-files';
import { readContentTranslations } from '../translations/translation-files';

/**
 * Files, replaced or hidden by what the database stores, plus events made in
 * the browser; drafts never published are left out. `filesRead`: the folder
 * as read before, by a caller that reads it once for many calls.
 */
export async function currentEvents(db: Kysely<Database>, contentDirectory: string, filesRead?: EventFilesRead): Promise<{ events: EventFile[]; rejected: RejectedFile[] }> {
  const { files, rejected } = filesRead ?? (await readEventFiles(contentDirectory));
  const rows = await db
    .selectFrom('stored_events as e')
    .leftJoin('stored_event_versions as v', (join) => join.onRef('v.event_key', '=', 'e.event_key').onRef('v.version', '=', 'e.published_version'))
    .select(['e.event_key', 'e.collection', 'e.slug', 'e.state', 'v.data', 'v.body'])
    .execute();
  const byKey = new Map(files.map((file) => [keyOf(file.collection, file.slug), file]));
  for (const row of rows) {
    if (row.state === 'draft') continue;
    if (row.state === 'unpublished' || row.data === null) byKey.delete(row.event_key);
    else byKey.set(row.event_key, { collection: row.collection as EventFile['collection'], slug: row.slug, ...parseStoredData(row.data), body: row.body ?? '' });
  }
  return { events: [...byKey.values()], rejected };
}

/** The events, and the Review Mechanism's entries with what the browser stored winning, so the folder builds the same pages. */
export async function exportEvents(db: Kysely<Database>, contentDirectory: string, directory: string): Promise<{ written: number; reviewEntries: number; rejected: RejectedFile[] }> {
  const { events, rejected } = await currentEvents(db, contentDirectory);
  await writeEventFiles(directory, events, contentDirectory);
  const reviewEntries = await writeStoredReviewEntries(db, directory);
  return { written: events.length, reviewEntries, rejected };
}

export interface ImportReport {
  imported: string[];
  rejected: RejectedFile[];
}

/** Each valid file becomes a new draft version of its event (a new event when the address is free); nothing is published. */
export async function importEvents(db: Kysely<Database>, actor: SessionUser, directory: string, context: EditorContext): Promise<Result<ImportReport>> {
  const allowed = requireSecretariat(actor);
  if (!allowed.ok) return allowed;
  const { files, rejected } = await readEventFiles(directory, context.knownTopics);
  // Each file's translation files beside it become the version's translations.
  const translations = readContentTranslations(directory);
  const imported: string[] = [];
  for (const file of files) {
    const key = keyOf(file.collection, file.slug);
    if (!slugSchema.safeParse(file.slug).success) {
      rejected.push({ path: key, issues: { slug: message('editor.slugForm') } });
      continue;
    }
    // A file's event gets its row (and the file as version 1) when the version is stored; any other address is reserved in the same transaction.
    const reservation = context.fileEvent(file.collection, file.slug) ? undefined : ({ origin: 'import', onlyIfNew: false } as const);
    const saved = await storeVersion(db, allowed.value, file.collection, file.slug, { ...file, translations: translations.get(translationsKeyOf(file)) ?? {} }, 'save', 'imported', context, reservation);
    if (saved.ok) imported.push(key);
    else rejected.push({ path: key, issues: { form: 'message' in saved ? saved.message : SLUG_TAKEN } });
  }
  return success({ imported, rejected });
}
