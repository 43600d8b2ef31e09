// schema.org Event description of an event page, for search engines.
// https://schema.org/Event and Google's event structured-data guidelines.
import { eventPath, type PortalEvent } from './portal-event';
import { instantWithOffset } from './wall-clock';
import { contentIn } from '../translations/content-text';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/index';
import { localeUrl } from '../../i18n/paths';

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

/** As the page in `locale` says it: the event's translation for that language when there is one. */
export function eventJsonLd(event: PortalEvent, origin: string, locale: Locale = DEFAULT_LOCALE): Record<string, unknown> {
  const url = localeUrl(locale, eventPath(event), origin);
  const text = contentIn(event, locale);
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
    name: text.title,
    description: text.summary,
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
