// Who actually took part: once an event has started, the secretariat records
// approved registrations as attended or absent, one or many at a time. Only
// approved registrations have attendance; any other is refused with why. Each
// change goes to the audit log. The participation figures count "took part"
// from these records (src/server/admin/participation-figures.ts).
import type { Kysely } from 'kysely';
import { portalNow } from '../clock';
import { z } from '../validation';
import { ATTENDANCE_STATES, type AttendanceState, type Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireSecretariat } from '../auth/permissions';
import { recordDecision } from '../audit/audit-log';
import type { PortalEvent } from '../events/portal-event';
import { failure, invalid, issuesFromZod, success, type Result } from '../result';
import { message, zodKey, type Message } from '../../i18n/message';
import { eventKey } from './application-window';
import { lockEvent } from './seats';

export const attendanceSchema = z.object({
  ids: z.array(z.string().min(1), { error: zodKey('registration.tickOne') }).min(1, zodKey('registration.tickOne')).max(1000, zodKey('registration.tooManyAtOnce')),
  attendance: z.enum(ATTENDANCE_STATES, { error: zodKey('attendance.chooseAttendance') }),
});

export interface AttendanceReport {
  /** Registrations whose record changed. */
  changed: number;
  /** Ticked registrations that cannot have attendance, with why. */
  refused: { id: string; why: Message }[];
}

/** Attendance exists from the event's start; a cancelled event has none. */
export function attendanceOpen(event: Pick<PortalEvent, 'start' | 'status'>, now: Date): boolean {
  return event.status !== 'cancelled' && event.start <= now;
}

export async function recordAttendance(db: Kysely<Database>, actor: SessionUser | null, event: PortalEvent, input: unknown, now = portalNow()): Promise<Result<AttendanceReport>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const parsed = attendanceSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  if (event.status === 'cancelled') return failure('conflict', 'attendance.cancelled');
  if (!attendanceOpen(event, now)) return failure('conflict', 'attendance.notStarted');
  const { ids, attendance } = parsed.data;
  const key = eventKey(event);
  const stamp = now.toISOString();
  const report = await db.transaction().execute(async (trx) => {
    // The same lock as decisions: a registration cannot be rejected while its attendance is recorded.
    await lockEvent(trx, key);
    const rows = new Map(
      (await trx.selectFrom('registrations').select(['id', 'state', 'attendance']).where('event_key', '=', key).where('id', 'in', ids).execute()).map((row) => [row.id, row]),
    );
    const result: AttendanceReport = { changed: 0, refused: [] };
    for (const id of new Set(ids)) {
      const row = rows.get(id);
      if (!row) {
        result.refused.push({ id, why: message('attendance.notThisEvent') });
        continue;
      }
      if (row.state !== 'approved') {
        result.refused.push({ id, why: message('attendance.onlyApproved') });
        continue;
      }
      if (row.attendance === attendance) continue;
      await trx.updateTable('registrations').set({ attendance, attendance_marked_by: secretariat.value.id, attendance_marked_at: stamp }).where('id', '=', id).execute();
      await recordDecision(
        trx,
        { actorUserId: secretariat.value.id, action: `registration.${attendance}`, subjectType: 'registration', subjectId: id, reason: null, details: { event: key, from: row.attendance ?? 'not recorded' } },
        now,
      );
      result.changed += 1;
    }
    return result;
  });
  return success(report);
}

export type { AttendanceState };
