// A person withdraws their registration, or the focal point withdraws one of
// the organisation's. A freed seat goes to the first eligible waitlisted person.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import type { PortalEvent } from '../events/portal-event';
import { failure, success, type Result } from '../result';
import { eventKey, type ParticipationMode } from './application-window';
import { lockEvent, promoteFromWaitlist } from './seats';
import { notifyRegistration } from './notifications';
import { recordPublicDataChange } from '../public-cache/public-data-version';

export async function withdrawRegistration(
  db: Kysely<Database>,
  actor: SessionUser | null,
  registrationId: unknown,
  findEvent: (key: string) => PortalEvent | undefined,
  now = new Date(),
): Promise<Result<{ registrationId: string; promoted: string[] }>> {
  if (!actor) return failure('forbidden', 'Sign in first.');
  if (typeof registrationId !== 'string' || registrationId.length === 0) return failure('not_found', 'There is no such registration.');
  const registration = await db
    .selectFrom('registrations')
    .select(['id', 'event_key', 'user_id', 'organisation_id', 'state', 'mode'])
    .where('id', '=', registrationId)
    .executeTakeFirst();
  const ownsIt = registration && (registration.user_id === actor.id || (actor.role === 'focal-point' && registration.organisation_id === actor.organisationId));
  // Someone else's registration looks exactly like one that does not exist.
  if (!registration || !ownsIt) return failure('not_found', 'There is no such registration.');
  if (!['pending', 'approved', 'waitlisted'].includes(registration.state)) return failure('conflict', 'This registration is no longer active.');
  const event = findEvent(registration.event_key);
  if (!event) return failure('not_found', 'The event no longer exists.');

  const promoted = await db.transaction().execute(async (trx) => {
    await lockEvent(trx, eventKey(event));
    const changed = await trx
      .updateTable('registrations')
      .set({ state: 'withdrawn', updated_at: now.toISOString() })
      .where('id', '=', registration.id)
      .where('state', 'in', ['pending', 'approved', 'waitlisted'])
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) return null;
    return registration.state === 'approved' ? promoteFromWaitlist(trx, event, registration.mode as ParticipationMode, now) : [];
  });
  if (promoted === null) return failure('conflict', 'This registration is no longer active.');
  if (registration.state === 'approved') await recordPublicDataChange(db);

  await notifyRegistration(db, registration.id, event, 'withdrawn', { wasApproved: registration.state === 'approved' });
  for (const id of promoted) await notifyRegistration(db, id, event, 'promoted');
  return success({ registrationId: registration.id, promoted });
}
