// `npm run whatson -- events export <dir>` and `events import <dir>`.
import { resolve } from 'node:path';
import type { SessionUser } from '../server/auth/sessions';
import { contentDirectory, topicSlugsOnDisk } from '../server/content-directory';
import { database } from '../server/db/index';
import { migrateToLatest } from '../server/db/migrate';
import { readEventFiles, type RejectedFile } from '../server/event-editor/event-files';
import { exportEvents, importEvents } from '../server/event-editor/event-transfer';
import { keyOf } from '../server/event-editor/stored-event-rows';
import { translate } from '../i18n/translate';

type Output = { log: (line: string) => void; error: (line: string) => void };

function reportRejected(rejected: readonly RejectedFile[], out: Output): void {
  for (const file of rejected) out.error(`${file.path}: ${Object.entries(file.issues).map(([field, message]) => `${field}: ${translate('en', message)}`).join('; ')}`);
}

export async function transferEvents(args: string[], out: Output, operator: SessionUser): Promise<number> {
  const [direction, directory] = args;
  if ((direction !== 'export' && direction !== 'import') || !directory) {
    out.error('Usage: npm run whatson -- events export <dir> | events import <dir>');
    return 1;
  }
  await migrateToLatest(database());
  const content = contentDirectory();
  if (direction === 'export') {
    const { written, reviewEntries, rejected } = await exportEvents(database().db, content, resolve(directory));
    reportRejected(rejected, out);
    out.log(`Wrote ${written} event(s) and the topics, with the Review Mechanism's entries (${reviewEntries} as saved in the browser), to ${resolve(directory)}; build from it with WHATSON_CONTENT_DIR=${resolve(directory)}.`);
    return 0;
  }
  const { files } = await readEventFiles(content);
  const byKey = new Map(files.map((file) => [keyOf(file.collection, file.slug), file]));
  const result = await importEvents(database().db, operator, resolve(directory), {
    knownTopics: topicSlugsOnDisk(content),
    fileEvent: (collection, slug) => byKey.get(keyOf(collection, slug)),
    now: new Date(),
  });
  if (!result.ok) {
    out.error('message' in result ? translate('en', result.message) : 'Not allowed.');
    return 1;
  }
  reportRejected(result.value.rejected, out);
  out.log(`Imported ${result.value.imported.length} event(s) as drafts: publish each from /admin/events/<collection>/<slug>/edit.`);
  for (const key of result.value.imported) out.log(`  ${key}`);
  return result.value.rejected.length ? 1 : 0;
}
