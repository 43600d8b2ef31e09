// The editor's view of the catalogue: the topics it may name and the built
// Markdown files it may start from.
import type { Catalogue } from '../events/catalogue';
import type { EventEntryData } from '../events/portal-event';
import type { EditorContext } from './stored-event-rows';

export function editorContext(catalogue: Catalogue, now: Date): EditorContext {
  return {
    knownTopics: catalogue.topicSlugs,
    fileEvent(collection, slug) {
      const entry = catalogue.fileEntry(collection, slug);
      return entry && { data: entry.data as EventEntryData, body: entry.body ?? '', translations: catalogue.fileTranslations(collection, slug) ?? {} };
    },
    now,
  };
}
