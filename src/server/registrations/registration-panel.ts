// What the event page says about applying, for the person looking at it.
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireAccreditedOrganisation } from '../auth/permissions';
import type { PortalEvent } from '../events/portal-event';
import { applicationWindow, capacityFor, eventKey, modesOffered, type ParticipationMode } from './application-window';
import { FULL_WITHOUT_WAITLIST, NOT_ELIGIBLE, WINDOW_MESSAGES } from './apply';
import { approvedCount, countPlaces, seatFree, type WaitReason } from './seats';
import { describeWaiting } from './waitlist';
import { findOwnRegistration } from './registration-lists';

export type RegistrationPanel =
  | { kind: 'none' }
  | { kind: 'registered'; state: string; mode: string; reason: string | null; position?: number; waitReason?: WaitReason }
  | { kind: 'can-apply' }
  | { kind: 'sign-in' }
  | { kind: 'cannot-apply'; why: string };

export async function describeRegistrationPanel(db: Kysely<Database>, actor: SessionUser | null, event: PortalEvent, now = portalNow()): Promise<RegistrationPanel> {
  const mode = event.registration?.mode;
  if (mode !== 'open' && mode !== 'reviewed') return { kind: 'none' };
  const own = await findOwnRegistration(db, actor, event);
  if (own && own.state !== 'withdrawn') {
    const waiting = own.state === 'waitlisted' ? await describeWaiting(db, event, own) : {};
    return { kind: 'registered', state: own.state, mode: own.mode, reason: own.decision_reason, position: waiting.position, waitReason: waiting.reason };
  }
  const window = applicationWindow(event, now);
  if (!window.open) return { kind: 'cannot-apply', why: WINDOW_MESSAGES[window.reason]! };
  if (!actor) return { kind: 'sign-in' };
  const member = await requireAccreditedOrganisation(db, actor);
  if (!member.ok) return { kind: 'cannot-apply', why: 'message' in member ? member.message : '' };
  const organisation = await db.selectFrom('organisations').select('type').where('id', '=', member.value.organisationId).executeTakeFirstOrThrow();
  if (!(event.registration!.eligibleTypes as string[]).includes(organisation.type)) return { kind: 'cannot-apply', why: NOT_ELIGIBLE };
  if (mode === 'open' && !event.registration!.waitlist && (await everyModeFull(db, event))) return { kind: 'cannot-apply', why: FULL_WITHOUT_WAITLIST };
  return { kind: 'can-apply' };
}

async function everyModeFull(db: Kysely<Database>, event: PortalEvent): Promise<boolean> {
  const counts = await countPlaces(db, eventKey(event));
  return modesOffered(event).every((mode) => !seatFree(event, counts, mode));
}

/** Places not yet confirmed, for each mode with a capacity, on events that take applications. */
export async function placesLeft(db: Kysely<Database>, event: PortalEvent): Promise<Partial<Record<ParticipationMode, number>>> {
  const mode = event.registration?.mode;
  if (mode !== 'open' && mode !== 'reviewed') return {};
  const left: Partial<Record<ParticipationMode, number>> = {};
  for (const offered of modesOffered(event)) {
    const capacity = capacityFor(event, offered);
    if (capacity !== undefined) left[offered] = Math.max(0, capacity - (await approvedCount(db, eventKey(event), offered)));
  }
  return left;
}
