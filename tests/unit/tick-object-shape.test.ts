// scripts/keep-tick-object-shape.mjs keeps one of process.nextTick's tick
// objects for the life of the process, so that a full garbage collection
// never frees the hidden classes (maps) V8 built them with: new maps would
// make V8 give up on building tick objects inline, for good
// (docs/benchmarks.md, issue #19). Checked in a process of its own, with
// V8's test functions: after full collections with no tick queued, a new tick
// object still has the map of the one kept.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const MODULE = pathToFileURL(resolve('scripts/keep-tick-object-shape.mjs')).href;

function runWithV8Tests(source: string): { kept: boolean; sameMap: boolean } {
  const child = spawnSync(process.execPath, ['--allow-natives-syntax', '--expose-gc', '--input-type=module', '-e', source], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout);
}

describe('the kept tick object', () => {
  it('keeps the maps of tick objects through full collections made while no tick is queued', () => {
    const result = runWithV8Tests(`
      import { keptTickObject } from ${JSON.stringify(MODULE)};
      import { executionAsyncResource } from 'node:async_hooks';
      // The module's tick runs before the event loop turns: by setImmediate the object is kept.
      await new Promise((resolve) => setImmediate(resolve));
      globalThis.gc();
      globalThis.gc();
      const fresh = await new Promise((resolve) => process.nextTick(() => resolve(executionAsyncResource())));
      const kept = keptTickObject !== undefined && 'callback' in keptTickObject;
      console.log(JSON.stringify({ kept, sameMap: kept && %HaveSameMap(keptTickObject, fresh) }));
    `);
    expect(result).toEqual({ kept: true, sameMap: true });
  });
});
