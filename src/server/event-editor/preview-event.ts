// The editor's preview: what was typed, validated by the content schema and
// rendered by the server as the page would show it, without saving anything.
import type { SessionUser } from '../auth/sessions';
import { requireSecretariat } from '../auth/permissions';
import { invalid, success, type Result } from '../result';
import type { CollectionName } from '../content-directory';
import { renderMarkdown } from '../markdown/render-markdown';
import type { PortalEvent } from '../events/portal-event';
import { parseEditorForm } from './editor-schema';
import type { EditorValues } from './event-form';
import { portalEventOf } from './stored-event-rows';

export function previewEvent(
  actor: SessionUser | null,
  collection: CollectionName,
  slug: string,
  posted: EditorValues,
  knownTopics: readonly string[],
): Result<{ event: PortalEvent; bodyHtml: string }> {
  const allowed = requireSecretariat(actor);
  if (!allowed.ok) return allowed;
  const parsed = parseEditorForm(collection, posted, knownTopics);
  if (!parsed.ok) return invalid(parsed.issues);
  return success({ event: portalEventOf(collection, slug || 'preview', parsed.data), bodyHtml: renderMarkdown(parsed.body) });
}
