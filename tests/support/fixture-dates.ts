// Dates of the demo content as they stand in the test content (moved to
// today, see fixture-content.mjs), in the forms the portal writes them.
import { TZDate } from '@date-fns/tz';
import { fixtureDate } from './fixture-content.mjs';

/** The moved wall-clock time "2027-07-06T10:00" at the venue, as the instant it is in `zone`. */
export function fixtureInstant(wallClock: string, zone: string): Date {
  const [, year, month, day, hour, minute] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(fixtureDate(wallClock))!;
  return new Date(new TZDate(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), zone).getTime());
}

/** "2027-07-06T10:00" moved, as iCalendar's local form "20270706T100000". */
export function fixtureIcalLocal(wallClock: string): string {
  return `${fixtureDate(wallClock).replace(/[-:]/g, '')}00`;
}

/** An instant as iCalendar's UTC form "20270706T080000Z". */
export function icalUtc(instant: Date): string {
  return `${instant.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/** The instant with the zone's offset, as JSON-LD writes it: "2027-07-06T10:00:00+02:00". */
export function withOffset(wallClock: string, zone: string): string {
  const instant = fixtureInstant(wallClock, zone);
  const offsetMinutes = -new TZDate(instant.getTime(), zone).getTimezoneOffset();
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
  return `${fixtureDate(wallClock)}:00${sign}${hours}:${minutes}`;
}

export { fixtureDate };
