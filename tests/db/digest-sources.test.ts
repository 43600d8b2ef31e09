// What the scheduled digest job reads on each pass: the content folder once
// (it is fixed for the life of the build), what the browser stored every time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { digestSourcesReader, readDigestSources, type DigestSources } from '../../src/server/digests/digest-job';
import { readEventFiles, writeEventFiles } from '../../src/server/event-editor/event-files';
import { createEvent } from '../../src/server/event-editor/save-event';
import { editorValuesOf } from '../../src/server/event-editor/event-form';
import { keyOf } from '../../src/server/event-editor/stored-event-rows';
import { topicSlugsOnDisk } from '../../src/server/content-directory';
import { DIALECTS, useMigratedDatabase } from '../support/databases';
import { createMember } from '../support/members';

const CONTENT = resolve('content');
const NOW = new Date('2027-01-10T09:00:00Z');
const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

describe.each(DIALECTS)('the digest job’s sources on %s', (dialect) => {
  let handle: DatabaseHandle;
  useMigratedDatabase(dialect, (opened) => {
    handle = opened;
  });

  it('reads the content folder on its first pass only, and what the browser stored on every pass', async () => {
    const { files } = await readEventFiles(CONTENT);
    const fromFile = files.find((file) => file.collection === 'dialogues')!;
    const folder = mkdtempSync(join(tmpdir(), 'whatson-digest-sources-'));
    folders.push(folder);
    await writeEventFiles(folder, [fromFile], CONTENT);
    const keys = (sources: DigestSources) => sources.events.map((event) => keyOf(event.collection, event.slug)).sort();

    const readSources = digestSourcesReader(handle.db, folder);
    const first = await readSources();
    expect(keys(first)).toEqual([keyOf(fromFile.collection, fromFile.slug)]);
    expect(first.topicTitles.size).toBe(topicSlugsOnDisk(CONTENT).length);

    // A running build's folder does not change under it; emptied here, it shows the job does not read it again.
    rmSync(join(folder, fromFile.collection), { recursive: true });
    const secretariat = await createMember(handle.db, null, 'secretariat');
    const context = { knownTopics: topicSlugsOnDisk(CONTENT), fileEvent: () => undefined, now: NOW };
    const created = await createEvent(handle.db, secretariat, { ...editorValuesOf({ ...fromFile.data, title: 'Made in the browser' }, 'Body'), collection: 'dialogues', slug: 'made-in-the-browser', action: 'publish' }, context);
    expect(created.ok).toBe(true);

    const second = await readSources();
    expect(keys(second)).toEqual([keyOf(fromFile.collection, fromFile.slug), keyOf('dialogues', 'made-in-the-browser')].sort());
    expect(second.events.find((event) => event.slug === 'made-in-the-browser')?.title).toBe('Made in the browser');
    // The file's event is the one converted on the first pass, not made again.
    expect(second.events.find((event) => event.slug === fromFile.slug)).toBe(first.events[0]);
    // A reading from scratch (the CLI's `whatson digest send`) sees the folder as it is now.
    expect(keys(await readDigestSources(folder, handle.db))).toEqual([keyOf('dialogues', 'made-in-the-browser')]);
  });
});
