// The secretariat decides applications in bulk: approve (while seats and the
// organisation's maximum allow), waitlist, or reject with a reason. Every
// decision goes to the audit log; a freed seat goes to the waitlist.
import type { Kysely } from 'kysely';
import { z } from '../validation';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireSecretariat } from '../auth/permissions';
import { recordDecision } from '../audit/audit-log';
import type { PortalEvent } from '../events/portal-event';
import { invalid, issuesFromZod, success, type Result } from '../result';
import { eventKey, type ParticipationMode } from './application-window';
import { hasSeat, lockEvent, promoteFromWaitlist, underQuota, waitlistPosition } from './seats';
import { notifyRegistration, type RegistrationNotice } from './notifications';
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

export async function decideRegistrations(db: Kysely<Database>, actor: SessionUser | null, event: PortalEvent, input: unknown, now = new Date()): Promise<Result<DecisionReport>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const parsed = decisionSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const { ids, decision, reason } = parsed.data;
  const key = eventKey(event);
  const stamp = now.toISOString();
  const notices: { id: string; notice: RegistrationNotice; position?: number; wasApproved: boolean }[] = [];

  const report = await db.transaction().execute(async (trx) => {
    await lockEvent(trx, key);
    const rows = await trx
      .selectFrom('registrations')
      .select(['id', 'state', 'mode', 'organisation_id', 'queue_number'])
      .where('event_key', '=', key)
      .where('id', 'in', ids)
      .orderBy('queue_number')
      .execute();
    const result: DecisionReport = { changed: 0, refused: [], promoted: [] };
    for (const id of ids) if (!rows.some((row) => row.id === id)) result.refused.push({ id, why: 'not an application for this event' });
    const freedModes = new Set<ParticipationMode>();

    for (const row of rows) {
      const mode = row.mode as ParticipationMode;
      const target = TARGET_STATE[decision];
      if (!['pending', 'approved', 'waitlisted'].includes(row.state)) {
        result.refused.push({ id: row.id, why: `already ${row.state}` });
        continue;
      }
      if (row.state === target) continue;
      if (decision === 'approve') {
        if (!(await hasSeat(trx, event, mode))) {
          result.refused.push({ id: row.id, why: `no ${mode} place left` });
          continue;
        }
        if (!(await underQuota(trx, event, row.organisation_id))) {
          result.refused.push({ id: row.id, why: 'the organisation has its maximum of places' });
          continue;
        }
      }
      if (decision === 'waitlist' && row.state === 'approved') {
        result.refused.push({ id: row.id, why: 'already approved: reject it to free the place' });
        continue;
      }
      await trx
        .updateTable('registrations')
        .set({ state: target, decision_reason: reason, decided_by: secretariat.value.id, decided_at: stamp, updated_at: stamp })
        .where('id', '=', row.id)
        .execute();
      await recordDecision(trx, { actorUserId: secretariat.value.id, action: `registration.${target}`, subjectType: 'registration', subjectId: row.id, reason, details: { event: key, from: row.state } }, now);
      if (row.state === 'approved') freedModes.add(mode);
      result.changed += 1;
      notices.push({
        id: row.id,
        notice: target,
        position: target === 'waitlisted' ? await waitlistPosition(trx, key, mode, row.queue_number) : undefined,
        wasApproved: row.state === 'approved',
      });
    }
    for (const mode of freedModes) result.promoted.push(...(await promoteFromWaitlist(trx, event, mode, now)));
    return result;
  });

  if (report.changed > 0 || report.promoted.length > 0) await recordPublicDataChange(db);
  for (const { id, notice, position, wasApproved } of notices) await notifyRegistration(db, id, event, notice, { position, reason, wasApproved });
  for (const id of report.promoted) await notifyRegistration(db, id, event, 'promoted');
  return success(report);
}
