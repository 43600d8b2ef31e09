// Keeps one instance's catalogue current with the stored events: asks for
// changes at most once per interval (and at once when asked to), shares one
// read between concurrent requests, and when the database cannot be reached
// keeps serving the catalogue as last known (the files at least).
import type { StoredEventChange } from '../event-editor/stored-event-changes';
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
  const clock = options.clock ?? Date.now;
  const warn = options.warn ?? ((message) => console.warn(message));
  const stored = new StoredEventState();
  let files: Promise<FileSource<FileEntry, TopicEntry>> | undefined;
  let current: CatalogueOf<FileEntry, TopicEntry> | undefined;
  let checkedAt = -Infinity;
  let checking: Promise<CatalogueOf<FileEntry, TopicEntry>> | undefined;

  return async function load() {
    files ??= options.files();
    const source = await files;
    const requested = options.checkRequested();
    if (current && !requested && clock() - checkedAt < options.refreshMs) return current;
    if (checking && !requested) return checking;
    const previous = checking;
    const run = (async () => {
      await previous?.catch(() => undefined);
      const startedAt = clock();
      try {
        const changes = await options.readChanges(stored.lastSeq);
        const topicTitles = new Map(source.topics.map((topic) => [topic.slug, topic.title]));
        if (stored.apply(changes, topicTitles) || !current) current = assembleCatalogue(source, stored);
        checkedAt = startedAt;
      } catch (error) {
        warn(`[whatson] stored events could not be read; showing the catalogue as last known: ${(error as Error).message}`);
        current ??= assembleCatalogue(source, stored);
        // Tried again after the interval, not on every request: an outage is not made worse, nor the log flooded.
        checkedAt = startedAt;
      }
      return current;
    })();
    checking = run;
    void run.finally(() => {
      if (checking === run) checking = undefined;
    });
    return run;
  };
}
