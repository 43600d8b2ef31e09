// Applying for an event. Capacity per mode, the per-organisation maximum and
// one active registration per person are decided in one transaction that holds
// the event's lock, with a unique index behind it; a repeated submit returns
// the registration already made. Earlier waitlisted people who can take a
// place get it before the newcomer is considered.
import { portalNow } from '../clock';
import type { Insertable, Kysely } from 'kysely';
import { prepare } from '../db/prepared-query';
import { z } from '../validation';
import type { Database, RegistrationsTable } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireAccreditedOrganisation } from '../auth/permissions';
import type { PortalEvent } from '../events/portal-event';
import { checkbox } from '../organisations/organisation-schema';
import { generateId } from '../auth/tokens';
import { failure, invalid, issuesFromZod, success, type Failure, type Result } from '../result';
import { applicationWindow, eventKey, isEligible, modesOffered, PARTICIPATION_MODES } from './application-window';
import { ACTIVE_STATES, countPlace, countPlaces, lockEvent, placeBlocker, type WaitReason } from './seats';
import { describeWaiting, fillFreePlaces } from './waitlist';
import { notifyRegistration, type Recipient } from './notifications';
import { deliverMailSoon } from '../mail/outgoing-mail';
import { recordPublicDataChange } from '../public-cache/public-data-version';
import { message, zodKey, type Message } from '../../i18n/message';

export const WINDOW_MESSAGES: Record<string, Message> = {
  'no-registration': message('registration.noRegistration'),
  external: message('registration.external'),
  cancelled: message('registration.cancelled'),
  over: message('registration.over'),
  'not-open-yet': message('registration.notOpenYet'),
  closed: message('registration.closed'),
};

export const NOT_ELIGIBLE = message('registration.notEligible');
export const FULL_WITHOUT_WAITLIST = message('registration.fullWithoutWaitlist');

function refusal(code: 'forbidden' | 'conflict', why: Message): Failure {
  return { ok: false, code, message: why };
}

const schemas = new WeakMap<PortalEvent, ReturnType<typeof buildApplicationSchema>>();

/** Built once per event (building a zod schema costs more than using it). */
export function applicationSchema(event: PortalEvent) {
  let schema = schemas.get(event);
  if (!schema) schemas.set(event, (schema = buildApplicationSchema(event)));
  return schema;
}

function buildApplicationSchema(event: PortalEvent) {
  const reviewed = event.registration?.mode === 'reviewed';
  return z.object({
    mode: z.enum(PARTICIPATION_MODES, { error: zodKey('registration.modeMissing') }).refine((mode) => modesOffered(event).includes(mode), zodKey('registration.modeNotOffered')),
    statement: reviewed
      ? z.string({ error: zodKey('registration.statementMissing') }).trim().min(20, zodKey('registration.statementTooShort')).max(2000, zodKey('validation.tooLong'))
      : z.string().trim().max(2000, zodKey('validation.tooLong')).optional().transform((value) => value || null),
    travelSupport: checkbox,
    wantsToSpeak: checkbox,
    accessibilityNeeds: z.string().trim().max(500, zodKey('validation.tooLong')).optional().transform((value) => value || null),
  });
}

// Behind the event's lock, in every application: built once (db/prepared-query.ts).
const holdPerson = prepare(['userId'], (db, { userId }: { userId: string }) =>
  db
    .updateTable('users')
    .set((eb) => ({ deleted_at: eb.ref('deleted_at') }))
    .where('id', '=', userId)
    .where('deleted_at', 'is', null)
    .returning(['email', 'name', 'locale']),
);

const activeRegistration = prepare(['key', 'userId'], (db, { key, userId }: { key: string; userId: string }) =>
  db.selectFrom('registrations').select(['id', 'state', 'mode', 'organisation_id', 'queue_number']).where('event_key', '=', key).where('user_id', '=', userId).where('state', 'in', ACTIVE_STATES),
);

const insertRegistration = prepare(
  ['id', 'event_key', 'user_id', 'organisation_id', 'mode', 'state', 'queue_number', 'statement', 'travel_support', 'wants_to_speak', 'accessibility_needs', 'decision_reason', 'decided_by', 'decided_at', 'created_at', 'updated_at'],
  (db, row: Insertable<RegistrationsTable>) => db.insertInto('registrations').values(row),
);

export interface Application {
  registrationId: string;
  state: 'pending' | 'approved' | 'waitlisted';
  position?: number;
  /** Why a waitlisted application waits. */
  waitReason?: WaitReason;
  /** False when the person had applied already and this was a repeat. */
  created: boolean;
}

export async function applyForEvent(db: Kysely<Database>, actor: SessionUser | null, event: PortalEvent, input: unknown, now = portalNow()): Promise<Result<Application>> {
  const member = await requireAccreditedOrganisation(db, actor);
  if (!member.ok) return member;
  const window = applicationWindow(event, now);
  if (!window.open) return refusal('forbidden', WINDOW_MESSAGES[window.reason]!);
  const registration = event.registration!;
  if (!isEligible(event, member.value.organisationType)) {
    return refusal('forbidden', NOT_ELIGIBLE);
  }
  const parsed = applicationSchema(event).safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const form = parsed.data;
  const key = eventKey(event);
  const userId = member.value.actor.id;
  const organisationId = member.value.organisationId;

  const { outcome } = await db.transaction().execute(async (trx) => {
    let recipient: Recipient | undefined;
    const done = async (result: Result<Application>, promoted: string[] = []) => {
      // The emails commit with the registration (outgoing-mail.ts).
      if (result.ok && result.value.created) {
        const { registrationId, state, position, waitReason } = result.value;
        await notifyRegistration(trx, registrationId, event, state === 'pending' ? 'received' : state, { position, waitReason }, recipient);
      }
      for (const id of promoted) await notifyRegistration(trx, id, event, 'promoted');
      // Only a confirmed place changes what the event page says is left. Last
      // before the commit: every such transaction updates that one row.
      if ((result.ok && result.value.created && result.value.state === 'approved') || promoted.length > 0) await recordPublicDataChange(trx);
      return { outcome: result, promoted };
    };
    // Holding the person's row keeps a concurrent account deletion from
    // missing this application (it takes the row first, then the events).
    // It returns what their email needs, as it stands now.
    const person = await holdPerson.first(trx, { userId });
    if (!person) return done(failure('forbidden', 'permission.signInFirst'));
    recipient = { ...person, mode: form.mode };
    const queueNumber = await lockEvent(trx, key);
    const existing = await activeRegistration.first(trx, { key, userId });
    if (existing) {
      const state = existing.state as Application['state'];
      const waiting = state === 'waitlisted' ? await describeWaiting(trx, event, existing) : {};
      return done(success({ registrationId: existing.id, state, position: waiting.position, waitReason: waiting.reason, created: false }));
    }

    // Whoever arrived earlier and can take a place now gets it first.
    const counts = await countPlaces(trx, key);
    const promoted = await fillFreePlaces(trx, event, counts, now);
    let state: Application['state'] = 'pending';
    if (registration.mode === 'open') {
      const blocker = placeBlocker(event, counts, form.mode, organisationId);
      if (!blocker) state = 'approved';
      else if (registration.waitlist) state = 'waitlisted';
      else if (blocker === 'organisation-limit') return done(failure('conflict', 'registration.organisationLimit', { count: registration.maxPerOrganisation ?? 0 }), promoted);
      else return done(refusal('conflict', FULL_WITHOUT_WAITLIST), promoted);
    }
    const id = generateId();
    const stamp = now.toISOString();
    await insertRegistration.all(trx, {
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
    });
    if (state === 'approved') countPlace(counts, form.mode, organisationId, 1);
    const waiting = state === 'waitlisted' ? await describeWaiting(trx, event, { mode: form.mode, organisation_id: organisationId, queue_number: queueNumber }, counts, 'just now') : {};
    return done(success({ registrationId: id, state, position: waiting.position, waitReason: waiting.reason, created: true }), promoted);
  });

  await deliverMailSoon(db);
  return outcome;
}
