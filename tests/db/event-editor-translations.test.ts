// Translations of events edited in the browser, on both databases: saved with
// the version (so history and restore carry them), checked as translation
// files are, shown through contentIn as files' are, prefilled from a file's
// translation files, and written back as <slug>.<locale>.md by the export.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import type { SessionUser } from '../../src/server/auth/sessions';
import { createEvent, saveEvent } from '../../src/server/event-editor/save-event';
import { openEditor } from '../../src/server/event-editor/open-editor';
import { diffVersions, readHistory, restoreVersion } from '../../src/server/event-editor/event-history';
import { editorValuesOf, type EditorValues } from '../../src/server/event-editor/event-form';
import { exportEvents, importEvents } from '../../src/server/event-editor/event-transfer';
import { contentToMarkdown } from '../../src/server/event-editor/event-files';
import { readStoredEventChanges } from '../../src/server/event-editor/stored-event-changes';
import { readVersion, type EditorContext, type FileEvent } from '../../src/server/event-editor/stored-event-rows';
import { assembleCatalogue, StoredEventState } from '../../src/server/events/catalogue-assembly';
import { contentIn } from '../../src/server/translations/content-text';
import { toPortalEvent } from '../../src/server/events/portal-event';
import { readContentTranslations, translationProblem } from '../../src/server/translations/translation-files';
import { DIALECTS, useMigratedDatabase } from '../support/databases';
import { frontMatter, TOPIC_SLUGS, TOPIC_TITLES } from '../support/event-fixtures';
import { createMember } from '../support/members';
import { saying } from '../support/messages-in-english';

const NOW = new Date('2027-05-01T12:00:00Z');
const SLUG = '2027-07-smuggling-dialogue';
const FILE_SLUG = '2027-03-firearms-dialogue';
const FILE: FileEvent = {
  data: frontMatter({ workingGroup: 'firearms' }),
  body: 'From the **file**.',
  translations: { es: { title: 'Diálogo constructivo sobre armas de fuego', summary: 'La sociedad civil y los Estados debaten el Protocolo sobre Armas de Fuego.', body: 'Del **archivo**.' } },
};
const FRENCH = {
  'translations.fr.title': 'Dialogue constructif sur le trafic illicite de migrants',
  'translations.fr.summary': 'La société civile et les États débattent du Protocole relatif aux migrants.',
  'translations.fr.body': 'Venez **débattre**.',
};

const folders: string[] = [];
function temporaryFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'whatson-translations-'));
  folders.push(folder);
  return folder;
}
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function contextAt(now = NOW): EditorContext {
  return { knownTopics: TOPIC_SLUGS, fileEvent: (collection, slug) => (collection === 'dialogues' && slug === FILE_SLUG ? FILE : undefined), now };
}

function dialogueValues(extra: EditorValues = {}): EditorValues {
  const data = frontMatter({ title: 'Dialogue on smuggling of migrants', topics: ['smuggling-of-migrants'], workingGroup: 'smuggling-of-migrants', illustrative: false });
  return { collection: 'dialogues', slug: SLUG, ...editorValuesOf(data, 'Come and **talk**.'), ...extra };
}

async function stateOf(db: DatabaseHandle['db']) {
  const state = new StoredEventState();
  state.apply(await readStoredEventChanges(db, 0), TOPIC_TITLES);
  return state;
}

async function catalogueOf(db: DatabaseHandle['db']) {
  return assembleCatalogue({ topics: [], events: [], entries: new Map() }, await stateOf(db));
}

describe.each(DIALECTS)('translations in the event editor on %s', (dialect) => {
  let handle: DatabaseHandle;
  let secretariat: SessionUser;
  useMigratedDatabase(dialect, async (opened) => {
    handle = opened;
    secretariat = await createMember(opened.db, null, 'secretariat');
  });

  it('saves a French translation with the version: contentIn gives it on French pages, the original elsewhere', async () => {
    const saved = await createEvent(handle.db, secretariat, dialogueValues({ ...FRENCH, action: 'publish' }), contextAt());
    expect(saved).toMatchObject({ ok: true, value: { version: 1, published: true } });
    const event = (await catalogueOf(handle.db)).findEvent('dialogues', SLUG)!;
    expect(contentIn(event, 'fr')).toEqual({ title: FRENCH['translations.fr.title'], summary: FRENCH['translations.fr.summary'], body: 'Venez **débattre**.', lang: 'fr', dir: 'ltr', untranslated: false });
    expect(contentIn(event, 'ar')).toMatchObject({ title: 'Dialogue on smuggling of migrants', lang: 'en', dir: 'ltr', untranslated: true });
    expect(contentIn(event, 'en')).toMatchObject({ title: 'Dialogue on smuggling of migrants', untranslated: false });
    // The editor opens with it, and an untouched language stays empty (no translation).
    const opened = await openEditor(handle.db, secretariat, 'dialogues', SLUG, contextAt());
    expect(opened.ok && opened.value.values).toMatchObject(FRENCH);
    expect(opened.ok && opened.value.values['translations.es.title']).toBeUndefined();
    expect((await readVersion(handle.db, `dialogues/${SLUG}`, 1))?.translations).toEqual({ fr: { title: FRENCH['translations.fr.title'], summary: FRENCH['translations.fr.summary'], body: 'Venez **débattre**.' } });
  });

  it('keeps translations in the history: a version without one shows the change, and restoring brings it back', async () => {
    await createEvent(handle.db, secretariat, dialogueValues({ ...FRENCH, action: 'publish' }), contextAt());
    await saveEvent(handle.db, secretariat, 'dialogues', SLUG, { ...dialogueValues(), action: 'publish' }, contextAt());
    expect(contentIn((await catalogueOf(handle.db)).findEvent('dialogues', SLUG)!, 'fr').untranslated).toBe(true);
    const history = await readHistory(handle.db, secretariat, 'dialogues', SLUG);
    if (!history.ok) throw new Error('no history');
    const [second, first] = history.value;
    expect(diffVersions(first!, second!)).toEqual([
      { field: 'translations.fr.title', before: FRENCH['translations.fr.title'], after: '' },
      { field: 'translations.fr.summary', before: FRENCH['translations.fr.summary'], after: '' },
      { field: 'translations.fr.body', before: 'Venez **débattre**.', after: '' },
    ]);
    expect(await restoreVersion(handle.db, secretariat, 'dialogues', SLUG, { version: '1' }, contextAt())).toMatchObject({ ok: true, value: { version: 3, from: 1 } });
    expect((await readVersion(handle.db, `dialogues/${SLUG}`, 3))?.translations?.fr?.title).toBe(FRENCH['translations.fr.title']);
    await saveEvent(handle.db, secretariat, 'dialogues', SLUG, { ...editorValuesOf((await readVersion(handle.db, `dialogues/${SLUG}`, 3))!.data, 'Come and **talk**.', (await readVersion(handle.db, `dialogues/${SLUG}`, 3))!.translations), action: 'publish' }, contextAt());
    expect(contentIn((await catalogueOf(handle.db)).findEvent('dialogues', SLUG)!, 'fr').title).toBe(FRENCH['translations.fr.title']);
  });

  it('refuses a half-filled translation or one too long, with the message next to the field and nothing typed lost', async () => {
    const halfFilled = dialogueValues({ 'translations.fr.body': 'Seulement le contenu.', 'translations.ru.title': 'Конструктивный диалог', 'translations.zh.title': 'x'.repeat(201), 'translations.zh.summary': '摘要' });
    const refused = await createEvent(handle.db, secretariat, halfFilled, contextAt());
    expect(refused).toMatchObject({ ok: false, code: 'invalid', kept: halfFilled });
    const issues = !refused.ok && 'issues' in refused ? refused.issues : {};
    expect(issues).toEqual({
      'translations.fr.title': saying('Fill in this field.'),
      'translations.fr.summary': saying('Fill in this field.'),
      'translations.ru.summary': saying('Fill in this field.'),
      'translations.zh.title': saying('at most 200 characters'),
    });
    expect(await handle.db.selectFrom('stored_events').select('event_key').execute()).toEqual([]);
    // Spaces alone are no translation.
    expect(await createEvent(handle.db, secretariat, dialogueValues({ 'translations.ar.title': '  ', 'translations.ar.body': '\n' }), contextAt())).toMatchObject({ ok: true });
    expect((await readVersion(handle.db, `dialogues/${SLUG}`, 1))?.translations).toEqual({});
  });

  it("prefills a file event's translation files, and a stored version that replaces the file keeps them", async () => {
    const opened = await openEditor(handle.db, secretariat, 'dialogues', FILE_SLUG, contextAt());
    expect(opened.ok && opened.value.values).toMatchObject({ 'translations.es.title': FILE.translations!.es!.title, 'translations.es.body': 'Del **archivo**.' });
    if (!opened.ok) throw new Error('not opened');
    await saveEvent(handle.db, secretariat, 'dialogues', FILE_SLUG, { ...opened.value.values, title: 'Edited in the browser', action: 'publish' }, contextAt());
    // Version 1 is the file with its translations; version 2 the edit, still with them.
    expect((await readVersion(handle.db, `dialogues/${FILE_SLUG}`, 1))?.translations).toEqual(FILE.translations);
    const event = (await catalogueOf(handle.db)).findEvent('dialogues', FILE_SLUG)!;
    expect(contentIn(event, 'es')).toMatchObject({ title: FILE.translations!.es!.title, body: 'Del **archivo**.', untranslated: false });
    expect(contentIn(event, 'en').title).toBe('Edited in the browser');
    // The catalogue still knows the file's translations (the editor's context prefills from them) once the stored version wins.
    const withFile = assembleCatalogue({ topics: [], events: [toPortalEvent('dialogues', FILE_SLUG, FILE.data, TOPIC_TITLES, FILE.translations)], entries: new Map([[`dialogues/${FILE_SLUG}`, 'file entry']]) }, await stateOf(handle.db));
    expect(withFile.findEvent('dialogues', FILE_SLUG)?.title).toBe('Edited in the browser');
    expect(withFile.fileTranslations('dialogues', FILE_SLUG)).toEqual(FILE.translations);
  });

  it('exports a stored translation as <slug>.fr.md that reads back as the translation files do, and imports it again', async () => {
    await createEvent(handle.db, secretariat, dialogueValues({ ...FRENCH, action: 'publish' }), contextAt());
    const content = temporaryFolder();
    mkdirSync(join(content, 'topics'));
    for (const topic of TOPIC_SLUGS) writeFileSync(join(content, 'topics', `${topic}.md`), contentToMarkdown({ title: TOPIC_TITLES.get(topic)!, summary: 'A topic.', order: 1 }, ''));
    const folder = temporaryFolder();
    expect(await exportEvents(handle.db, content, folder)).toMatchObject({ written: 1, rejected: [] });
    const text = readFileSync(join(folder, 'dialogues', `${SLUG}.fr.md`), 'utf8');
    expect(translationProblem(`${SLUG}.fr.md`, text, new Set([SLUG]))).toBeNull();
    expect(readContentTranslations(folder).get(`dialogues/${SLUG}`)).toEqual({ fr: { title: FRENCH['translations.fr.title'], summary: FRENCH['translations.fr.summary'], body: 'Venez **débattre**.\n' } });

    // Imported into a fresh address, the translation comes with the draft.
    rmSync(join(folder, 'dialogues', `${SLUG}.md`));
    writeFileSync(join(folder, 'dialogues', 'imported-dialogue.md'), contentToMarkdown(frontMatter({ workingGroup: 'firearms' }), 'Imported.'));
    writeFileSync(join(folder, 'dialogues', 'imported-dialogue.fr.md'), text);
    rmSync(join(folder, 'dialogues', `${SLUG}.fr.md`));
    expect(await importEvents(handle.db, secretariat, folder, contextAt())).toMatchObject({ ok: true, value: { imported: ['dialogues/imported-dialogue'], rejected: [] } });
    expect((await readVersion(handle.db, 'dialogues/imported-dialogue', 1))?.translations?.fr?.title).toBe(FRENCH['translations.fr.title']);
  });
});
