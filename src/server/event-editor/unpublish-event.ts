// Taking an event off the public pages, with the reason in the audit log. Its
// address stays reserved (slugs are chosen once) and its versions stay: it can
// be published again from the editor.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireSecretariat } from '../auth/permissions';
import { recordDecision } from '../audit/audit-log';
import { recordPublicDataChange } from '../public-cache/public-data-version';
import { failure, invalid, messageOfIssue, success, type Result } from '../result';
import type { CollectionName } from '../content-directory';
import { z } from '../validation';
import { nextChangeSeq } from './stored-event-changes';
import { keyOf, lockStoredEvent, type EditorContext } from './stored-event-rows';
import { checkStoredContentNow } from './catalogue-freshness';
import { zodKey } from '../../i18n/message';

const reasonSchema = z.string().trim().min(1, zodKey('editor.unpublishReasonMissing')).max(1000, zodKey('validation.tooLong'));

export async function unpublishEvent(
  db: Kysely<Database>,
  actor: SessionUser | null,
  collection: CollectionName,
  slug: string,
  posted: Record<string, unknown>,
  context: EditorContext,
): Promise<Result<{ collection: CollectionName; slug: string }>> {
  const allowed = requireSecretariat(actor);
  if (!allowed.ok) return allowed;
  const reason = reasonSchema.safeParse(posted.reason ?? '');
  if (!reason.success) return invalid({ reason: messageOfIssue(reason.error.issues[0]!) });
  const key = keyOf(collection, slug);
  const result = await db.transaction().execute(async (trx) => {
    const row = await lockStoredEvent(trx, collection, slug, context, allowed.value.id);
    if (!row) return failure('not_found', 'editor.noSuchEvent');
    if (row.state !== 'published') return failure('conflict', 'editor.notPublished');
    await recordDecision(trx, { actorUserId: allowed.value.id, action: 'event.unpublished', subjectType: 'event', subjectId: key, reason: reason.data }, context.now);
    await trx
      .updateTable('stored_events')
      .set({ state: 'unpublished', published_version: null, unpublish_reason: reason.data, change_seq: await nextChangeSeq(trx) })
      .where('event_key', '=', key)
      .execute();
    await recordPublicDataChange(trx);
    return success({ collection, slug });
  });
  if (result.ok) checkStoredContentNow();
  return result;
}
