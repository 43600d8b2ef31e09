// schema.org Event description of an event page, for search engines.
// https://schema.org/Event and Google's event structured-data guidelines.
import { eventPath, type PortalEvent } from './portal-event';
import { instantWithOffset } from './wall-clock';

const STATUS = {
  scheduled: 'https://schema.org/EventScheduled',
  postponed: 'https://schema.org/EventPostponed',
  cancelled: 'https://schema.org/EventCancelled',
} as const;

const ATTENDANCE = {
  'in-person': 'https://schema.org/OfflineEventAttendanceMode',
  online: 'https://schema.org/OnlineEventAttendanceMode',
  hybrid: 'https://schema.org/MixedEventAttendanceMode',
} as const;

export function eventJsonLd(event: PortalEvent, origin: string): Record<string, unknown> {
  const url = new URL(eventPath(event), origin).href;
  const place = event.venue && {
    '@type': 'Place',
    name: [event.venue.room, event.venue.site].filter(Boolean).join(', '),
    // The code of the UN list, which schema.org recommends over a name (it is one in every language).
    address: { '@type': 'PostalAddress', addressLocality: event.venue.city, addressCountry: event.venue.country },
  };
  // Join links are never public, so the virtual location is the event page itself.
  const virtual = event.format !== 'in-person' && { '@type': 'VirtualLocation', url };
  const locations = [place, virtual].filter(Boolean);
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: event.title,
    description: event.summary,
    url,
    startDate: instantWithOffset(event.start, event.timeZone),
    endDate: instantWithOffset(event.end, event.timeZone),
    eventStatus: STATUS[event.status],
    eventAttendanceMode: ATTENDANCE[event.format],
    location: locations.length === 1 ? locations[0] : locations,
    organizer: event.organisers.map((name) => ({ '@type': 'Organization', name })),
    inLanguage: event.languages,
  };
}

/** JSON for a <script> element: "</script>" or "<!--" in a title must not end or alter the element. */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
