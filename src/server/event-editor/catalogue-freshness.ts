// Tells the catalogue to look for stored-event changes before the next page is
// rendered. Held on globalThis because the HTTP server (dist/runtime.mjs) and
// Astro's pages are separate bundles, each with its own copy of this module.
const KEY = Symbol.for('whatson.storedEvents.checkNow');

type Flags = { [KEY]?: boolean };

/** The public data version moved, or a change was saved here: re-read before rendering. */
export function checkStoredEventsNow(): void {
  (globalThis as Flags)[KEY] = true;
}

/** True once after checkStoredEventsNow(). */
export function takeCheckRequest(): boolean {
  const flags = globalThis as Flags;
  const requested = flags[KEY] === true;
  flags[KEY] = false;
  return requested;
}
