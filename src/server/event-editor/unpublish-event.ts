// Taking an event off the public pages, with the reason in the audit log. Its
// address stays reserved (slugs are chosen once) and its versions stay: it can
// be published again from the editor.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireSecretariat } from '../auth/permissions';
import { recordDecision } from '../audit/audit-log';
import { recordPublicDataChange } from '../public-cache/public-data-version';
import { failure, invalid, success, type Result } from '../result';
import type { CollectionName } from '../content-directory';
import { z } from '../validation';
import { nextChangeSeq } from './stored-event-changes';
import { keyOf, lockStoredEvent, type EditorContext } from './stored-event-rows';
import { checkStoredEventsNow } from './catalogue-freshness';

const reasonSchema = z.string().trim().min(1, 'Say why the event is taken off the site; the audit log keeps it.').max(1000, 'Use at most 1000 characters.');

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
  if (!reason.success) return invalid({ reason: reason.error.issues[0]!.message });
  const key = keyOf(collection, slug);
  const result = await db.transaction().execute(async (trx) => {
    const row = await lockStoredEvent(trx, collection, slug, context, allowed.value.id);
    if (!row) return failure('not_found', 'There is no event at this address.');
    if (row.state !== 'published') return failure('conflict', 'This event is not published.');
    await recordDecision(trx, { actorUserId: allowed.value.id, action: 'event.unpublished', subjectType: 'event', subjectId: key, reason: reason.data }, context.now);
    await trx
      .updateTable('stored_events')
      .set({ state: 'unpublished', published_version: null, unpublish_reason: reason.data, change_seq: await nextChangeSeq(trx) })
      .where('event_key', '=', key)
      .execute();
    await recordPublicDataChange(trx);
    return success({ collection, slug });
  });
  if (result.ok) checkStoredEventsNow();
  return result;
}
