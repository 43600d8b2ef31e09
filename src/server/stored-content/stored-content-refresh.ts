// Keeps one instance's view of content that comes from files and from the
// database (the event catalogue, the Review Mechanism's content) current:
// asks for changes at most once per interval (and at once when asked to),
// shares one read between concurrent requests, and when the database cannot
// be reached keeps serving the view as last known (the files at least).

export interface StoredContentRefreshOptions<Source, Change, View> {
  /** What the files hold: read once, fixed for the life of the process. */
  files: () => Promise<Source>;
  readChanges: (sinceSeq: number) => Promise<Change[]>;
  /** The change number last applied. */
  lastSeq: () => number;
  /** Applies changes read from the database; true when the view must be assembled again. */
  apply: (changes: readonly Change[], source: Source) => boolean;
  assemble: (source: Source) => View;
  /** True once when the view must be checked before the next answer (the public data version moved). */
  checkRequested: () => boolean;
  refreshMs: number;
  /** What is read, for the warning when it cannot be: "stored events". */
  what: string;
  clock?: () => number;
  warn?: (message: string) => void;
}

export function storedContentRefresher<Source, Change, View>(options: StoredContentRefreshOptions<Source, Change, View>): () => Promise<View> {
  const clock = options.clock ?? Date.now;
  const warn = options.warn ?? ((message) => console.warn(message));
  let files: Promise<Source> | undefined;
  let current: View | undefined;
  let checkedAt = -Infinity;
  let checking: Promise<View> | undefined;

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
        const changes = await options.readChanges(options.lastSeq());
        if (options.apply(changes, source) || current === undefined) current = options.assemble(source);
        checkedAt = startedAt;
      } catch (error) {
        warn(`[whatson] ${options.what} could not be read; showing them as last known: ${(error as Error).message}`);
        current ??= options.assemble(source);
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
