// The periods a digest covers: a daily digest the previous UTC day, a weekly
// one the previous ISO week (Monday to Monday, UTC). A digest is due once its
// period has ended, and each period is claimed once per person.
export type DigestSchedule = 'daily' | 'weekly';

export interface DigestPeriod {
  frequency: DigestSchedule;
  start: Date;
  end: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function utcMidnight(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/** The last period of `frequency` that has ended at `now`. */
export function lastCompletedPeriod(frequency: DigestSchedule, now: Date): DigestPeriod {
  const today = utcMidnight(now);
  if (frequency === 'daily') return { frequency, start: new Date(today.getTime() - DAY_MS), end: today };
  const sinceMonday = (today.getUTCDay() + 6) % 7;
  const thisMonday = new Date(today.getTime() - sinceMonday * DAY_MS);
  return { frequency, start: new Date(thisMonday.getTime() - 7 * DAY_MS), end: thisMonday };
}

/** Calls that close within this long after a digest's period are announced as closing soon. */
export const CLOSING_SOON_MS = 14 * DAY_MS;
