// What the portal forgets by itself: health-adjacent requests once their
// retention period after the event has passed, and password-attempt counts
// (hashed addresses) a day after their last attempt. Each instance runs a pass
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

export interface HousekeepingReport extends HealthDataErasureReport {
  forgottenAttempts: number;
}

export async function runPrivacyHousekeeping(
  db: Kysely<Database>,
  { now, retentionDays, events }: { now: Date; retentionDays: number; events: readonly PortalEvent[] },
): Promise<HousekeepingReport> {
  const ends = new Map(events.map((event) => [eventKey(event), event.end]));
  const erasure = await eraseExpiredHealthData(db, { now, retentionDays, endOf: (key) => ends.get(key) });
  return { ...erasure, forgottenAttempts: await forgetStalePasswordAttempts(db, now) };
}

export interface HousekeepingOptions {
  retentionDays: number;
  readEvents?: () => Promise<EventsOnDisk>;
  intervalMs?: number;
  /** The first pass waits this long, so it does not slow the start. */
  firstPassAfterMs?: number;
  log?: (line: string) => void;
  now?: () => Date;
}

export interface PrivacyHousekeeping {
  /** Stops the timer and waits for a pass under way. */
  stop(): Promise<void>;
  /** Runs a pass now (or joins the one under way). */
  runNow(): Promise<void>;
}

export function startPrivacyHousekeeping(db: Kysely<Database>, options: HousekeepingOptions): PrivacyHousekeeping {
  const { retentionDays, readEvents = readEventsOnDisk, intervalMs = 60 * 60_000, firstPassAfterMs = 30_000, log = console.error, now = portalNow } = options;
  // The content is fixed for the life of the build, so it is read once.
  let events: Promise<PortalEvent[]> | undefined;
  let running: Promise<void> | null = null;
  const warned = new Set<string>();

  async function pass(): Promise<void> {
    try {
      events ??= readEvents().then(({ events: read, problems }) => {
        for (const problem of problems) log(`[whatson] privacy housekeeping skips ${problem}`);
        return read;
      });
      const report = await runPrivacyHousekeeping(db, { now: now(), retentionDays, events: await events });
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

  function runNow(): Promise<void> {
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  }

  const first = setTimeout(() => void runNow(), firstPassAfterMs);
  const timer = setInterval(() => void runNow(), intervalMs);
  first.unref();
  timer.unref();
  return {
    runNow,
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
