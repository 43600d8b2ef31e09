// Imported first by every process that serves (scripts/start.mjs, and the
// benchmark's serve-portal.mjs), before anything large is loaded.
//
// Node's process.nextTick builds each tick object as an object literal with
// computed keys. V8 remembers the hidden class (map) each key was defined
// on, and the first time a key arrives on another map it gives up on that
// literal for good: from then on every tick object is built in V8's
// runtime, several times slower (docs/benchmarks.md, issue #19). Nothing
// holds the maps of tick objects between ticks, so the first full garbage
// collection at a moment with no tick queued (while the portal loads) frees
// them, and the next tick makes new ones: in every portal worker profiled,
// before the first request. One tick object kept for the life of the
// process keeps its maps, and so the ones V8 remembers.
import { executionAsyncResource } from 'node:async_hooks';

/** The tick object of the first tick after this module loads, held so that its maps are never freed. */
export let keptTickObject;

process.nextTick(() => {
  keptTickObject = executionAsyncResource();
});
