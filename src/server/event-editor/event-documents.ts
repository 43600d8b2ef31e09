// PDFs uploaded in the editor as an event's documents. They pass the very
// checks written input's attachments pass (size, magic bytes, a real parse for
// active content: src/server/submissions/pdf-*.ts), are stored outside the web
// root under a random name, and are served as downloads from a stable address,
// /documents/<id>.pdf, which becomes the document's link. A file is stored as
// soon as it passes, before the rest of the form is checked, so a message on
// another field never makes the secretariat choose the file again: the link
// field already holds its address when the form comes back.
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, EventDocumentsTable } from '../db/schema';
import type { FieldIssues } from '../result';
import { UPLOADED_DOCUMENT_PATH } from '../events/schema';
import { inspectPdfUpload, readAttachment, storeAttachment } from '../submissions/pdf-attachments';
import type { EditorValues } from './event-form';

/** The editor's file fields, by document row: `documents.<row>.file`. */
export type DocumentUploads = ReadonlyMap<number, File>;

/** Where the uploads go and who is uploading them for which event. */
export interface DocumentUploadTarget {
  directory: string;
  eventKey: string;
  actorId: string;
  now: Date;
}

const FILE_FIELD = /^documents\.(\d+)\.file$/;

/** The subfolder of ATTACHMENTS_DIR that holds the editor's PDFs. */
export function eventDocumentsDirectory(attachmentsDirectory: string): string {
  return join(attachmentsDirectory, 'event-documents');
}

export function documentPath(id: string): string {
  return `/documents/${id}.pdf`;
}

/** The files a posted form carries in its document rows (an untouched file input posts an empty, nameless file: left out). */
export function documentUploadsFrom(form: FormData): Map<number, File> {
  const uploads = new Map<number, File>();
  for (const [key, value] of form.entries()) {
    const match = FILE_FIELD.exec(key);
    if (match && value instanceof File && (value.size > 0 || value.name)) uploads.set(Number(match[1]), value);
  }
  return uploads;
}

/**
 * Checks and stores each uploaded PDF; a stored one becomes its row's link
 * (and its title, when the row has none). A refused one leaves a message
 * next to its file field and nothing on disk.
 */
export async function attachUploadedDocuments(
  db: Kysely<Database>,
  values: EditorValues,
  uploads: DocumentUploads,
  target: DocumentUploadTarget,
): Promise<{ values: EditorValues; issues: FieldIssues }> {
  const next: EditorValues = { ...values };
  const issues: FieldIssues = {};
  for (const [row, file] of [...uploads].sort(([a], [b]) => a - b)) {
    const checked = await inspectPdfUpload(file);
    if (!checked.ok) {
      issues[`documents.${row}.file`] = checked.message;
      continue;
    }
    if (!checked.value) continue;
    const { storedName } = await storeAttachment(checked.value.bytes, target.directory);
    const id = storedName.slice(0, -'.pdf'.length);
    await db
      .insertInto('event_documents')
      .values({ id, event_key: target.eventKey, original_name: checked.value.originalName, size: checked.value.size, uploaded_by: target.actorId, uploaded_at: target.now.toISOString() })
      .execute();
    next[`documents.${row}.url`] = documentPath(id);
    if (!String(next[`documents.${row}.title`] ?? '').trim()) next[`documents.${row}.title`] = checked.value.originalName.replace(/\.pdf$/i, '');
  }
  return { values: next, issues };
}

export interface ServedDocument {
  bytes: Uint8Array<ArrayBuffer>;
  name: string;
}

/** The PDF behind /documents/<file>, or null when the address is not one the editor issued. */
export async function readEventDocument(db: Kysely<Database>, file: string, directory: string): Promise<ServedDocument | null> {
  const id = UPLOADED_DOCUMENT_PATH.exec(`/documents/${file}`)?.[1];
  if (!id) return null;
  const row: Pick<EventDocumentsTable, 'original_name'> | undefined = await db.selectFrom('event_documents').select('original_name').where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const bytes = await readAttachment(`${id}.pdf`, directory);
  return bytes && { bytes, name: row.original_name };
}
