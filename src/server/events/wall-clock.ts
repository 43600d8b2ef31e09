// The secretariat writes times as the clock on the wall of the venue
// ("2026-07-01T10:00" in Europe/Vienna). They are kept as such strings in
// front matter and turned into UTC instants only together with the zone.
import { z } from '../validation';
import { TZDate } from '@date-fns/tz';

export type WallClock = string; // YYYY-MM-DDTHH:mm

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * The zones asked about so far, with the answer. Finding it makes an
 * Intl.DateTimeFormat, which cost a fifth of reading and checking an event
 * file (privacy housekeeping's pass over 5,000 of them, 2026-12-02), and events
 * name few zones. Bounded, since the editor's form may send any text.
 */
const zonesAnswered = new Map<string, boolean>();
const ZONES_ANSWERED_LIMIT = 1_000;

export function isTimeZone(zone: string): boolean {
  const answered = zonesAnswered.get(zone);
  if (answered !== undefined) return answered;
  if (zonesAnswered.size >= ZONES_ANSWERED_LIMIT) zonesAnswered.clear();
  const answer = isNamedZone(zone);
  zonesAnswered.set(zone, answer);
  return answer;
}

function isNamedZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

export const wallClockSchema = z.preprocess(
  // YAML turns unquoted timestamps into Dates read as UTC; their UTC fields are
  // exactly what the author wrote, so read them back as a wall clock.
  (value) =>
    value instanceof Date && !Number.isNaN(value.getTime())
      ? `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}T${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`
      : value,
  z
    .string({ error: 'must be a date and time such as 2026-07-01T10:00' })
    .regex(WALL_CLOCK, 'must be a date and time such as 2026-07-01T10:00')
    .transform((value) => value.replace(' ', 'T'))
    .refine((value) => {
      const [, y, m, d, h, min] = WALL_CLOCK.exec(value)!.map(Number);
      const date = new Date(Date.UTC(y!, m! - 1, d!, h!, min!));
      return date.getUTCMonth() === m! - 1 && date.getUTCDate() === d! && h! < 24 && min! < 60;
    }, 'is not a real date and time'),
);

/** The UTC instant at which the wall clock in `zone` shows `wallClock`. */
export function wallClockToInstant(wallClock: WallClock, zone: string): Date {
  const match = WALL_CLOCK.exec(wallClock);
  if (!match) throw new Error(`not a wall-clock time: ${wallClock}`);
  const [, y, m, d, h, min] = match.map(Number);
  return new Date(new TZDate(y!, m! - 1, d!, h!, min!, zone).getTime());
}

/** "2026-07-01T10:00:00+02:00": the instant written with the zone's offset, as schema.org wants. */
export function instantWithOffset(instant: Date, zone: string): string {
  const local = new TZDate(instant.getTime(), zone);
  const offsetMinutes = -local.getTimezoneOffset();
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return (
    `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}` +
    `T${pad(local.getHours())}:${pad(local.getMinutes())}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
