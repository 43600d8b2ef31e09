// What the scheduled digest job reads on each pass: the content folder once
// (it is fixed for the life of the build), what the browser stored every time.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { digestSourcesReader, readDigestSources, type DigestSources } from '../../src/server/digests/digest-job';
import { contentToMarkdown, writeEventFiles } from '../../src/server/event-editor/event-files';
import { contentIn } from '../../src/server/translations/content-text';
import { createEvent } from '../../src/server/event-editor/save-event';
import { editorValuesOf } from '../../src/server/event-editor/event-form';
import { keyOf } from '../../src/server/event-editor/stored-event-rows';
import { DIALECTS, useMigratedDatabase } from '../support/databases';
import { frontMatter, TOPIC_SLUGS, TOPIC_TITLES, writeDialoguesNamedOtherwise } from '../support/event-fixtures';
import { createMember } from '../support/members';

const NOW = new Date('2027-01-10T09:00:00Z');
const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** A content folder of the test's own: the topics, and one dialogue from a file. */
async function contentFolder(): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'whatson-digest-sources-'));
  folders.push(folder);
  mkdirSync(join(folder, 'topics'));
  for (const [slug, title] of TOPIC_TITLES) writeFileSync(join(folder, 'topics', `${slug}.md`), `---\ntitle: ${title}\n---\n`);
  await writeEventFiles(folder, [{ collection: 'dialogues', slug: 'from-a-file', data: frontMatter({ workingGroup: 'firearms' }), body: 'From a file.' }], folder);
  return folder;
}

describe.each(DIALECTS)('the digest job’s sources on %s', (dialect) => {
  let handle: DatabaseHandle;
  useMigratedDatabase(dialect, (opened) => {
    handle = opened;
  });

  it('reads the content folder on its first pass only, and what the browser stored on every pass', async () => {
    const folder = await contentFolder();
    const fromFile = keyOf('dialogues', 'from-a-file');
    const keys = (sources: DigestSources) => sources.events.map((event) => keyOf(event.collection, event.slug)).sort();

    const readSources = digestSourcesReader(handle.db, folder);
    const first = await readSources();
    expect(keys(first)).toEqual([fromFile]);
    expect(first.topicTitles).toEqual(TOPIC_TITLES);

    // A running build's folder does not change under it; emptied here, it shows the job does not read it again.
    rmSync(join(folder, 'dialogues'), { recursive: true });
    const secretariat = await createMember(handle.db, null, 'secretariat');
    const context = { knownTopics: TOPIC_SLUGS, fileEvent: () => undefined, now: NOW };
    const created = await createEvent(handle.db, secretariat, { ...editorValuesOf(frontMatter({ workingGroup: 'firearms', title: 'Made in the browser' }), 'Body'), collection: 'dialogues', slug: 'made-in-the-browser', action: 'publish' }, context);
    expect(created.ok).toBe(true);

    const second = await readSources();
    expect(keys(second)).toEqual([fromFile, keyOf('dialogues', 'made-in-the-browser')].sort());
    expect(second.events.find((event) => event.slug === 'made-in-the-browser')?.title).toBe('Made in the browser');
    // The file's event is the one converted on the first pass, not made again.
    expect(second.events.find((event) => event.slug === 'from-a-file')).toBe(first.events[0]);
    // A reading from scratch (the CLI's `whatson digest send`) sees the folder as it is now.
    expect(keys(await readDigestSources(folder, handle.db))).toEqual([keyOf('dialogues', 'made-in-the-browser')]);
  });

  it('gives an event from a file the translations in the files beside it, as its page has them', async () => {
    const folder = await contentFolder();
    writeFileSync(join(folder, 'dialogues', 'from-a-file.fr.md'), contentToMarkdown({ title: 'Dialogue sur les armes à feu', summary: 'Un résumé en français.' }, 'Depuis un fichier.'));
    const [event] = (await readDigestSources(folder, handle.db)).events;
    expect(contentIn(event!, 'fr').title).toBe('Dialogue sur les armes à feu');
    expect(contentIn(event!, 'es').title).toBe(event!.title);
  });

  it('names an event from a file as its page is named (the front matter’s slug, else the file name made a slug), its translations found by the file’s name', async () => {
    const folder = await contentFolder();
    writeDialoguesNamedOtherwise(folder);
    const { events, problems } = await readDigestSources(folder, handle.db);
    expect(problems).toEqual([]);
    const bySlug = new Map(events.map((event) => [event.slug, event]));
    expect([...bySlug.keys()].sort()).toEqual(['chosen-slug', 'firearms-dialogue', 'from-a-file']);
    expect(contentIn(bySlug.get('chosen-slug')!, 'fr').title).toBe('Nommé dans son en-tête');
    expect(contentIn(bySlug.get('firearms-dialogue')!, 'fr').title).toBe('Nommé par son fichier');
  });
});
