// Events as Markdown files in the collection format (front matter + body), both
// ways: so what the secretariat made in the browser can go back into a
// repository, and files can be loaded into the editor as drafts. Outside
// Astro (the CLI), so files are read and checked with the same schemas here.
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { translationFileName } from '../translations/translation-files';
import { COLLECTIONS, eventFilesOnDisk, eventIdOf, topicSlugsOnDisk, type CollectionName } from '../content-directory';
import type { EventEntryData } from '../events/portal-event';
import type { ContentTranslations } from '../translations/content-text';
import { messageOfIssue, type FieldIssues } from '../result';
import { message } from '../../i18n/message';
import { frontMatterSchema } from './editor-schema';
import { COUNTRY_REVIEWS_FOLDER, REVIEW_PHASES_FOLDER, entryNamesIn } from '../review-mechanism/review-files';

export interface EventFile {
  collection: CollectionName;
  /** The event's id, as the build names it (eventIdOf). */
  slug: string;
  /** Set for an event read from a file: the file's name without `.md`, which its translation files (<name>.<locale>.md) carry. */
  fileName?: string;
  data: EventEntryData;
  body: string;
  /** Set for a version stored in the browser: its translations, written as <slug>.<locale>.md (and a file's own translation files are not copied then). */
  translations?: ContentTranslations;
}

/** The name an event's translation files carry (<name>.<locale>.md): the file's own name, not the event's address, which only a stored version falls back on. */
function translationsNameOf(file: Pick<EventFile, 'slug' | 'fileName'>): string {
  return file.fileName ?? file.slug;
}

/** The key of an event file's translation files in readContentTranslations' map. */
export function translationsKeyOf(file: Pick<EventFile, 'collection' | 'slug' | 'fileName'>): string {
  return `${file.collection}/${translationsNameOf(file)}`;
}

export interface RejectedFile {
  path: string;
  issues: FieldIssues;
}

/** A folder's event files as read: those the schemas accept, and the others with why. */
export interface EventFilesRead {
  files: EventFile[];
  rejected: RejectedFile[];
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** A content file's text: front matter (any collection's) and Markdown body. */
export function contentToMarkdown(data: object, body: string): string {
  // Times stay quoted strings: unquoted, YAML would read them as dates.
  return `---\n${stringify(data, { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' })}---\n${body.endsWith('\n') || body === '' ? body : `${body}\n`}`;
}

/** Every event file of `directory` (its events/, side-events/, dialogues/), checked by its collection's schema against the topics in `topics`. */
export async function readEventFiles(directory: string, topics: readonly string[] = topicSlugsOnDisk(directory)): Promise<EventFilesRead> {
  const files: EventFile[] = [];
  const rejected: RejectedFile[] = [];
  for await (const { collection, fileName, path } of eventFilesOnDisk(directory)) {
    const match = FRONT_MATTER.exec(await readFile(path, 'utf8'));
    let raw: unknown;
    try {
      raw = match ? parse(match[1]!) : undefined;
    } catch (error) {
      rejected.push({ path, issues: { form: message('editor.contentIssue', { detail: `the front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}` }) } });
      continue;
    }
    if (!match || !raw || typeof raw !== 'object') {
      rejected.push({ path, issues: { form: message('editor.contentIssue', { detail: 'no front matter between --- lines' }) } });
      continue;
    }
    const parsed = frontMatterSchema(collection, topics).safeParse(raw);
    if (!parsed.success) {
      rejected.push({ path, issues: Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.') || 'form', messageOfIssue(issue)])) });
      continue;
    }
    files.push({ collection, slug: eventIdOf(fileName, raw), fileName: fileName.slice(0, -3), data: parsed.data as EventEntryData, body: match[2]!.replace(/^\r?\n/, '') });
  }
  return { files, rejected };
}

/** Writes the events and copies the topics of `contentDirectory`, so `directory` builds on its own. */
export async function writeEventFiles(directory: string, events: readonly EventFile[], contentDirectory: string): Promise<void> {
  for (const collection of COLLECTIONS) await mkdir(join(directory, collection), { recursive: true });
  await mkdir(join(directory, 'topics'), { recursive: true });
  for (const topic of topicSlugsOnDisk(contentDirectory)) await copyFile(join(contentDirectory, 'topics', `${topic}.md`), join(directory, 'topics', `${topic}.md`));
  for (const event of events) {
    await writeFile(join(directory, event.collection, `${event.slug}.md`), contentToMarkdown(event.data, event.body));
    // A stored version's translations, as the translation files beside it.
    for (const [locale, translation] of Object.entries(event.translations ?? {})) {
      await writeFile(join(directory, event.collection, `${event.slug}.${locale}.md`), contentToMarkdown({ title: translation.title, summary: translation.summary }, translation.body));
    }
  }
  // A file's translation files go with its original, when that is written from the file (a stored version carries its own, above), named after it as written.
  for (const folder of [...COLLECTIONS, 'topics'] as const) {
    const writtenAs = new Map(
      folder === 'topics'
        ? topicSlugsOnDisk(contentDirectory).map((topic) => [topic, topic])
        : events.filter((event) => event.collection === folder && event.translations === undefined).map((event) => [translationsNameOf(event), event.slug]),
    );
    let names: string[] = [];
    try {
      names = await readdir(join(contentDirectory, folder));
    } catch {
      continue;
    }
    for (const name of names) {
      const translation = translationFileName(name);
      const original = translation && writtenAs.get(translation.name);
      if (original) await copyFile(join(contentDirectory, folder, name), join(directory, folder, `${original}.${translation.language}.md`));
    }
  }
  // The Review Mechanism's files (which the caller may then overwrite with what the browser stored) and the knowledge hub's; event pages show them, so the folder carries them.
  for (const folder of [REVIEW_PHASES_FOLDER, COUNTRY_REVIEWS_FOLDER, 'resources']) {
    const names = entryNamesIn(contentDirectory, folder);
    if (names.length > 0) await mkdir(join(directory, folder), { recursive: true });
    for (const name of names) await copyFile(join(contentDirectory, folder, `${name}.md`), join(directory, folder, `${name}.md`));
  }
}
