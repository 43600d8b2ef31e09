// Keeps one instance's catalogue current with the stored events (see
// storedContentRefresher: checked at most once per interval, at once when
// asked, the catalogue as last known while the database cannot be reached).
import type { StoredEventChange } from '../event-editor/stored-event-changes';
import { storedContentRefresher } from '../stored-content/stored-content-refresh';
import { assembleCatalogue, StoredEventState, type CatalogueOf, type FileSource } from './catalogue-assembly';

export interface CatalogueRefreshOptions<FileEntry, TopicEntry> {
  files: () => Promise<FileSource<FileEntry, TopicEntry>>;
  readChanges: (sinceSeq: number) => Promise<StoredEventChange[]>;
  /** True once when the catalogue must be checked before the next answer (the public data version moved). */
  checkRequested: () => boolean;
  refreshMs: number;
  clock?: () => number;
  warn?: (message: string) => void;
}

export function catalogueRefresher<FileEntry, TopicEntry>(options: CatalogueRefreshOptions<FileEntry, TopicEntry>): () => Promise<CatalogueOf<FileEntry, TopicEntry>> {
  const stored = new StoredEventState();
  return storedContentRefresher({
    ...options,
    what: 'stored events',
    lastSeq: () => stored.lastSeq,
    apply: (changes, source) => stored.apply(changes, new Map(source.topics.map((topic) => [topic.slug, topic.title]))),
    assemble: (source) => assembleCatalogue(source, stored),
  });
}
