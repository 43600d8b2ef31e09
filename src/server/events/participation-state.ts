// How one can take part in an event right now, as the listing cards and the
// box at the top of the event page state it: the application window and the
// call for input, both from the one window rule (windows.ts).
import type { PortalEvent } from './portal-event';
import { applicationWindow, registrationTimes, takesApplications } from '../registrations/application-window';
import { callPhase } from '../submissions/calls';

export type ApplicationsState =
  | { kind: 'open'; closes: Date }
  | { kind: 'not-open-yet'; opens: Date }
  | { kind: 'closed' }
  | { kind: 'external'; url?: string }
  | { kind: 'none' };

export type CallState = { kind: 'open'; closes: Date } | { kind: 'not-open-yet'; opens: Date } | { kind: 'closed' };

export interface ParticipationState {
  applications: ApplicationsState;
  call?: CallState;
}

export function participationState(event: PortalEvent, now: Date): ParticipationState {
  return { applications: applicationsState(event, now), call: callState(event, now) };
}

function applicationsState(event: PortalEvent, now: Date): ApplicationsState {
  if (event.registration?.mode === 'external') return event.status === 'cancelled' || event.end <= now ? { kind: 'closed' } : { kind: 'external', url: event.registration.url };
  if (!takesApplications(event)) return { kind: 'none' };
  const window = applicationWindow(event, now);
  if (window.open) return { kind: 'open', closes: window.closes! };
  if (window.reason === 'not-open-yet') return { kind: 'not-open-yet', opens: registrationTimes(event)!.opens! };
  return { kind: 'closed' };
}

function callState(event: PortalEvent, now: Date): CallState | undefined {
  const call = event.callForInput;
  if (!call) return undefined;
  if (event.status === 'cancelled') return { kind: 'closed' };
  const phase = callPhase(call, now);
  if (phase === 'open') return { kind: 'open', closes: call.closes };
  if (phase === 'not-open-yet') return { kind: 'not-open-yet', opens: call.opens };
  return { kind: 'closed' };
}
