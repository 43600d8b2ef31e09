// Tells the readers of stored content (the event catalogue, the Review
// Mechanism's content) to look for changes before the next page is rendered.
// Held on globalThis because the HTTP server (dist/runtime.mjs) and Astro's
// pages are separate bundles, each with its own copy of this module.
const KEYS = {
  events: Symbol.for('whatson.storedEvents.checkNow'),
  reviewEntries: Symbol.for('whatson.storedReviewEntries.checkNow'),
} as const;

/** Who reads stored content and keeps it in memory. */
export type StoredContentReader = keyof typeof KEYS;

type Flags = { [key: symbol]: boolean | undefined };

/** The public data version moved, or a change was saved here: every reader re-reads before rendering. */
export function checkStoredContentNow(): void {
  for (const key of Object.values(KEYS)) (globalThis as Flags)[key] = true;
}

/** True once after checkStoredContentNow(), for each reader. */
export function takeCheckRequest(reader: StoredContentReader = 'events'): boolean {
  const flags = globalThis as Flags;
  const requested = flags[KEYS[reader]] === true;
  flags[KEYS[reader]] = false;
  return requested;
}
