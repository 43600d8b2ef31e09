// An event's title for a reader of one language, for emails written outside
// a page (messages to participants, topic digests). Events carry no
// translations on this branch yet: this is the one seam where the translated
// title is read once they do (the content-translations work adds
// `contentIn(item, locale)` in src/server/translations/content-text.ts; this
// then returns `contentIn(event, locale).title`). Until then every reader
// gets the original.
import type { Locale } from '../../i18n/index';
import type { PortalEvent } from './portal-event';

export function eventTitleIn(event: Pick<PortalEvent, 'title'>, _locale: Locale): string {
  return event.title;
}
