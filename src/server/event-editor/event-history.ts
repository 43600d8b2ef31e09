// Every save of an event is a version: who saved it and when, the difference
// between any two, field by field, and restoring one (as a new version, so
// history is never rewritten).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireSecretariat } from '../auth/permissions';
import { failure, invalid, success, type Result } from '../result';
import type { CollectionName } from '../content-directory';
import { storeVersion, type SavedEvent } from './save-event';
import { keyOf, listVersions, readVersion, type EditorContext, type StoredVersion } from './stored-event-rows';
import { message } from '../../i18n/message';

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

export async function readHistory(db: Kysely<Database>, actor: SessionUser | null, collection: CollectionName, slug: string): Promise<Result<StoredVersion[]>> {
  const allowed = requireSecretariat(actor);
  if (!allowed.ok) return allowed;
  const versions = await listVersions(db, keyOf(collection, slug));
  if (versions.length === 0) return failure('not_found', 'editor.noVersions');
  return success(versions);
}

/** Dotted field names (the editor's) and their values as text. */
function flatten(value: unknown, prefix: string, into: Map<string, string>): Map<string, string> {
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object')) into.set(prefix, value.join(', '));
  else if (Array.isArray(value)) value.forEach((item, index) => flatten(item, `${prefix}.${index}`, into));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) flatten(item, prefix ? `${prefix}.${key}` : key, into);
  else if (value !== undefined && value !== null) into.set(prefix, String(value));
  return into;
}

/** What changed from `before` to `after`, in the order of the fields (any stored content's versions: events, review entries). */
export function diffVersions(before: { data: object; body: string; translations?: object }, after: { data: object; body: string; translations?: object }): FieldChange[] {
  // Translations show as translations.<locale>.<field>, after the original's fields.
  const a = flatten({ ...before.data, body: before.body, translations: before.translations }, '', new Map());
  const b = flatten({ ...after.data, body: after.body, translations: after.translations }, '', new Map());
  const fields = [...new Set([...a.keys(), ...b.keys()])];
  return fields.filter((field) => a.get(field) !== b.get(field)).map((field) => ({ field, before: a.get(field) ?? '', after: b.get(field) ?? '' }));
}

export async function restoreVersion(
  db: Kysely<Database>,
  actor: SessionUser | null,
  collection: CollectionName,
  slug: string,
  posted: Record<string, unknown>,
  context: EditorContext,
): Promise<Result<SavedEvent & { from: number }>> {
  const allowed = requireSecretariat(actor);
  if (!allowed.ok) return allowed;
  const from = Number(posted.version);
  const version = Number.isInteger(from) && from > 0 ? await readVersion(db, keyOf(collection, slug), from) : undefined;
  if (!version) return invalid({ version: message('editor.versionFromList') });
  const saved = await storeVersion(db, allowed.value, collection, slug, { data: version.data, body: version.body, translations: version.translations }, 'save', `restored ${from}`, context);
  return saved.ok ? success({ ...saved.value, from }) : saved;
}
