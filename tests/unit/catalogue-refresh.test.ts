// One instance's catalogue follows the stored events: changes read at most
// once per interval and at once when the public data version moved, one read
// shared by concurrent requests, and the last known catalogue served while
// the database cannot be reached.
import { describe, expect, it } from 'vitest';
import { catalogueRefresher } from '../../src/server/events/catalogue-refresh';
import type { StoredEventChange } from '../../src/server/event-editor/stored-event-changes';
import { frontMatter, portalEvent } from '../support/event-fixtures';

function change(seq: number, slug: string, title: string): StoredEventChange {
  return { eventKey: `dialogues/${slug}`, collection: 'dialogues', slug, origin: 'browser', changeSeq: seq, shown: { data: frontMatter({ title, workingGroup: 'firearms' }), body: '', version: 1 }, neverPublished: false };
}

function setUp() {
  let now = 0;
  let checkNow = false;
  const reads: number[] = [];
  const warnings: string[] = [];
  let pending: StoredEventChange[] = [];
  let failing = false;
  const load = catalogueRefresher({
    files: async () => ({ topics: [], events: [portalEvent('from-a-file')], entries: new Map([['dialogues/from-a-file', 'entry']]) }),
    readChanges: async (since) => {
      reads.push(since);
      if (failing) throw new Error('connection refused');
      const changes = pending.filter((candidate) => candidate.changeSeq > since);
      return changes;
    },
    checkRequested: () => {
      const requested = checkNow;
      checkNow = false;
      return requested;
    },
    refreshMs: 500,
    clock: () => now,
    warn: (message) => warnings.push(message),
  });
  return {
    load,
    reads,
    warnings,
    advance: (ms: number) => (now += ms),
    publish: (...changes: StoredEventChange[]) => (pending = [...pending, ...changes]),
    requestCheck: () => (checkNow = true),
    fail: (value: boolean) => (failing = value),
  };
}

describe('the catalogue following stored events', () => {
  it('asks for changes at most once per interval, and only for those after the last number seen', async () => {
    const world = setUp();
    world.publish(change(1, 'stored', 'Stored'));
    expect((await world.load()).events.map((event) => event.slug)).toEqual(['from-a-file', 'stored']);
    world.publish(change(2, 'later', 'Later'));
    world.advance(499);
    expect((await world.load()).findEvent('dialogues', 'later')).toBeUndefined();
    world.advance(1);
    expect((await world.load()).findEvent('dialogues', 'later')?.title).toBe('Later');
    expect(world.reads).toEqual([0, 1]);
  });

  it('checks at once when the public data version moved, however recent the last check', async () => {
    const world = setUp();
    const before = await world.load();
    world.publish(change(1, 'urgent', 'Urgent'));
    world.advance(10);
    expect(await world.load()).toBe(before);
    world.requestCheck();
    expect((await world.load()).findEvent('dialogues', 'urgent')?.title).toBe('Urgent');
  });

  it('shares one read between requests arriving together, and keeps the same catalogue object when nothing changed', async () => {
    const world = setUp();
    const [a, b, c] = await Promise.all([world.load(), world.load(), world.load()]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    world.advance(600);
    expect(await world.load()).toBe(a);
    expect(world.reads).toEqual([0, 0]);
  });

  it('serves the last known catalogue while the database cannot be reached, and catches up once it can', async () => {
    const world = setUp();
    world.fail(true);
    const offline = await world.load();
    expect(offline.events.map((event) => event.slug)).toEqual(['from-a-file']);
    expect(world.warnings[0]).toContain('connection refused');
    world.publish(change(1, 'back', 'Back'));
    world.fail(false);
    expect(await world.load()).toBe(offline);
    expect(world.warnings).toHaveLength(1);
    world.advance(500);
    expect((await world.load()).findEvent('dialogues', 'back')?.title).toBe('Back');
  });
});
