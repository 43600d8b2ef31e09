// Calendar feeds assembled from cached parts. ical-generator is slow (about
// 4 s for 5,000 events here), so each event's VEVENT text is made once per
// version and each zone's VTIMEZONE once; a feed is a concatenation.
import { createHash } from 'node:crypto';
import type { PortalEvent } from '../events/portal-event';
import { eventKey } from '../registrations/application-window';
import { calendarText, veventText } from './event-ics';
import { calendarFingerprint, type EventVersion } from './event-versions';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/index';

/** How often clients should poll (REFRESH-INTERVAL, X-PUBLISHED-TTL, Cache-Control). */
export const REFRESH_SECONDS = 4 * 60 * 60;

export interface Feed {
  body: string;
  etag: string;
  lastModified: Date;
}

const vevents = new Map<string, string>();

function cachedVevent(event: PortalEvent, version: EventVersion, origin: string, locale: Locale): string {
  const cacheKey = `${eventKey(event)}|${version.sequence}|${calendarFingerprint(event)}|${origin}|${locale}`;
  let text = vevents.get(cacheKey);
  if (!text) {
    text = veventText(event, { version, origin, locale });
    vevents.set(cacheKey, text);
  }
  return text;
}

export function assembleFeed(
  name: string,
  events: readonly PortalEvent[],
  versions: ReadonlyMap<string, EventVersion>,
  origin: string,
  /** A person's registration states by event key (their private feed); such VEVENTs are not cached. */
  registrationStates?: ReadonlyMap<string, 'pending' | 'approved' | 'waitlisted'>,
  locale: Locale = DEFAULT_LOCALE,
): Feed {
  let lastModified = new Date(0);
  const parts = events.map((event) => {
    const version = versions.get(eventKey(event))!;
    if (version.lastModified > lastModified) lastModified = version.lastModified;
    const registrationState = registrationStates?.get(eventKey(event));
    return registrationState ? veventText(event, { version, origin, registrationState, locale }) : cachedVevent(event, version, origin, locale);
  });
  const body = calendarText({
    method: 'PUBLISH',
    name,
    refresh: `PT${REFRESH_SECONDS / 3600}H`,
    zones: events.map((event) => event.timeZone),
    vevents: parts,
  });
  // HTTP dates have whole seconds; a finer validator would never match If-Modified-Since.
  lastModified = new Date(Math.floor(lastModified.getTime() / 1000) * 1000);
  return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, lastModified };
}
