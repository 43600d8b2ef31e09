// A person withdraws their registration, or the focal point withdraws one of
// the organisation's. Whatever place or quota that frees goes to the first
// waitlisted people who can take it.
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import type { PortalEvent } from '../events/portal-event';
import { failure, success, type Result } from '../result';
import { countPlaces, isActive, lockEvent } from './seats';
import { fillFreePlaces } from './waitlist';
import { notifyRegistration } from './notifications';
import { deliverMailSoon } from '../mail/outgoing-mail';
import { recordPublicDataChange } from '../public-cache/public-data-version';

const NO_SUCH_REGISTRATION = 'There is no such registration.';

export async function withdrawRegistration(
  db: Kysely<Database>,
  actor: SessionUser | null,
  registrationId: unknown,
  findEvent: (key: string) => PortalEvent | undefined,
  now = portalNow(),
): Promise<Result<{ registrationId: string; promoted: string[] }>> {
  if (!actor) return failure('forbidden', 'Sign in first.');
  if (typeof registrationId !== 'string' || registrationId.length === 0) return failure('not_found', NO_SUCH_REGISTRATION);
  // Only the event it belongs to is read before the lock: that never changes.
  // Its state is read again under the lock, where nobody else can change it.
  const located = await db.selectFrom('registrations').select('event_key').where('id', '=', registrationId).executeTakeFirst();
  if (!located) return failure('not_found', NO_SUCH_REGISTRATION);
  const event = findEvent(located.event_key);

  const outcome = await db.transaction().execute(async (trx) => {
    await lockEvent(trx, located.event_key);
    const registration = await trx
      .selectFrom('registrations')
      .select(['id', 'user_id', 'organisation_id', 'state'])
      .where('id', '=', registrationId)
      .executeTakeFirstOrThrow();
    const ownsIt = registration.user_id === actor.id || (actor.role === 'focal-point' && registration.organisation_id === actor.organisationId);
    // Someone else's registration looks exactly like one that does not exist.
    if (!ownsIt) return failure('not_found', NO_SUCH_REGISTRATION);
    if (!isActive(registration.state)) return failure('conflict', 'This registration is no longer active.');
    if (!event) return failure('not_found', 'The event no longer exists.');
    await trx.updateTable('registrations').set({ state: 'withdrawn', updated_at: now.toISOString() }).where('id', '=', registration.id).execute();
    const promoted = await fillFreePlaces(trx, event, await countPlaces(trx, located.event_key), now);
    const wasApproved = registration.state === 'approved';
    await notifyRegistration(trx, registrationId, event, 'withdrawn', { wasApproved });
    for (const id of promoted) await notifyRegistration(trx, id, event, 'promoted');
    if (wasApproved || promoted.length > 0) await recordPublicDataChange(trx);
    return success({ promoted });
  });
  if (!outcome.ok) return outcome;
  await deliverMailSoon(db);
  return success({ registrationId, promoted: outcome.value.promoted });
}
