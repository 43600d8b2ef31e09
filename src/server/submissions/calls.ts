// Calls for input are declared by dialogues in their front matter; written
// input can also be sent on a topic without a call.
import type { PortalEvent } from '../events/portal-event';
import { eventKey } from '../registrations/application-window';

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

export function isCallOpen(call: OpenCall, now: Date): boolean {
  return call.opens <= now && now < call.closes;
}

/** Calls a person can still write to, soonest deadline first. */
export function openCalls(events: readonly PortalEvent[], now: Date): OpenCall[] {
  return callsOf(events)
    .filter((call) => now < call.closes)
    .sort((a, b) => a.closes.getTime() - b.closes.getTime());
}
