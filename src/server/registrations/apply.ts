// Applying for an event. Capacity per mode, the per-organisation maximum and
// one active registration per person are decided in one transaction that holds
// the event's lock, with a unique index behind it; a repeated submit returns
// the registration already made.
import type { Kysely } from 'kysely';
import { z } from '../validation';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireAccreditedOrganisation } from '../auth/permissions';
import type { PortalEvent } from '../events/portal-event';
import { checkbox } from '../organisations/organisation-schema';
import { generateId } from '../auth/tokens';
import { failure, invalid, issuesFromZod, success, type Result } from '../result';
import { applicationWindow, eventKey, modesOffered, PARTICIPATION_MODES } from './application-window';
import { hasSeat, lockEvent, underQuota, waitlistPosition } from './seats';
import { notifyRegistration } from './notifications';
import { recordPublicDataChange } from '../public-cache/public-data-version';

export const WINDOW_MESSAGES: Record<string, string> = {
  'no-registration': 'This event takes no registrations.',
  external: 'Registration for this event is handled on another site.',
  cancelled: 'This event has been cancelled.',
  over: 'This event is over.',
  'not-open-yet': 'Applications are not open yet.',
  closed: 'Applications are closed.',
};

export const NOT_ELIGIBLE = 'This event is not open to your kind of organisation.';
export const FULL_WITHOUT_WAITLIST = 'All places are taken and this event has no waitlist.';

export function applicationSchema(event: PortalEvent) {
  const reviewed = event.registration?.mode === 'reviewed';
  return z.object({
    mode: z.enum(PARTICIPATION_MODES, { error: 'Choose in person or online.' }).refine((mode) => modesOffered(event).includes(mode), 'This event is not offered that way.'),
    statement: reviewed
      ? z.string({ error: 'Say in a few sentences what expertise you bring.' }).trim().min(20, 'Say in a few sentences (at least 20 characters) what expertise you bring.').max(2000, 'Use at most 2000 characters.')
      : z.string().trim().max(2000, 'Use at most 2000 characters.').optional().transform((value) => value || null),
    travelSupport: checkbox,
    wantsToSpeak: checkbox,
    accessibilityNeeds: z.string().trim().max(500, 'Use at most 500 characters.').optional().transform((value) => value || null),
  });
}

export interface Application {
  registrationId: string;
  state: 'pending' | 'approved' | 'waitlisted';
  position?: number;
  /** False when the person had applied already and this was a repeat. */
  created: boolean;
}

export async function applyForEvent(db: Kysely<Database>, actor: SessionUser | null, event: PortalEvent, input: unknown, now = new Date()): Promise<Result<Application>> {
  const member = await requireAccreditedOrganisation(db, actor);
  if (!member.ok) return member;
  const window = applicationWindow(event, now);
  if (!window.open) return failure('forbidden', WINDOW_MESSAGES[window.reason]!);
  const registration = event.registration!;
  const organisation = await db.selectFrom('organisations').select('type').where('id', '=', member.value.organisationId).executeTakeFirstOrThrow();
  if (!(registration.eligibleTypes as string[]).includes(organisation.type)) {
    return failure('forbidden', NOT_ELIGIBLE);
  }
  const parsed = applicationSchema(event).safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const form = parsed.data;
  const key = eventKey(event);
  const userId = member.value.actor.id;
  const organisationId = member.value.organisationId;

  const outcome = await db.transaction().execute(async (trx): Promise<Result<Application>> => {
    const queueNumber = await lockEvent(trx, key);
    const existing = await trx
      .selectFrom('registrations')
      .select(['id', 'state', 'mode', 'queue_number'])
      .where('event_key', '=', key)
      .where('user_id', '=', userId)
      .where('state', 'in', ['pending', 'approved', 'waitlisted'])
      .executeTakeFirst();
    if (existing) {
      const state = existing.state as Application['state'];
      const position = state === 'waitlisted' ? await waitlistPosition(trx, key, existing.mode, existing.queue_number) : undefined;
      return success({ registrationId: existing.id, state, position, created: false });
    }

    let state: Application['state'] = 'pending';
    if (registration.mode === 'open') {
      const seat = await hasSeat(trx, event, form.mode);
      const quota = await underQuota(trx, event, organisationId);
      if (seat && quota) state = 'approved';
      else if (registration.waitlist) state = 'waitlisted';
      else if (!seat) return failure('conflict', FULL_WITHOUT_WAITLIST);
      else return failure('conflict', `Your organisation already has its ${registration.maxPerOrganisation} places at this event.`);
    }
    const id = generateId();
    const stamp = now.toISOString();
    await trx
      .insertInto('registrations')
      .values({
        id,
        event_key: key,
        user_id: userId,
        organisation_id: organisationId,
        mode: form.mode,
        state,
        queue_number: queueNumber,
        statement: form.statement,
        travel_support: form.travelSupport ? 1 : 0,
        wants_to_speak: form.wantsToSpeak ? 1 : 0,
        accessibility_needs: form.accessibilityNeeds,
        decision_reason: null,
        decided_by: null,
        decided_at: state === 'approved' ? stamp : null,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
    const position = state === 'waitlisted' ? await waitlistPosition(trx, key, form.mode, queueNumber) : undefined;
    return success({ registrationId: id, state, position, created: true });
  });

  if (outcome.ok && outcome.value.created) {
    // Only a confirmed place changes what the event page says is left.
    if (outcome.value.state === 'approved') await recordPublicDataChange(db);
    await notifyRegistration(db, outcome.value.registrationId, event, outcome.value.state === 'pending' ? 'received' : outcome.value.state, { position: outcome.value.position });
  }
  return outcome;
}
