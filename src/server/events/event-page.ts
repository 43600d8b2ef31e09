// What an event's public page shows besides the event itself: the visitor's
// registration panel, places left, published answers to its call, calendar
// links and structured data. One function, so the page and the editor's
// preview (which must look exactly like it) show the same.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import type { PortalEvent } from './portal-event';
import { eventJsonLd, serializeJsonLd } from './json-ld';
import { describeRegistrationPanel, placesLeft, type RegistrationPanel } from '../registrations/registration-panel';
import { listPublishedSubmissions, type SubmissionSummary } from '../submissions/submission-lists';
import { eventKey } from '../registrations/application-window';
import { eventCalendarLinks, type EventCalendarLinks } from '../calendar/calendar-links';
import { eventLocation } from '../calendar/event-ics';

export interface EventPageFacts {
  panel: RegistrationPanel;
  left: Awaited<ReturnType<typeof placesLeft>>;
  answers: SubmissionSummary[];
  callOpen: boolean;
  calendarLinks: EventCalendarLinks;
  jsonLd: string;
}

export async function describeEventPage(db: Kysely<Database>, visitor: SessionUser | null, event: PortalEvent, origin: string, now: Date): Promise<EventPageFacts> {
  const call = event.callForInput;
  return {
    panel: await describeRegistrationPanel(db, visitor, event, now),
    left: await placesLeft(db, event),
    answers: call ? await listPublishedSubmissions(db, { call: eventKey(event) }, 12) : [],
    callOpen: Boolean(call && call.opens <= now && now < call.closes),
    calendarLinks: eventCalendarLinks(event, origin, eventLocation(event)),
    jsonLd: serializeJsonLd(eventJsonLd(event, origin)),
  };
}
