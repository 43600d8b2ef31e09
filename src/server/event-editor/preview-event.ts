// The editor's preview: what was typed, validated by the content schema and
// rendered by the server as the public page will show it, without saving a
// version (a PDF chosen in a document row is checked and stored, so its link
// is previewed and kept).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireSecretariat } from '../auth/permissions';
import { success, type Result } from '../result';
import type { CollectionName } from '../content-directory';
import { renderMarkdown } from '../markdown/render-markdown';
import type { PortalEvent } from '../events/portal-event';
import { parseEditorForm } from './editor-schema';
import type { EditorValues } from './event-form';
import type { DocumentUploads } from './event-documents';
import { attachDocuments, invalidKeeping } from './save-event';
import { keyOf, portalEventOf, type EditorContext } from './stored-event-rows';

export interface EventPreview {
  event: PortalEvent;
  bodyHtml: string;
  /** What the form holds: carried by the preview back to the editor, or on to saving. */
  values: EditorValues;
}

export async function previewEvent(
  db: Kysely<Database>,
  actor: SessionUser | null,
  collection: CollectionName,
  slug: string,
  typed: EditorValues,
  context: EditorContext,
  uploads: DocumentUploads = new Map(),
): Promise<Result<EventPreview>> {
  const allowed = requireSecretariat(actor);
  if (!allowed.ok) return allowed;
  const address = slug || 'preview';
  const attached = await attachDocuments(db, allowed.value, keyOf(collection, address), typed, uploads, context);
  const parsed = parseEditorForm(collection, attached.values, context.knownTopics);
  if (!parsed.ok || Object.keys(attached.issues).length > 0) return invalidKeeping({ ...(parsed.ok ? {} : parsed.issues), ...attached.issues }, attached.values);
  return success({ event: portalEventOf(collection, address, parsed.data, parsed.translations), bodyHtml: renderMarkdown(parsed.body), values: attached.values });
}
