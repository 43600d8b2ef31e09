// What the event page (its box at the top) says about applying, for the
// person looking at it: the window, the places left, and whether this person
// can apply or why not. The same rules as applyForEvent, from the same
// functions (applicationWindow, isEligible, seatFree).
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireAccreditedOrganisation } from '../auth/permissions';
import type { PortalEvent } from '../events/portal-event';
import { applicationWindow, capacityFor, eventKey, isEligible, modesOffered, takesApplications, type ParticipationMode, type WindowState } from './application-window';
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
  if (!takesApplications(event)) return { kind: 'none' };
  const own = await findOwnRegistration(db, actor, event);
  if (own && own.state !== 'withdrawn') {
    const waiting = own.state === 'waitlisted' ? await describeWaiting(db, event, own) : {};
    return { kind: 'registered', state: own.state, mode: own.mode, reason: own.decision_reason, position: waiting.position, waitReason: waiting.reason };
  }
  const refusal = await applicationRefusal(db, actor, event, now);
  if (refusal === 'sign-in') return { kind: 'sign-in' };
  return refusal ? { kind: 'cannot-apply', why: refusal } : { kind: 'can-apply' };
}

/**
 * Why this person cannot apply now (a sentence), 'sign-in' when only signing
 * in is missing, or undefined when they can. The apply form asks this before
 * anything is typed.
 */
export async function applicationRefusal(db: Kysely<Database>, actor: SessionUser | null, event: PortalEvent, now = portalNow()): Promise<string | 'sign-in' | undefined> {
  const window = applicationWindow(event, now);
  if (!window.open) return WINDOW_MESSAGES[window.reason]!;
  if (!actor) return 'sign-in';
  const member = await requireAccreditedOrganisation(db, actor);
  if (!member.ok) return 'message' in member ? member.message : '';
  const organisation = await db.selectFrom('organisations').select('type').where('id', '=', member.value.organisationId).executeTakeFirstOrThrow();
  if (!isEligible(event, organisation.type)) return NOT_ELIGIBLE;
  if (event.registration!.mode === 'open' && !event.registration!.waitlist && (await everyModeFull(db, event))) return FULL_WITHOUT_WAITLIST;
  return undefined;
}

async function everyModeFull(db: Kysely<Database>, event: PortalEvent): Promise<boolean> {
  const counts = await countPlaces(db, eventKey(event));
  return modesOffered(event).every((mode) => !seatFree(event, counts, mode));
}

/** Places not yet confirmed, for each mode with a capacity, on events that take applications. */
export async function placesLeft(db: Kysely<Database>, event: PortalEvent): Promise<Partial<Record<ParticipationMode, number>>> {
  if (!takesApplications(event)) return {};
  const left: Partial<Record<ParticipationMode, number>> = {};
  for (const offered of modesOffered(event)) {
    const capacity = capacityFor(event, offered);
    if (capacity !== undefined) left[offered] = Math.max(0, capacity - (await approvedCount(db, eventKey(event), offered)));
  }
  return left;
}

/** Places left and capacity of each offered mode that has a capacity (none: no limit to state). */
export function placesSummary(event: PortalEvent, left: Partial<Record<ParticipationMode, number>>): { mode: ParticipationMode; left: number; capacity: number }[] {
  return modesOffered(event)
    .filter((mode) => left[mode] !== undefined && capacityFor(event, mode) !== undefined)
    .map((mode) => ({ mode, left: left[mode]!, capacity: capacityFor(event, mode)! }));
}

export type { WindowState };
