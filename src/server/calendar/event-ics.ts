// Events as iCalendar (RFC 5545), for feeds, "add to calendar" and the
// registration emails (iTIP METHOD:REQUEST / CANCEL, RFC 5546).
//
// ical-generator writes VEVENTs; the VCALENDAR around them is ours. With a
// calendar-wide zone, ical-generator writes DTSTAMP and LAST-MODIFIED in
// that zone without "Z", which RFC 5545 forbids; so zones are set per event
// (DTSTART;TZID=…) and each zone's VTIMEZONE block is added here, once.
import { contentIn } from '../translations/content-text';
import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalEventStatus } from 'ical-generator';
import { eventPath, type PortalEvent } from '../events/portal-event';
import { countryName, formatDateTime, zoneName } from '../../i18n/format';
import type { EventVersion } from './event-versions';
import { icalParameterValue, icalText, icalTextCharacters } from './ical-values';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/index';
import { localeUrl } from '../../i18n/paths';
import { say } from '../mail/mail-text';

export const PRODUCT_ID = '-//UNODC//WhatsOn//EN';

/** Stable for the life of the event: derived from collection and slug, never random. */
export function eventUid(event: Pick<PortalEvent, 'collection' | 'slug'>, host: string): string {
  return `${event.collection}-${event.slug}@${host}`;
}

const STATUS = {
  scheduled: ICalEventStatus.CONFIRMED,
  postponed: ICalEventStatus.TENTATIVE,
  cancelled: ICalEventStatus.CANCELLED,
} as const;

export function eventLocation(event: PortalEvent, locale: Locale = DEFAULT_LOCALE): string {
  if (!event.venue) return say(locale, 'calendar.online');
  const { room, site, city, country } = event.venue;
  const place = [room, site, city, countryName(country, locale)].filter(Boolean).join(', ');
  return event.format === 'hybrid' ? say(locale, 'calendar.andOnline', { place }) : place;
}

export interface VeventOptions {
  version: EventVersion;
  origin: string;
  organizer?: { name: string; email: string };
  attendee?: { name: string; email: string };
  /** Added to the stored sequence: 1 for a cancellation the person's calendar must prefer. */
  sequenceOffset?: number;
  cancelled?: boolean;
  /** In a person's own feed: their registration's state, shown in the title and the status. */
  registrationState?: 'pending' | 'approved' | 'waitlisted';
  /** The language of the text around the event's own (its summary and the registration deadline, the place). */
  locale?: Locale;
}

/** A person as ORGANIZER or ATTENDEE: ical-generator quotes CN, and the name holds nothing that could end the quotes. */
function calendarUser(person: { name: string; email: string } | undefined) {
  return person && { name: icalParameterValue(person.name) || person.email, email: person.email };
}

export function veventText(event: PortalEvent, options: VeventOptions): string {
  const { version, origin } = options;
  const locale = options.locale ?? DEFAULT_LOCALE;
  const organizer = calendarUser(options.organizer);
  const attendee = calendarUser(options.attendee);
  // ical-generator escapes TEXT values but passes control characters through.
  const text = icalTextCharacters;
  const url = localeUrl(locale, eventPath(event), origin);
  const closes = event.registration?.closes;
  // The event's words in the feed's language where it has a translation (calendar clients show one language).
  const words = contentIn(event, locale);
  const calendar = ical();
  calendar.createEvent({
    id: eventUid(event, new URL(origin).hostname),
    sequence: version.sequence + (options.sequenceOffset ?? 0),
    start: new TZDate(event.start.getTime(), event.timeZone),
    end: new TZDate(event.end.getTime(), event.timeZone),
    timezone: event.timeZone,
    // The version's time, not "now": the same event gives the same bytes on every instance.
    stamp: version.lastModified,
    lastModified: version.lastModified,
    summary: text(options.registrationState ? `${words.title} (${say(locale, `calendar.state.${options.registrationState}`)})` : words.title),
    description: text([words.summary, closes ? say(locale, 'calendar.registrationCloses', { when: `${formatDateTime(closes, event.timeZone, locale)} (${zoneName(closes, event.timeZone, locale)})` }) : '', url]
      .filter(Boolean)
      .join('\n\n')),
    location: text(eventLocation(event, locale)),
    url,
    status: options.cancelled
      ? ICalEventStatus.CANCELLED
      : options.registrationState && options.registrationState !== 'approved' && event.status === 'scheduled'
        ? ICalEventStatus.TENTATIVE
        : STATUS[event.status],
    organizer,
    attendees: attendee ? [{ name: attendee.name, email: attendee.email, rsvp: false }] : [],
    categories: [...event.topics, event.kind].map((name) => ({ name: text(name) })),
  });
  const written = calendar.toString();
  return written.slice(written.indexOf('BEGIN:VEVENT'), written.indexOf('END:VEVENT') + 'END:VEVENT'.length);
}

const vtimezones = new Map<string, string>();

export function vtimezoneText(zone: string): string {
  let text = vtimezones.get(zone);
  if (text === undefined) {
    text = (getVtimezoneComponent(zone) ?? '').replace(/\r?\n/g, '\r\n').trim();
    vtimezones.set(zone, text);
  }
  return text;
}

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end -= 1;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74; // continuation lines begin with a space
  }
  return parts.join('\r\n ');
}

export interface CalendarParts {
  method: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  /** Feed name (X-WR-CALNAME, NAME), for subscriptions. */
  name?: string;
  refresh?: string;
  zones: readonly string[];
  vevents: readonly string[];
}

/** The VCALENDAR's own lines, before the VTIMEZONEs, folded. */
export function calendarHeaderLines(parts: Omit<CalendarParts, 'zones' | 'vevents'>): string[] {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODUCT_ID}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${parts.method}`,
    ...(parts.name ? [`X-WR-CALNAME:${icalText(parts.name)}`, `NAME:${icalText(parts.name)}`] : []),
    ...(parts.refresh ? [`REFRESH-INTERVAL;VALUE=DURATION:${parts.refresh}`, `X-PUBLISHED-TTL:${parts.refresh}`] : []),
  ].map(foldLine);
}

/** Each zone once, in name order, without zones that have no VTIMEZONE. */
export function calendarZones(zones: Iterable<string>): string[] {
  return [...new Set(zones)].sort().map(vtimezoneText).filter(Boolean);
}

export const CALENDAR_END = 'END:VCALENDAR';

/** The calendar as text; feeds write the same parts as bytes (feeds.ts). */
export function calendarText(parts: CalendarParts): string {
  return [...calendarHeaderLines(parts), ...calendarZones(parts.zones), ...parts.vevents, CALENDAR_END, ''].join('\r\n');
}

/** One event as an email attachment: an invitation, or its cancellation. */
export function eventInvitation(event: PortalEvent, method: 'REQUEST' | 'CANCEL', options: VeventOptions): string {
  return calendarText({ method, zones: [event.timeZone], vevents: [veventText(event, { ...options, cancelled: method === 'CANCEL' })] });
}
