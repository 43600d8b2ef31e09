// PDFs uploaded in the event editor go through the checks written input's
// attachments go through: a hostile one is refused next to its file field and
// nothing is kept; a benign one is stored, becomes the document's link, and
// is read back byte for byte from its stable address. On both databases.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import type { SessionUser } from '../../src/server/auth/sessions';
import { createEvent, saveEvent } from '../../src/server/event-editor/save-event';
import { previewEvent } from '../../src/server/event-editor/preview-event';
import { readEventDocument } from '../../src/server/event-editor/event-documents';
import { editorValuesOf, type EditorValues } from '../../src/server/event-editor/event-form';
import type { EditorContext } from '../../src/server/event-editor/stored-event-rows';
import { PDF_UPLOAD_MESSAGES } from '../../src/server/submissions/pdf-attachments';
import { DIALECTS, useMigratedDatabase } from '../support/databases';
import { frontMatter, TOPIC_SLUGS } from '../support/event-fixtures';
import { benign, hostile } from '../support/hostile-pdfs';
import { uploadedFile } from '../support/pdf-samples';
import { createMember } from '../support/members';

const SLUG = '2027-09-firearms-dialogue';

function dialogueValues(extra: EditorValues = {}): EditorValues {
  return { collection: 'dialogues', slug: SLUG, ...editorValuesOf(frontMatter({ workingGroup: 'firearms' }), 'Body'), ...extra };
}

describe.each(DIALECTS)('documents uploaded in the event editor on %s', (dialect) => {
  let handle: DatabaseHandle;
  let secretariat: SessionUser;
  let directory: string;
  let context: EditorContext;
  useMigratedDatabase(dialect, async (opened) => {
    handle = opened;
    secretariat = await createMember(opened.db, null, 'secretariat');
  });
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'whatson-event-documents-'));
    context = { knownTopics: TOPIC_SLUGS, fileEvent: () => undefined, now: new Date('2027-05-01T12:00:00Z'), documentsDirectory: directory };
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('refuses a PDF with active content next to its file field, keeps what was typed, and stores nothing', async () => {
    const typed = dialogueValues({ 'documents.0.title': 'Programme', 'documents.0.kind': 'programme', summary: 'Typed summary' });
    const uploads = new Map([[0, uploadedFile(hostile.scriptOpenActionInObjectStream({ objTrick: true }), 'programme.pdf')]]);
    const result = await createEvent(handle.db, secretariat, typed, context, uploads);
    expect(result).toMatchObject({ ok: false, code: 'invalid', issues: { 'documents.0.file': PDF_UPLOAD_MESSAGES.activeContent }, kept: { summary: 'Typed summary', 'documents.0.title': 'Programme' } });
    expect(await handle.db.selectFrom('stored_events').select('event_key').execute()).toEqual([]);
    expect(await handle.db.selectFrom('event_documents').select('id').execute()).toEqual([]);
    expect(existsSync(directory) ? readdirSync(directory) : []).toEqual([]);

    const notPdf = await createEvent(handle.db, secretariat, typed, context, new Map([[0, uploadedFile(new TextEncoder().encode('MZ\x90\x00 not a pdf'), 'programme.pdf')]]));
    expect(notPdf).toMatchObject({ ok: false, issues: { 'documents.0.file': PDF_UPLOAD_MESSAGES.notPdf } });
  });

  it('stores a benign PDF, links the document to its stable address and serves the same bytes under the uploaded name', async () => {
    const bytes = await benign.multiPageText();
    const result = await createEvent(handle.db, secretariat, dialogueValues({ 'documents.0.kind': 'programme', action: 'publish' }), context, new Map([[0, uploadedFile(bytes, 'Programme 2027.pdf')]]));
    expect(result).toMatchObject({ ok: true, value: { version: 1, published: true } });
    const version = await handle.db.selectFrom('stored_event_versions').select('data').where('event_key', '=', `dialogues/${SLUG}`).executeTakeFirstOrThrow();
    const [document] = JSON.parse(version.data).documents;
    // The title comes from the file's name when the row has none.
    expect(document).toMatchObject({ title: 'Programme 2027', kind: 'programme', language: 'en' });
    expect(document.url).toMatch(/^\/documents\/[0-9a-f-]{36}\.pdf$/);
    const served = await readEventDocument(handle.db, document.url.slice('/documents/'.length), directory);
    expect(served?.name).toBe('Programme 2027.pdf');
    expect(Buffer.from(served!.bytes).equals(Buffer.from(bytes))).toBe(true);
    // Only addresses the editor issued are served.
    expect(await readEventDocument(handle.db, '../whatson.sqlite', directory)).toBeNull();
    expect(await readEventDocument(handle.db, `${crypto.randomUUID()}.pdf`, directory)).toBeNull();
  });

  it('keeps an accepted PDF when another field is wrong: the form comes back with its address in the link field', async () => {
    const uploads = new Map([[1, uploadedFile(await benign.withImage(), 'map.pdf')]]);
    const result = await saveEvent(handle.db, secretariat, 'dialogues', SLUG, dialogueValues({ title: '', 'documents.1.kind': 'background' }), context, uploads);
    expect(result).toMatchObject({ ok: false, code: 'invalid', issues: { title: 'must not be empty' } });
    const kept = !result.ok && 'kept' in result ? (result.kept as EditorValues) : {};
    expect(kept['documents.1.url']).toMatch(/^\/documents\/[0-9a-f-]{36}\.pdf$/);
    expect(kept['documents.1.title']).toBe('map');
    // Posted again as the re-rendered form posts it, with no file chosen: saved with the same link.
    const saved = await createEvent(handle.db, secretariat, { ...kept, title: 'Now with a title' }, context);
    expect(saved).toMatchObject({ ok: true });
    expect(await handle.db.selectFrom('event_documents').select('id').execute()).toHaveLength(1);
  });

  it('previews an uploaded PDF as a listed document, and carries its address on', async () => {
    const preview = await previewEvent(handle.db, secretariat, 'dialogues', SLUG, dialogueValues({ 'documents.0.kind': 'report' }), context, new Map([[0, uploadedFile(await benign.formWithoutScript(), 'report.pdf')]]));
    if (!preview.ok) throw new Error(JSON.stringify(preview));
    expect(preview.value.event.documents).toEqual([{ title: 'report', kind: 'report', url: preview.value.values['documents.0.url'], language: 'en' }]);
  });
});
