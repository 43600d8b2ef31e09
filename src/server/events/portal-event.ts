// One shape for an entry of any of the three event collections, with its times
// resolved to UTC instants. Everything past the content loader works on this.
import type { CollectionName } from '../content-directory';
import type { CallForInput, EventFormat, EventStatus, Registration } from './schema';
import { wallClockToInstant, type WallClock } from './wall-clock';
import { normaliseForSearch } from '../search/search-text';
import type { ContentTranslations } from '../translations/content-text';

export interface PortalEvent {
  collection: CollectionName;
  slug: string;
  title: string;
  summary: string;
  start: Date;
  end: Date;
  timeZone: string;
  /** Calendar days (YYYY-MM-DD) at the venue on which the event starts and ends. */
  startDay: string;
  endDay: string;
  format: EventFormat;
  venue?: { site: string; room?: string; city: string; country: string };
  topics: string[];
  organisers: string[];
  languages: string[];
  status: EventStatus;
  statusNote?: string;
  documents: { title: string; kind: string; url: string; language: string }[];
  registration?: ResolvedRegistration;
  /** events: session, webinar, …; side events: "side-event"; dialogues: "dialogue" or "preparation-day". */
  kind: string;
  hostMeeting?: string;
  workingGroup?: string;
  callForInput?: Omit<CallForInput, 'opens' | 'closes'> & { opens: Date; closes: Date };
  illustrative: boolean;
  /** Lower-cased, accent-free text the free-text search looks in. */
  searchText: string;
  /** Title, summary and body in other languages, by locale (files only: see README, "How to add or correct a translation"); read through contentIn(). */
  translations: ContentTranslations;
}

export type ResolvedRegistration = Omit<Registration, 'opens' | 'closes'> & { opens?: Date; closes?: Date };

/** Front matter as any of the three schemas produce it. */
export interface EventEntryData {
  title: string;
  summary: string;
  start: WallClock;
  end: WallClock;
  timezone: string;
  format: EventFormat;
  venue?: PortalEvent['venue'];
  topics: string[];
  organisers: string[];
  languages: string[];
  status: EventStatus;
  statusNote?: string;
  documents: PortalEvent['documents'];
  registration?: Registration;
  illustrative: boolean;
  kind?: string;
  hostMeeting?: string;
  workingGroup?: string;
  preparationDay?: boolean;
  callForInput?: CallForInput;
}

/** Text as searches compare it, in every script (search/search-text.ts): listings match words in it. */
export function foldForSearch(text: string): string {
  return normaliseForSearch(text);
}

function kindOf(collection: CollectionName, data: EventEntryData): string {
  if (collection === 'side-events') return 'side-event';
  if (collection === 'dialogues') return data.preparationDay ? 'preparation-day' : 'dialogue';
  return data.kind ?? 'session';
}

export function toPortalEvent(
  collection: CollectionName,
  slug: string,
  data: EventEntryData,
  topicTitles: ReadonlyMap<string, string>,
  translations: ContentTranslations = {},
): PortalEvent {
  const zone = data.timezone;
  const at = (wallClock: WallClock) => wallClockToInstant(wallClock, zone);
  const { registration, callForInput } = data;
  return {
    collection,
    slug,
    title: data.title,
    summary: data.summary,
    start: at(data.start),
    end: at(data.end),
    timeZone: zone,
    startDay: data.start.slice(0, 10),
    endDay: data.end.slice(0, 10),
    format: data.format,
    venue: data.venue,
    topics: data.topics,
    organisers: data.organisers,
    languages: data.languages,
    status: data.status,
    statusNote: data.statusNote,
    documents: data.documents,
    registration: registration && {
      ...registration,
      opens: registration.opens ? at(registration.opens) : undefined,
      closes: registration.closes ? at(registration.closes) : undefined,
    },
    kind: kindOf(collection, data),
    hostMeeting: data.hostMeeting,
    workingGroup: data.workingGroup,
    callForInput: callForInput && { ...callForInput, opens: at(callForInput.opens), closes: at(callForInput.closes) },
    illustrative: data.illustrative,
    searchText: foldForSearch(
      [
        data.title,
        data.summary,
        ...data.organisers,
        data.venue?.site,
        data.venue?.city,
        data.hostMeeting,
        ...data.topics.map((topic) => topicTitles.get(topic) ?? topic),
      ]
        .filter(Boolean)
        .join(' '),
    ),
    translations,
  };
}

export function eventPath(event: Pick<PortalEvent, 'collection' | 'slug'>): string {
  return `/${event.collection}/${event.slug}`;
}

export function isPast(event: PortalEvent, now: Date): boolean {
  return event.end.getTime() < now.getTime();
}
