// Whether this person can write input to a call now, or why not: the event
// page's box shows the button only when they can, and the form says why
// before anything is typed. The same checks saveSubmission makes.
import type { Kysely } from 'kysely';
import { portalNow } from '../clock';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireAccreditedOrganisation } from '../auth/permissions';
import { callPhase, type OpenCall } from './calls';

export const CALL_NOT_OPEN_YET = 'This call for input is not open yet.';
export const CALL_CLOSED = 'This call for input has closed: input can no longer be submitted to it.';

export type CallPanel = { kind: 'can-write' } | { kind: 'sign-in' } | { kind: 'cannot-write'; why: string };

export async function describeCallPanel(db: Kysely<Database>, actor: SessionUser | null, call: Pick<OpenCall, 'opens' | 'closes'>, now = portalNow()): Promise<CallPanel> {
  const refusal = await writingRefusal(db, actor, call, now);
  if (refusal === 'sign-in') return { kind: 'sign-in' };
  return refusal ? { kind: 'cannot-write', why: refusal } : { kind: 'can-write' };
}

/** Why this person cannot write input (to this call, if one is given), 'sign-in', or undefined when they can. */
export async function writingRefusal(db: Kysely<Database>, actor: SessionUser | null, call: Pick<OpenCall, 'opens' | 'closes'> | undefined, now = portalNow()): Promise<string | 'sign-in' | undefined> {
  if (call) {
    const phase = callPhase(call, now);
    if (phase === 'closed') return CALL_CLOSED;
    if (phase === 'not-open-yet') return CALL_NOT_OPEN_YET;
  }
  if (!actor) return 'sign-in';
  const member = await requireAccreditedOrganisation(db, actor);
  if (!member.ok) return 'message' in member ? member.message : '';
  return undefined;
}
