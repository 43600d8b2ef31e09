// What the portal forgets by itself: health-adjacent requests once their
// retention period after the event (a content file's or one stored by the
// event editor) has passed, password-attempt counts (hashed addresses) a day
// after their last attempt, and uploads a dead process left half-received
// (an hour old; the server's pass only). Each instance runs a pass
// every hour, started and stopped with the server like the mail worker;
// `npm run whatson -- erase-expired-data` runs one pass for cron. A pass is
// idempotent, so instances and cron may overlap without harm.
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { forgetStalePasswordAttempts } from '../auth/password-attempts';
import type { PortalEvent } from '../events/portal-event';
import { readEventsOnDisk, type EventsOnDisk } from '../events/events-on-disk';
import { eventKey } from '../registrations/application-window';
import { eraseExpiredHealthData, type HealthDataErasureReport } from './erase-health-data';
import { readStoredEventEnds } from '../event-editor/stored-event-ends';
import { removeAbandonedUploads } from '../http/incoming-uploads';
import { repeatInBackground, type BackgroundJob } from '../background-job';

export interface HousekeepingReport extends HealthDataErasureReport {
  forgottenAttempts: number;
}

export async function runPrivacyHousekeeping(
  db: Kysely<Database>,
  { now, retentionDays, events }: { now: Date; retentionDays: number; events: readonly PortalEvent[] },
): Promise<HousekeepingReport> {
  // Events from the content files, then those the editor keeps in the database (which win, as on the pages).
  const ends = new Map(events.map((event) => [eventKey(event), event.end]));
  for (const [key, end] of await readStoredEventEnds(db)) ends.set(key, end);
  const erasure = await eraseExpiredHealthData(db, { now, retentionDays, endOf: (key) => ends.get(key) });
  return { ...erasure, forgottenAttempts: await forgetStalePasswordAttempts(db, now) };
}

export interface HousekeepingOptions {
  retentionDays: number;
  /** ATTACHMENTS_DIR: uploads left half-received by a process that died are removed from it. */
  attachmentsDir?: string;
  readEvents?: () => Promise<EventsOnDisk>;
  intervalMs?: number;
  /** The first pass waits this long, so it does not slow the start. */
  firstPassAfterMs?: number;
  log?: (line: string) => void;
  now?: () => Date;
}

export type PrivacyHousekeeping = BackgroundJob;

export function startPrivacyHousekeeping(db: Kysely<Database>, options: HousekeepingOptions): PrivacyHousekeeping {
  const { retentionDays, attachmentsDir, readEvents = readEventsOnDisk, intervalMs = 60 * 60_000, firstPassAfterMs = 30_000, log = console.error, now = portalNow } = options;
  // The content files are fixed for the life of the build, so they are read once; stored events every pass.
  let events: Promise<PortalEvent[]> | undefined;
  const warned = new Set<string>();

  async function pass(): Promise<void> {
    try {
      events ??= readEvents().then(({ events: read, problems }) => {
        for (const problem of problems) log(`[whatson] privacy housekeeping skips ${problem}`);
        return read;
      });
      const report = await runPrivacyHousekeeping(db, { now: now(), retentionDays, events: await events });
      if (attachmentsDir) {
        // File ages are durations on the machine's clock, whatever WHATSON_CLOCK says.
        const removed = await removeAbandonedUploads(attachmentsDir, new Date());
        if (removed) log(`[whatson] removed ${removed} upload(s) left half-received by an earlier process`);
      }
      if (report.erased) log(`[whatson] erased the accessibility needs of ${report.erased} registration(s), ${retentionDays} days after their event ended`);
      for (const key of report.unknownEvents.filter((key) => !warned.has(key))) {
        warned.add(key);
        log(`[whatson] registrations for "${key}" keep their accessibility needs: no published event has that key, so its end is unknown`);
      }
    } catch (error) {
      events = undefined;
      // The next pass tries again; nothing is lost by waiting.
      log(`[whatson] privacy housekeeping postponed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return repeatInBackground(pass, { intervalMs, firstPassAfterMs });
}
