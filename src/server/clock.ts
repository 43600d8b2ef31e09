// The portal's notion of "now": the machine's clock, unless WHATSON_CLOCK
// names another instant. Then the portal's clock reads that instant when the
// process starts and runs on at real speed from there, so a rehearsal ("what
// does the portal show on the first day of COP13?") or a test can look at the
// portal on any day without touching the machine's clock. Durations (time-outs,
// back-off, how long a request took) stay on the machine's clock; only what is
// compared with stored dates or event times reads this one.

/** When the process started, on the machine's clock: the same in every copy of this module. */
const processStartedAt = Math.round(performance.timeOrigin);

export const PORTAL_CLOCK_VARIABLE = 'WHATSON_CLOCK';

/** The instant WHATSON_CLOCK names, undefined when unset; null when it is not an instant. */
export function parsePortalClock(value: string | undefined): Date | undefined | null {
  if (value === undefined || value.trim() === '') return undefined;
  // Only full ISO 8601 instants with a zone: "2027-03-01T09:00:00Z" or "…+01:00".
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value.trim())) return null;
  const instant = new Date(value.trim());
  return Number.isNaN(instant.getTime()) ? null : instant;
}

function offsetFrom(environment: NodeJS.ProcessEnv): number {
  const startsAt = parsePortalClock(environment[PORTAL_CLOCK_VARIABLE]);
  return startsAt ? startsAt.getTime() - processStartedAt : 0;
}

let offsetMs = offsetFrom(process.env);

/** Now, as the portal sees it. */
export function portalNow(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Now, as the portal sees it, in milliseconds: for what asks on every request (the page cache), with no Date to make. */
export function portalNowMs(): number {
  return Date.now() + offsetMs;
}

/** For tests that move one process's clock: `startsAt` becomes now, and the clock runs on from there. */
export function setPortalClock(startsAt: Date | undefined): void {
  offsetMs = startsAt ? startsAt.getTime() - Date.now() : 0;
}

/** How far the portal's clock is from the machine's, for `doctor` and the start-up log. */
export function portalClockOffsetMs(): number {
  return offsetMs;
}
