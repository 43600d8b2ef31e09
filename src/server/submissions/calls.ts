// Calls for input are declared by dialogues in their front matter; written
// input can also be sent on a topic without a call.
import type { PortalEvent } from '../events/portal-event';
import { eventKey } from '../registrations/application-window';
import { isWindowOpen, windowPhase, type WindowPhase } from '../events/windows';

export const DEFAULT_WORD_LIMIT = 3000;

export interface OpenCall {
  key: string;
  event: PortalEvent;
  opens: Date;
  closes: Date;
  questions: string[];
  wordLimit: number;
}

export type CallLookup = (key: string) => OpenCall | undefined;

export function callsOf(events: readonly PortalEvent[]): OpenCall[] {
  return events
    .filter((event) => event.callForInput)
    .map((event) => ({ key: eventKey(event), event, ...event.callForInput! }));
}

export function callLookup(events: readonly PortalEvent[]): CallLookup {
  const calls = new Map(callsOf(events).map((call) => [call.key, call]));
  return (key) => calls.get(key);
}

export function isCallOpen(call: Pick<OpenCall, 'opens' | 'closes'>, now: Date): boolean {
  return isWindowOpen(call, now);
}

export function callPhase(call: Pick<OpenCall, 'opens' | 'closes'>, now: Date): WindowPhase {
  return windowPhase(call, now);
}

/** The call of one event, if it has one. */
export function callOf(event: PortalEvent): OpenCall | undefined {
  return event.callForInput ? { key: eventKey(event), event, ...event.callForInput } : undefined;
}

/** Calls a person can still write to (drafts may start before a call opens), soonest deadline first. */
export function openCalls(events: readonly PortalEvent[], now: Date): OpenCall[] {
  return callsOf(events)
    .filter((call) => callPhase(call, now) !== 'closed')
    .sort((a, b) => a.closes.getTime() - b.closes.getTime());
}
