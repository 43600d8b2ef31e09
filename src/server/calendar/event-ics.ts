// One event as an iCalendar object (RFC 5545), for "add to calendar" and for
// the registration emails (iTIP METHOD:REQUEST / CANCEL, RFC 5546).
import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { eventPath, type PortalEvent } from '../events/portal-event';
import { countryName } from '../../i18n/format';
import type { EventVersion } from './event-versions';

export const PRODUCT_ID = { company: 'UNODC', product: 'WhatsOn', language: 'EN' };

/** Stable for the life of the event: derived from collection and slug, never random. */
export function eventUid(event: Pick<PortalEvent, 'collection' | 'slug'>, host: string): string {
  return `${event.collection}-${event.slug}@${host}`;
}

const STATUS = {
  scheduled: ICalEventStatus.CONFIRMED,
  postponed: ICalEventStatus.TENTATIVE,
  cancelled: ICalEventStatus.CANCELLED,
} as const;

export function eventLocation(event: PortalEvent): string {
  if (!event.venue) return 'Online';
  const { room, site, city, country } = event.venue;
  const place = [room, site, city, countryName(country, 'en')].filter(Boolean).join(', ');
  return event.format === 'hybrid' ? `${place} (and online)` : place;
}

export interface InvitationOptions {
  method: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  version: EventVersion;
  origin: string;
  organizer?: { name: string; email: string };
  attendee?: { name: string; email: string };
  /** Added to the stored sequence, e.g. 1 for a cancellation the person's calendar must prefer. */
  sequenceOffset?: number;
}

export function eventIcs(event: PortalEvent, options: InvitationOptions): string {
  const { method, version, origin, organizer, attendee } = options;
  const url = new URL(eventPath(event), origin).href;
  const calendar = ical({
    prodId: PRODUCT_ID,
    method: ICalCalendarMethod[method],
    // A VTIMEZONE block for the zone, so clients place the times right (calendar note).
    timezone: { name: event.timeZone, generator: getVtimezoneComponent },
  });
  const closes = event.registration?.closes;
  calendar.createEvent({
    id: eventUid(event, new URL(origin).hostname),
    sequence: version.sequence + (options.sequenceOffset ?? 0),
    start: new TZDate(event.start.getTime(), event.timeZone),
    end: new TZDate(event.end.getTime(), event.timeZone),
    timezone: event.timeZone,
    stamp: new Date(),
    lastModified: version.lastModified,
    summary: event.title,
    description: [event.summary, closes ? `Registration closes: ${closes.toISOString()}` : '', url].filter(Boolean).join('\n\n'),
    location: eventLocation(event),
    url,
    status: method === 'CANCEL' ? ICalEventStatus.CANCELLED : STATUS[event.status],
    organizer,
    attendees: attendee ? [{ name: attendee.name, email: attendee.email, rsvp: false }] : [],
  });
  return calendar.toString();
}
