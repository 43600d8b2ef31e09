// Events grouped by what listings filter on (collection, topic, format), each
// group in catalogue order and made once: a listing then looks only at the
// events it could show, however many the catalogue holds.
import type { CollectionName } from '../content-directory';
import type { PortalEvent } from './portal-event';

export type EventSelector = (collection?: CollectionName, topic?: string, format?: string) => readonly PortalEvent[];

/** Callers pass validated topics and formats only, so the number of groups stays small. */
export function indexEvents(events: readonly PortalEvent[]): EventSelector {
  const groups = new Map<string, readonly PortalEvent[]>();
  return (collection, topic, format) => {
    const key = `${collection ?? ''}|${topic ?? ''}|${format ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = events.filter((event) => (!collection || event.collection === collection) && (!topic || event.topics.includes(topic)) && (!format || event.format === format));
      groups.set(key, group);
    }
    return group;
  };
}
