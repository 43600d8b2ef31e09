// Files and the browser together: `events export` writes the catalogue's
// current state as Markdown that reads back to the same events, and
// `events import` loads files as drafts.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import type { SessionUser } from '../../src/server/auth/sessions';
import { readEventFiles, type EventFile } from '../../src/server/event-editor/event-files';
import { currentEvents, exportEvents, importEvents } from '../../src/server/event-editor/event-transfer';
import { saveEvent, createEvent } from '../../src/server/event-editor/save-event';
import { unpublishEvent } from '../../src/server/event-editor/unpublish-event';
import { editorValuesOf } from '../../src/server/event-editor/event-form';
import { keyOf, listVersions, type EditorContext } from '../../src/server/event-editor/stored-event-rows';
import { topicSlugsOnDisk } from '../../src/server/content-directory';
import { toPortalEvent } from '../../src/server/events/portal-event';
import { createTestDatabase, DIALECTS, useMigratedDatabase } from '../support/databases';
import { createMember } from '../support/members';
import { runWhatson } from '../support/cli';
import { TOPIC_SLUGS, TOPIC_TITLES, writeDialoguesNamedOtherwise } from '../support/event-fixtures';

const CONTENT = resolve('content');
const NOW = new Date('2027-01-10T09:00:00Z');
const folders: string[] = [];
function temporaryFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'whatson-events-'));
  folders.push(folder);
  return folder;
}
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

async function contentContext(): Promise<EditorContext & { files: EventFile[] }> {
  const { files, rejected } = await readEventFiles(CONTENT);
  expect(rejected).toEqual([]);
  const byKey = new Map(files.map((file) => [keyOf(file.collection, file.slug), file]));
  return { files, knownTopics: topicSlugsOnDisk(CONTENT), fileEvent: (collection, slug) => byKey.get(keyOf(collection, slug)), now: NOW };
}

const resolved = (events: readonly EventFile[]) =>
  events.map((event) => ({ ...toPortalEvent(event.collection, event.slug, event.data, new Map()), body: event.body.trim() })).sort((a, b) => `${a.collection}/${a.slug}`.localeCompare(`${b.collection}/${b.slug}`));

describe.each(DIALECTS)('events export and import on %s', (dialect) => {
  let handle: DatabaseHandle;
  let secretariat: SessionUser;
  useMigratedDatabase(dialect, async (opened) => {
    handle = opened;
    secretariat = await createMember(opened.db, null, 'secretariat');
  });

  it('exports files and browser versions as Markdown that reads back to the same events (round trip)', async () => {
    const context = await contentContext();
    const file = context.files.find((candidate) => candidate.collection === 'dialogues')!;
    const hidden = context.files.find((candidate) => candidate.collection === 'events')!;
    await saveEvent(handle.db, secretariat, file.collection, file.slug, { ...editorValuesOf(file.data, file.body), title: 'Edited: "quotes", colons: and #hashes', action: 'publish' }, context);
    await unpublishEvent(handle.db, secretariat, hidden.collection, hidden.slug, { reason: 'Withdrawn.' }, context);
    await createEvent(handle.db, secretariat, { ...editorValuesOf({ ...file.data, title: 'Made in the browser', start: '2027-09-01T10:00', end: '2027-09-01T12:00' }, 'Body\n\n- one\n- two'), collection: 'dialogues', slug: 'made-in-the-browser', action: 'publish' }, context);
    await createEvent(handle.db, secretariat, { ...editorValuesOf(file.data, ''), collection: 'dialogues', slug: 'never-published-draft' }, context);

    const folder = temporaryFolder();
    const { written, rejected } = await exportEvents(handle.db, CONTENT, folder);
    expect(rejected).toEqual([]);
    expect(written).toBe(context.files.length);
    const readBack = await readEventFiles(folder);
    expect(readBack.rejected).toEqual([]);
    expect(resolved(readBack.files)).toEqual(resolved((await currentEvents(handle.db, CONTENT)).events));
    const keys = readBack.files.map((event) => keyOf(event.collection, event.slug));
    expect(keys).toContain('dialogues/made-in-the-browser');
    expect(keys).not.toContain('dialogues/never-published-draft');
    expect(keys).not.toContain(keyOf(hidden.collection, hidden.slug));
    expect(readBack.files.find((event) => event.slug === file.slug)?.data.title).toBe('Edited: "quotes", colons: and #hashes');
    expect(readFileSync(join(folder, 'topics', 'firearms.md'), 'utf8')).toBe(readFileSync(join(CONTENT, 'topics', 'firearms.md'), 'utf8'));
  });

  it('exports and imports an event from a file under its page’s name, the front matter’s slug or the file name made a slug, with its translation files', async () => {
    const source = temporaryFolder();
    mkdirSync(join(source, 'topics'));
    mkdirSync(join(source, 'dialogues'));
    for (const [slug, title] of TOPIC_TITLES) writeFileSync(join(source, 'topics', `${slug}.md`), `---\ntitle: ${title}\n---\n`);
    writeDialoguesNamedOtherwise(source);
    const { files } = await readEventFiles(source);
    const byKey = new Map(files.map((file) => [keyOf(file.collection, file.slug), file]));
    expect([...byKey.keys()].sort()).toEqual(['dialogues/chosen-slug', 'dialogues/firearms-dialogue']);
    const context: EditorContext = { knownTopics: TOPIC_SLUGS, fileEvent: (collection, slug) => byKey.get(keyOf(collection, slug)), now: NOW };

    // Edited in the browser under its page's name, the event replaces its file in the export rather than joining it.
    const named = byKey.get('dialogues/chosen-slug')!;
    expect((await saveEvent(handle.db, secretariat, 'dialogues', 'chosen-slug', { ...editorValuesOf(named.data, named.body), title: 'Edited in the browser', action: 'publish' }, context)).ok).toBe(true);
    const exported = temporaryFolder();
    await exportEvents(handle.db, source, exported);
    expect(readdirSync(join(exported, 'dialogues')).sort()).toEqual(['chosen-slug.md', 'firearms-dialogue.fr.md', 'firearms-dialogue.md']);
    const readBack = await readEventFiles(exported);
    expect(readBack.files.map((file) => [file.slug, file.data.title]).sort()).toEqual([['chosen-slug', 'Edited in the browser'], ['firearms-dialogue', 'Named by its file']]);

    // Imported, each becomes a draft under its page's name, with the translation its file had.
    const imported = await importEvents(handle.db, secretariat, source, { ...context, fileEvent: () => undefined });
    expect(imported.ok && imported.value.imported.sort()).toEqual(['dialogues/chosen-slug', 'dialogues/firearms-dialogue']);
    const [latest] = await listVersions(handle.db, 'dialogues/firearms-dialogue');
    expect(latest?.translations?.fr?.title).toBe('Nommé par son fichier');
  });

  it('imports files as drafts, new events and new versions of existing ones alike, and reports files the schema refuses', async () => {
    const context = await contentContext();
    const folder = temporaryFolder();
    await exportEvents(handle.db, CONTENT, folder);
    writeFileSync(join(folder, 'dialogues', 'broken.md'), '---\ntitle: Broken\n---\n');
    const result = await importEvents(handle.db, secretariat, folder, context);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.imported).toHaveLength(context.files.length);
    expect(result.value.rejected.map((file) => file.path)).toEqual([join(folder, 'dialogues', 'broken.md')]);
    const states = await handle.db.selectFrom('stored_events').select(['state']).execute();
    expect(new Set(states.map((row) => row.state))).toEqual(new Set(['published']));
    const file = context.files[0]!;
    const versions = await listVersions(handle.db, keyOf(file.collection, file.slug));
    expect(versions.map((version) => [version.version, version.note])).toEqual([[2, 'imported'], [1, 'file']]);
  });
});

describe.each(DIALECTS)('the events command on %s', (dialect) => {
  it('runs as `npm run whatson -- events export|import <dir>`', async () => {
    const database = await createTestDatabase(dialect);
    try {
      const folder = temporaryFolder();
      const env = { DATABASE_URL: database.url, WHATSON_CONTENT_DIR: CONTENT };
      const exported = runWhatson(['events', 'export', folder], env);
      expect(exported.status, exported.stderr).toBe(0);
      expect(exported.stdout).toMatch(/Wrote \d+ event\(s\) and the topics/);
      expect(readFileSync(join(folder, 'dialogues', '2027-03-firearms.md'), 'utf8')).toMatch(/^---\ntitle: "/);
      const imported = runWhatson(['events', 'import', folder], env);
      expect(imported.status, imported.stderr).toBe(0);
      expect(imported.stdout).toContain('dialogues/2027-03-firearms');
      expect(runWhatson(['events', 'sideways'], env).stderr).toContain('Usage: npm run whatson -- events export <dir> | events import <dir>');
    } finally {
      await database.drop();
    }
  });
});
