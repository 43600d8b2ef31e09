// A person can take their data with them and delete their account (security
// note, "Data"). The organisation's records stay, pointing to an anonymised
// row; the person's registrations are withdrawn, so their places go to others.
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import { z } from '../validation';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { checkPassword } from '../auth/password-attempts';
import { failure, invalid, issuesFromZod, success, type Result } from '../result';
import type { PortalEvent } from '../events/portal-event';
import { ACTIVE_STATES, countPlaces, lockEvent } from '../registrations/seats';
import { fillFreePlaces } from '../registrations/waitlist';
import { notifyRegistration } from '../registrations/notifications';
import { deliverMailSoon } from '../mail/outgoing-mail';
import { recordPublicDataChange } from '../public-cache/public-data-version';
import { message, zodKey } from '../../i18n/message';

export const deletionSchema = z.object({ password: z.string({ error: zodKey('account.confirmPasswordMissing') }).min(1, zodKey('account.confirmPasswordMissing')).max(256, zodKey('validation.tooLong')) });

/** Thrown inside the deletion's transaction to undo it. */
class HandOverFirst extends Error {}

/**
 * Anonymises the person, withdraws every active registration of theirs (each
 * under its event's lock, so the places they free go to whoever waits), and
 * ends their sessions, tokens and private calendar feed, in one transaction.
 * `clientAddress`: the password check shares the limits on guessing with
 * sign-in (issue 14, point 5).
 */
export async function deleteAccount(
  db: Kysely<Database>,
  actor: SessionUser | null,
  input: unknown,
  findEvent: (key: string) => PortalEvent | undefined,
  now = portalNow(),
  clientAddress = 'unknown',
): Promise<Result<{ deleted: true; withdrawn: number }>> {
  if (!actor) return failure('forbidden', 'permission.signInFirst');
  const parsed = deletionSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const person = await db.selectFrom('users').select(['password_hash']).where('id', '=', actor.id).executeTakeFirstOrThrow();
  const check = await checkPassword(db, { account: actor.email, clientAddress, passwordHash: person.password_hash, password: parsed.data.password, now });
  if (!check.ok) return check.code === 'wrong' ? invalid({ password: message('account.wrongPassword') }) : check;

  const stamp = now.toISOString();
  let outcome: { count: number };
  try {
    outcome = await db.transaction().execute(async (trx) => {
      // The person's row first: held until the end, it keeps their own
      // applications out while we withdraw (applying takes the same row, then
      // the event's lock: the same order as here, so neither waits on the other in a circle).
      await trx
        .updateTable('users')
        .set({ email: `deleted-${actor.id}@deleted.invalid`, name: 'Deleted account', job_title: null, password_hash: null, deleted_at: stamp, updated_at: stamp })
        .where('id', '=', actor.id)
        .execute();
      if (actor.role === 'focal-point' && actor.organisationId) {
        const colleagues = await trx
          .selectFrom('users')
          .select('id')
          .where('organisation_id', '=', actor.organisationId)
          .where('id', '!=', actor.id)
          .where('deleted_at', 'is', null)
          .where('email_verified_at', 'is not', null)
          .execute();
        if (colleagues.length > 0) throw new HandOverFirst();
      }
      let count = 0;
      const withdrawn: { id: string; event: PortalEvent; wasApproved: boolean }[] = [];
      const promoted: { id: string; event: PortalEvent }[] = [];
      const keys = await trx.selectFrom('registrations').select('event_key').distinct().where('user_id', '=', actor.id).where('state', 'in', ACTIVE_STATES).execute();
      // One order for every transaction that locks several events.
      for (const key of keys.map((row) => row.event_key).sort()) {
        await lockEvent(trx, key);
        const active = await trx.selectFrom('registrations').select(['id', 'state']).where('event_key', '=', key).where('user_id', '=', actor.id).where('state', 'in', ACTIVE_STATES).execute();
        if (active.length === 0) continue;
        await trx.updateTable('registrations').set({ state: 'withdrawn', updated_at: stamp }).where('id', 'in', active.map((row) => row.id)).execute();
        count += active.length;
        const event = findEvent(key);
        if (!event) continue;
        for (const row of active) withdrawn.push({ id: row.id, event, wasApproved: row.state === 'approved' });
        for (const id of await fillFreePlaces(trx, event, await countPlaces(trx, key), now)) promoted.push({ id, event });
      }
      await trx.deleteFrom('sessions').where('user_id', '=', actor.id).execute();
      await trx.deleteFrom('one_time_tokens').where('user_id', '=', actor.id).execute();
      // The private feed's address stops answering, and what it was made of goes.
      await trx.deleteFrom('calendar_tokens').where('user_id', '=', actor.id).execute();
      await trx.deleteFrom('followed_topics').where('user_id', '=', actor.id).execute();
      await trx.deleteFrom('followed_countries').where('user_id', '=', actor.id).execute();
      for (const { id, event, wasApproved } of withdrawn) await notifyRegistration(trx, id, event, 'withdrawn', { wasApproved });
      for (const { id, event } of promoted) await notifyRegistration(trx, id, event, 'promoted');
      if (promoted.length > 0 || withdrawn.some((registration) => registration.wasApproved)) await recordPublicDataChange(trx);
      return { count };
    });
  } catch (error) {
    if (error instanceof HandOverFirst) return failure('conflict', 'account.handOverFirst');
    throw error;
  }

  await deliverMailSoon(db);
  return success({ deleted: true as const, withdrawn: outcome.count });
}
