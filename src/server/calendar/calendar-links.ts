// The links pages offer for calendars: subscribe (webcal://), download, and
// add one event to Google Calendar or Outlook on the web.
import { contentIn } from '../translations/content-text';
import { eventPath, type PortalEvent } from '../events/portal-event';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/index';
import { localeUrl } from '../../i18n/paths';

export function webcalUrl(feedUrl: string): string {
  return feedUrl.replace(/^https?:\/\//, 'webcal://');
}

function googleDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export interface EventCalendarLinks {
  download: string;
  subscribe: string;
  google: string;
  outlook: string;
}

export function eventCalendarLinks(event: PortalEvent, origin: string, location: string, locale: Locale = DEFAULT_LOCALE): EventCalendarLinks {
  const page = localeUrl(locale, eventPath(event), origin);
  const words = contentIn(event, locale);
  const details = `${words.summary}\n\n${page}`;
  const google = new URL('https://calendar.google.com/calendar/render');
  google.search = new URLSearchParams({
    action: 'TEMPLATE',
    text: words.title,
    dates: `${googleDate(event.start)}/${googleDate(event.end)}`,
    ctz: event.timeZone,
    details,
    location,
  }).toString();
  const outlook = new URL('https://outlook.office.com/calendar/0/deeplink/compose');
  outlook.search = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: words.title,
    startdt: event.start.toISOString(),
    enddt: event.end.toISOString(),
    body: details,
    location,
  }).toString();
  return {
    download: `${eventPath(event)}.ics`,
    subscribe: webcalUrl(localeUrl(locale, `/${event.collection}/calendar.ics`, origin)),
    google: google.href,
    outlook: outlook.href,
  };
}
