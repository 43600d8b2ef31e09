// Whether an event takes applications now, and why not. Pure: the page uses
// it to say plainly why someone cannot apply, the domain function to refuse.
import type { PortalEvent } from '../events/portal-event';
import { windowPhase, type TimeWindow } from '../events/windows';

export const PARTICIPATION_MODES = ['in-person', 'online'] as const;
export type ParticipationMode = (typeof PARTICIPATION_MODES)[number];

export type WindowState =
  | { open: true }
  | { open: false; reason: 'no-registration' | 'external' | 'cancelled' | 'not-open-yet' | 'closed' | 'over'; at?: Date };

/** Whether the event takes applications through the portal at all (open or reviewed registration). */
export function takesApplications(event: PortalEvent): boolean {
  const mode = event.registration?.mode;
  return mode === 'open' || mode === 'reviewed';
}

/**
 * When applications open and close. Without a closing date they close when
 * the event starts: the portal never takes applications for a meeting under way.
 */
export function registrationTimes(event: PortalEvent): TimeWindow | undefined {
  if (!takesApplications(event)) return undefined;
  return { opens: event.registration!.opens, closes: event.registration!.closes ?? event.start };
}

export function applicationWindow(event: PortalEvent, now: Date): WindowState & { closes?: Date } {
  const registration = event.registration;
  if (!registration || registration.mode === 'none') return { open: false, reason: 'no-registration' };
  if (registration.mode === 'external') return { open: false, reason: 'external' };
  if (event.status === 'cancelled') return { open: false, reason: 'cancelled' };
  if (event.end <= now) return { open: false, reason: 'over' };
  const times = registrationTimes(event)!;
  const phase = windowPhase(times, now);
  if (phase === 'not-open-yet') return { open: false, reason: 'not-open-yet', at: times.opens };
  if (phase === 'closed') return { open: false, reason: 'closed', at: times.closes };
  return { open: true, closes: times.closes };
}

/** Whether an organisation of this type may apply (the event's eligible types). */
export function isEligible(event: PortalEvent, organisationType: string): boolean {
  return (event.registration?.eligibleTypes as string[] | undefined)?.includes(organisationType) ?? false;
}

/** The ways of taking part that the event's format offers. */
export function modesOffered(event: PortalEvent): ParticipationMode[] {
  if (event.format === 'in-person') return ['in-person'];
  if (event.format === 'online') return ['online'];
  return ['in-person', 'online'];
}

/** Seats for a mode; undefined means no limit was set. */
export function capacityFor(event: PortalEvent, mode: ParticipationMode): number | undefined {
  return mode === 'in-person' ? event.registration?.capacityInPerson : event.registration?.capacityOnline;
}

export function eventKey(event: Pick<PortalEvent, 'collection' | 'slug'>): string {
  return `${event.collection}/${event.slug}`;
}
