// What an event's public page shows besides the event itself: the visitor's
// registration panel, places left, published answers to its call, calendar
// links and structured data. One function, so the page and the editor's
// preview (which must look exactly like it) show the same.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import type { PortalEvent } from './portal-event';
import { eventJsonLd, serializeJsonLd } from './json-ld';
import { describeRegistrationPanel, placesLeft, placesSummary, type RegistrationPanel } from '../registrations/registration-panel';
import { describeCallPanel, type CallPanel } from '../submissions/call-panel';
import { participationState, type ParticipationState } from './participation-state';
import { listPublishedSubmissions, type SubmissionSummary } from '../submissions/submission-lists';
import { eventKey } from '../registrations/application-window';
import { eventCalendarLinks, type EventCalendarLinks } from '../calendar/calendar-links';
import { eventLocation } from '../calendar/event-ics';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/index';

export interface EventPageFacts {
  panel: RegistrationPanel;
  left: Awaited<ReturnType<typeof placesLeft>>;
  /** Places left and capacity per limited mode, as the box at the top states them. */
  places: ReturnType<typeof placesSummary>;
  answers: SubmissionSummary[];
  /** The application window and the call, from the one window rule. */
  state: ParticipationState;
  /** Whether this visitor can write input to the call, or why not. */
  callPanel?: CallPanel;
  calendarLinks: EventCalendarLinks;
  jsonLd: string;
}

export async function describeEventPage(db: Kysely<Database>, visitor: SessionUser | null, event: PortalEvent, origin: string, now: Date, locale: Locale = DEFAULT_LOCALE): Promise<EventPageFacts> {
  const call = event.callForInput;
  const left = await placesLeft(db, event);
  return {
    panel: await describeRegistrationPanel(db, visitor, event, now),
    left,
    places: placesSummary(event, left),
    answers: call ? await listPublishedSubmissions(db, { call: eventKey(event) }, 12) : [],
    state: participationState(event, now),
    callPanel: call ? await describeCallPanel(db, visitor, call, now) : undefined,
    calendarLinks: eventCalendarLinks(event, origin, eventLocation(event, locale), locale),
    jsonLd: serializeJsonLd(eventJsonLd(event, origin, locale)),
  };
}
