// Calendar feeds assembled from cached parts. ical-generator is slow (about
// 4 s for 5,000 events here), so each event's VEVENT is made once per
// version and each zone's VTIMEZONE once, both kept as UTF-8 bytes; a feed
// is a concatenation of bytes, hashed once for its ETag and sent as it is.
import { createHash } from 'node:crypto';
import type { PortalEvent } from '../events/portal-event';
import { eventKey } from '../registrations/application-window';
import { CALENDAR_END, calendarHeaderLines, calendarZones, veventText } from './event-ics';
import type { EventVersion } from './event-versions';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/index';

/** How often clients should poll (REFRESH-INTERVAL, X-PUBLISHED-TTL, Cache-Control). */
export const REFRESH_SECONDS = 4 * 60 * 60;

export interface Feed {
  /** The feed as sent: UTF-8, CRLF line endings. */
  bytes: Buffer<ArrayBuffer>;
  /** The same as text, decoded when first asked for (the response sends the bytes). */
  readonly body: string;
  etag: string;
  lastModified: Date;
}

const CRLF = '\r\n';
const END = Buffer.from(CALENDAR_END + CRLF);

/** A VEVENT as bytes, with the version it was written for. */
interface VeventBytes {
  sequence: number;
  lastModified: number;
  bytes: Buffer;
}

/** What feeds remember of one event object: its key, and its VEVENT per origin and locale. */
interface EventParts {
  key: string;
  vevents: Map<string, VeventBytes>;
}

/**
 * By event object: a PortalEvent is never changed after it is made (a new
 * version of an event is a new object, see event-versions.ts), so its VEVENT
 * depends only on it, its version, the origin and the locale. Every feed an
 * event is in (ten for most events) shares the one copy, and an event a
 * catalogue no longer holds takes its copies with it.
 */
const eventParts = new WeakMap<PortalEvent, EventParts>();

function partsOf(event: PortalEvent): EventParts {
  let parts = eventParts.get(event);
  if (!parts) eventParts.set(event, (parts = { key: eventKey(event), vevents: new Map() }));
  return parts;
}

function cachedVevent(event: PortalEvent, parts: EventParts, version: EventVersion, origin: string, locale: Locale, where: string): Buffer {
  const cached = parts.vevents.get(where);
  if (cached && cached.sequence === version.sequence && cached.lastModified === version.lastModified.getTime()) return cached.bytes;
  const bytes = Buffer.from(veventText(event, { version, origin, locale }) + CRLF);
  parts.vevents.set(where, { sequence: version.sequence, lastModified: version.lastModified.getTime(), bytes });
  return bytes;
}

const vtimezones = new Map<string, Buffer>();

function vtimezoneBytes(text: string): Buffer {
  let bytes = vtimezones.get(text);
  if (!bytes) vtimezones.set(text, (bytes = Buffer.from(text + CRLF)));
  return bytes;
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
  const where = `${locale} ${origin}`;
  let lastModified = 0;
  const zones = new Set<string>();
  const vevents: Buffer[] = [];
  for (const event of events) {
    const parts = partsOf(event);
    const version = versions.get(parts.key)!;
    if (version.lastModified.getTime() > lastModified) lastModified = version.lastModified.getTime();
    zones.add(event.timeZone);
    const registrationState = registrationStates?.get(parts.key);
    vevents.push(
      registrationState
        ? Buffer.from(veventText(event, { version, origin, registrationState, locale }) + CRLF)
        : cachedVevent(event, parts, version, origin, locale, where),
    );
  }
  const header = Buffer.from(calendarHeaderLines({ method: 'PUBLISH', name, refresh: `PT${REFRESH_SECONDS / 3600}H` }).join(CRLF) + CRLF);
  const bytes = joinBytes([header, ...calendarZones(zones).map(vtimezoneBytes), ...vevents, END]);
  // HTTP dates have whole seconds; a finer validator would never match If-Modified-Since.
  return feedOf(bytes, `"${createHash('sha1').update(bytes).digest('base64url')}"`, new Date(Math.floor(lastModified / 1000) * 1000));
}

/** Buffer.concat, without its per-part overhead (for a feed's 5,000 VEVENTs in reused memory: 4-14 ms, this 0.5 ms). */
function joinBytes(parts: readonly Buffer[]): Buffer<ArrayBuffer> {
  let length = 0;
  for (const part of parts) length += part.length;
  const joined = Buffer.allocUnsafe(length);
  let at = 0;
  for (const part of parts) at += part.copy(joined, at);
  return joined;
}

function feedOf(bytes: Buffer<ArrayBuffer>, etag: string, lastModified: Date): Feed {
  let text: string | undefined;
  return {
    bytes,
    etag,
    lastModified,
    get body() {
      return (text ??= bytes.toString('utf8'));
    },
  };
}
