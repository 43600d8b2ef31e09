// Whether an event takes applications now, and why not. Pure: the page uses
// it to say plainly why someone cannot apply, the domain function to refuse.
import type { PortalEvent } from '../events/portal-event';

import { PARTICIPATION_MODES, type ParticipationMode } from '../db/schema';

export { PARTICIPATION_MODES, type ParticipationMode };

export type WindowState =
  | { open: true }
  | { open: false; reason: 'no-registration' | 'external' | 'cancelled' | 'not-open-yet' | 'closed' | 'over'; at?: Date };

export function applicationWindow(event: PortalEvent, now: Date): WindowState {
  const registration = event.registration;
  if (!registration || registration.mode === 'none') return { open: false, reason: 'no-registration' };
  if (registration.mode === 'external') return { open: false, reason: 'external' };
  if (event.status === 'cancelled') return { open: false, reason: 'cancelled' };
  if (event.end <= now) return { open: false, reason: 'over' };
  if (registration.opens && now < registration.opens) return { open: false, reason: 'not-open-yet', at: registration.opens };
  const closes = registration.closes ?? event.start;
  if (now >= closes) return { open: false, reason: 'closed', at: closes };
  return { open: true };
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
