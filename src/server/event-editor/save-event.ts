// Saving an event from the editor: every save is a new version; "publish"
// also makes it the version the public pages show, on every instance within a
// second (the change number and the public data version move in the same
// transaction), and tells registrants when the time, place, format or status
// changed.
import type { Kysely } from 'kysely';
import type { Database, StoredEventOrigin } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireSecretariat } from '../auth/permissions';
import { recordDecision } from '../audit/audit-log';
import { syncEventVersion } from '../calendar/event-versions';
import { deliverMailSoon } from '../mail/outgoing-mail';
import { recordPublicDataChange } from '../public-cache/public-data-version';
import { config } from '../config';
import { failure, invalid, success, type Failure, type FieldIssues, type Result } from '../result';
import type { CollectionName } from '../content-directory';
import { collectionSchema, parseEditorForm, parseSlug } from './editor-schema';
import type { EditorValues } from './event-form';
import { changeNoticeFor, enqueueChangeNotices } from './change-notices';
import { nextChangeSeq } from './stored-event-changes';
import { insertVersion, keyOf, lockStoredEvent, portalEventOf, readVersion, type EditorContext, type VersionContent } from './stored-event-rows';
import { checkStoredContentNow } from './catalogue-freshness';
import { message } from '../../i18n/message';
import { attachUploadedDocuments, eventDocumentsDirectory, type DocumentUploads } from './event-documents';

export const EDITOR_ACTIONS = ['save', 'publish'] as const;
export type EditorAction = (typeof EDITOR_ACTIONS)[number];

export interface SavedEvent {
  collection: CollectionName;
  slug: string;
  version: number;
  published: boolean;
  /** People emailed about the change. */
  told: number;
}

/** A refused form with what it holds now: the typed values plus the links of PDFs already stored. */
export type KeptFailure = Failure & { kept: EditorValues };

export function invalidKeeping(issues: FieldIssues, kept: EditorValues): KeptFailure {
  return { ...invalid(issues), kept } as KeptFailure;
}

/** The form's values to show again after a failure: with uploaded PDFs' links when there are any. */
export function valuesAfter(result: Result<unknown>, typed: EditorValues): EditorValues {
  return !result.ok && 'kept' in result ? (result as KeptFailure).kept : typed;
}

const hasIssues = (issues: FieldIssues): boolean => Object.keys(issues).length > 0;

/** Stores the uploaded PDFs (when any) so their links are in the values the form is checked with. */
export async function attachDocuments(db: Kysely<Database>, actor: SessionUser, eventKey: string, values: EditorValues, uploads: DocumentUploads, context: EditorContext) {
  if (uploads.size === 0) return { values, issues: {} as FieldIssues };
  const directory = context.documentsDirectory ?? eventDocumentsDirectory(config().ATTACHMENTS_DIR);
  return attachUploadedDocuments(db, values, uploads, { directory, eventKey, actorId: actor.id, now: context.now });
}

export const SLUG_TAKEN = message('editor.slugTaken');

/** A new event: the collection and slug are chosen here, once. */
export async function createEvent(
  db: Kysely<Database>,
  actor: SessionUser | null,
  typed: EditorValues,
  context: EditorContext,
  uploads: DocumentUploads = new Map(),
): Promise<Result<SavedEvent>> {
  const allowed = requireSecretariat(actor);
  if (!allowed.ok) return allowed;
  const attached = await attachDocuments(db, allowed.value, `${String(typed.collection)}/${String(typed.slug ?? '')}`.slice(0, 200), typed, uploads, context);
  const posted = attached.values;
  const name = parseSlug(posted.collection, posted.slug);
  // With a known kind the fields are checked even when the address is wrong, so every message shows at once.
  const kind = name.ok ? name.collection : collectionSchema.safeParse(posted.collection).data;
  const content = kind ? parseEditorForm(kind, posted, context.knownTopics) : undefined;
  if (!name.ok || !content?.ok || hasIssues(attached.issues)) {
    return invalidKeeping({ ...(name.ok ? {} : name.issues), ...(content && !content.ok ? content.issues : {}), ...attached.issues }, posted);
  }
  const { collection, slug } = name;
  if (context.fileEvent(collection, slug)) return invalidKeeping({ slug: SLUG_TAKEN }, posted);
  const action: EditorAction = posted.action === 'publish' ? 'publish' : 'save';
  // The address is reserved and the first version written in one transaction:
  // a failure between the two (a crash, a lost connection) leaves no empty row
  // that would hold the address or show in the lists.
  const saved = await storeVersion(db, allowed.value, collection, slug, content, action, action === 'publish' ? 'published' : 'saved', context, { origin: 'browser', onlyIfNew: true });
  return !saved.ok && saved.code === 'invalid' ? invalidKeeping(saved.issues, posted) : saved;
}

/** A new version of an existing event (stored, or from a file: then it is stored from now on). */
export async function saveEvent(
  db: Kysely<Database>,
  actor: SessionUser | null,
  collection: CollectionName,
  slug: string,
  typed: EditorValues,
  context: EditorContext,
  uploads: DocumentUploads = new Map(),
): Promise<Result<SavedEvent>> {
  const allowed = requireSecretariat(actor);
  if (!allowed.ok) return allowed;
  const attached = await attachDocuments(db, allowed.value, keyOf(collection, slug), typed, uploads, context);
  const posted = attached.values;
  const content = parseEditorForm(collection, posted, context.knownTopics);
  if (!content.ok || hasIssues(attached.issues)) return invalidKeeping({ ...(content.ok ? {} : content.issues), ...attached.issues }, posted);
  const action: EditorAction = posted.action === 'publish' ? 'publish' : 'save';
  return storeVersion(db, allowed.value, collection, slug, content, action, action === 'publish' ? 'published' : 'saved', context);
}

/** How a version reserves its event's address when no row holds it yet. */
export interface Reservation {
  origin: Extract<StoredEventOrigin, 'browser' | 'import'>;
  /** Creating: an address already held is refused. Importing: a new version of the event there. */
  onlyIfNew: boolean;
}

/** Writes version n+1 and, when publishing, shows it; shared by creating, saving, restoring and importing. */
export async function storeVersion(
  db: Kysely<Database>,
  actor: SessionUser,
  collection: CollectionName,
  slug: string,
  content: VersionContent,
  action: EditorAction,
  note: string,
  context: EditorContext,
  reservation?: Reservation,
): Promise<Result<SavedEvent>> {
  const key = keyOf(collection, slug);
  const result = await db.transaction().execute(async (trx): Promise<Result<SavedEvent>> => {
    if (reservation) {
      const at = context.now.toISOString();
      const reserved = await trx
        .insertInto('stored_events')
        .values({ event_key: key, collection, slug, origin: reservation.origin, state: 'draft', latest_version: 0, published_version: null, unpublish_reason: null, change_seq: 0, created_by: actor.id, created_at: at, updated_at: at })
        .onConflict((conflict) => conflict.column('event_key').doNothing())
        .returning('event_key')
        .executeTakeFirst();
      if (!reserved && reservation.onlyIfNew) return invalid({ slug: SLUG_TAKEN });
    }
    const row = await lockStoredEvent(trx, collection, slug, context, actor.id);
    if (!row) return failure('not_found', 'editor.noSuchEvent');
    const version = Number(row.latest_version) + 1;
    await insertVersion(trx, key, version, content, actor.id, context.now, note);
    if (action === 'save') {
      await trx.updateTable('stored_events').set({ latest_version: version }).where('event_key', '=', key).execute();
      return success({ collection, slug, version, published: false, told: 0 });
    }
    const shown = row.state === 'published' && row.published_version !== null ? await readVersion(trx, key, Number(row.published_version)) : undefined;
    const previous = shown && portalEventOf(collection, slug, shown.data, shown.translations);
    const next = portalEventOf(collection, slug, content.data, content.translations);
    const calendarVersion = await syncEventVersion(trx, next, context.now);
    const notice = changeNoticeFor(previous, next);
    const told = notice ? await enqueueChangeNotices(trx, key, next, notice, calendarVersion) : 0;
    const decision = next.status !== previous?.status && next.status !== 'scheduled' ? `event.${next.status}` : 'event.published';
    await recordDecision(trx, { actorUserId: actor.id, action: decision, subjectType: 'event', subjectId: key, reason: next.statusNote ?? null, details: { version, told } }, context.now);
    await trx
      .updateTable('stored_events')
      .set({ latest_version: version, published_version: version, state: 'published', unpublish_reason: null, change_seq: await nextChangeSeq(trx) })
      .where('event_key', '=', key)
      .execute();
    await recordPublicDataChange(trx);
    return success({ collection, slug, version, published: true, told });
  });
  if (result.ok && result.value.published) {
    checkStoredContentNow();
    if (result.value.told) await deliverMailSoon(db);
  }
  return result;
}
