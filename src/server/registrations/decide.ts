// The secretariat decides applications in bulk: approve (while seats and the
// organisation's maximum allow), waitlist (when no place is free for them),
// or reject with a reason. Every decision goes to the audit log; a freed
// place goes to the first waitlisted person who can take it.
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import { z } from '../validation';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireSecretariat } from '../auth/permissions';
import { recordDecision } from '../audit/audit-log';
import type { PortalEvent } from '../events/portal-event';
import { invalid, issuesFromZod, success, type Result } from '../result';
import { eventKey } from './application-window';
import { countPlace, countPlaces, isActive, lockEvent, placeBlocker, type WaitReason } from './seats';
import { describeWaiting, fillFreePlaces, type Waiting } from './waitlist';
import { notifyRegistration, type RegistrationNotice } from './notifications';
import { deliverMailSoon } from '../mail/outgoing-mail';
import { recordPublicDataChange } from '../public-cache/public-data-version';

export const DECISIONS = ['approve', 'waitlist', 'reject'] as const;

export const decisionSchema = z
  .object({
    ids: z.array(z.string().min(1), { error: 'Tick at least one application.' }).min(1, 'Tick at least one application.').max(1000, 'Decide on at most 1000 applications at once.'),
    decision: z.enum(DECISIONS, { error: 'Choose approve, waitlist or reject.' }),
    reason: z.string().trim().max(1000, 'Use at most 1000 characters.').optional().transform((value) => value || null),
  })
  .refine((input) => input.decision !== 'reject' || input.reason, { path: ['reason'], error: 'Give the reason for not approving; the applicant sees it.' });

export interface DecisionReport {
  changed: number;
  /** Applications the decision could not apply to, with why. */
  refused: { id: string; why: string }[];
  promoted: string[];
}

const TARGET_STATE = { approve: 'approved', waitlist: 'waitlisted', reject: 'rejected' } as const;

const FINAL_STATE: Record<RegistrationNotice, string> = { received: 'pending', approved: 'approved', promoted: 'approved', waitlisted: 'waitlisted', rejected: 'rejected', withdrawn: 'withdrawn' };

const BLOCKED: Record<WaitReason, (mode: string) => string> = {
  'places-taken': (mode) => `no ${mode} place left`,
  'organisation-limit': () => 'the organisation has its maximum of places',
  'places-taken-and-organisation-limit': (mode) => `no ${mode} place left, and the organisation has its maximum of places`,
};

interface Change extends Waiting {
  /** The state before this decision. */
  from: string;
  notice: RegistrationNotice;
}

export async function decideRegistrations(db: Kysely<Database>, actor: SessionUser | null, event: PortalEvent, input: unknown, now = portalNow()): Promise<Result<DecisionReport>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const parsed = decisionSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const { ids, decision, reason } = parsed.data;
  const key = eventKey(event);
  const stamp = now.toISOString();

  const changes = new Map<string, Change>();

  const report = await db.transaction().execute(async (trx) => {
    await lockEvent(trx, key);
    const counts = await countPlaces(trx, key);
    const rows = new Map(
      (
        await trx
          .selectFrom('registrations')
          .select(['id', 'state', 'mode', 'organisation_id', 'queue_number'])
          .where('event_key', '=', key)
          .where('id', 'in', ids)
          .orderBy('queue_number')
          .execute()
      ).map((row) => [row.id, row]),
    );
    const result: DecisionReport = { changed: 0, refused: [], promoted: [] };
    for (const id of ids) if (!rows.has(id)) result.refused.push({ id, why: 'not an application for this event' });
    const note = (id: string, from: string, notice: RegistrationNotice) => changes.set(id, { from: changes.get(id)?.from ?? from, notice });
    /** Freed places go to those waiting before the next decision is weighed. */
    const promote = async () => {
      for (const id of await fillFreePlaces(trx, event, counts, now)) {
        note(id, 'waitlisted', 'promoted');
        const row = rows.get(id);
        if (row) row.state = 'approved';
      }
    };
    await promote();

    for (const row of rows.values()) {
      const target = TARGET_STATE[decision];
      if (!isActive(row.state)) {
        result.refused.push({ id: row.id, why: `already ${row.state}` });
        continue;
      }
      if (row.state === target) continue;
      const blocker = row.state === 'approved' ? undefined : placeBlocker(event, counts, row.mode, row.organisation_id);
      if (decision === 'approve' && blocker) {
        result.refused.push({ id: row.id, why: BLOCKED[blocker](row.mode) });
        continue;
      }
      if (decision === 'waitlist' && row.state === 'approved') {
        result.refused.push({ id: row.id, why: 'already approved: reject it to free the place' });
        continue;
      }
      // Waiting while a place is free for them would leave that place empty.
      if (decision === 'waitlist' && !blocker) {
        result.refused.push({ id: row.id, why: `a ${row.mode} place is free for them: approve instead` });
        continue;
      }
      await trx
        .updateTable('registrations')
        .set({ state: target, decision_reason: reason, decided_by: secretariat.value.id, decided_at: stamp, updated_at: stamp })
        .where('id', '=', row.id)
        .execute();
      await recordDecision(trx, { actorUserId: secretariat.value.id, action: `registration.${target}`, subjectType: 'registration', subjectId: row.id, reason, details: { event: key, from: row.state } }, now);
      const from = row.state;
      row.state = target;
      result.changed += 1;
      note(row.id, from, target);
      if (target === 'approved') countPlace(counts, row.mode, row.organisation_id, 1);
      if (from === 'approved') {
        countPlace(counts, row.mode, row.organisation_id, -1);
        await promote();
      }
    }
    await promote();
    // What the notices say about waiting is what holds once every decision is made.
    for (const [id, change] of changes) {
      const row = rows.get(id);
      if (change.notice === 'waitlisted' && row) Object.assign(change, await describeWaiting(trx, event, row, counts));
    }
    result.promoted = [...changes].filter(([, change]) => change.notice === 'promoted').map(([id]) => id);
    // One notice per registration whose state changed, saying where it ended; they commit with the decisions.
    for (const [id, { from, notice, position, reason: waitReason }] of changes) {
      if (FINAL_STATE[notice] === from) continue;
      await notifyRegistration(trx, id, event, notice, { position, waitReason, reason: notice === 'promoted' ? null : reason, wasApproved: from === 'approved' });
    }
    if (result.changed > 0 || result.promoted.length > 0) await recordPublicDataChange(trx);
    return result;
  });
  await deliverMailSoon(db);
  return success(report);
}
