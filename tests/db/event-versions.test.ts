// SEQUENCE and LAST-MODIFIED follow the content: a changed time, place,
// status or title raises the sequence once, on any number of instances.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { syncEventVersions } from '../../src/server/calendar/event-versions';
import { assembleFeed } from '../../src/server/calendar/feeds';
import { DIALECTS, useMigratedDatabase } from '../support/databases';
import { portalEvent } from '../support/event-fixtures';

describe.each(DIALECTS)('event versions on %s', (dialect) => {
  let handle: DatabaseHandle;
  useMigratedDatabase(dialect, (opened) => {
    handle = opened;
  });

  const original = portalEvent('2027-07-trafficking-in-persons', { start: '2027-07-06T10:00', end: '2027-07-06T13:00' });
  const moved = portalEvent('2027-07-trafficking-in-persons', { start: '2027-07-06T15:00', end: '2027-07-06T18:00' });

  function vevent(versions: Map<string, { sequence: number; lastModified: Date }>, event = original) {
    const calendar = new ICAL.Component(ICAL.parse(assembleFeed('WhatsOn - Test', [event], versions, 'https://whatson.example.org').body));
    const component = calendar.getFirstSubcomponent('vevent')!;
    return {
      sequence: Number(component.getFirstPropertyValue('sequence')),
      lastModified: String(component.getFirstPropertyValue('last-modified')),
      uid: component.getFirstPropertyValue('uid'),
      start: new ICAL.Event(component).startDate.toString(),
    };
  }

  it('raises the sequence and moves last-modified when the time changes, and only then', async () => {
    const first = await syncEventVersions(handle.db, [original], new Date('2027-01-01T00:00:00Z'));
    const unchanged = await syncEventVersions(handle.db, [original], new Date('2027-01-02T00:00:00Z'));
    expect(vevent(unchanged)).toEqual(vevent(first));
    const after = await syncEventVersions(handle.db, [moved], new Date('2027-01-03T00:00:00Z'));
    const before = vevent(first);
    const now = vevent(after, moved);
    expect(now.uid).toBe(before.uid);
    expect(now.sequence).toBe(before.sequence + 1);
    expect(now.lastModified).not.toBe(before.lastModified);
    expect(now.start).toBe('2027-07-06T15:00:00');
  });

  it('counts a change once when several instances start at the same time', async () => {
    await syncEventVersions(handle.db, [original]);
    const results = await Promise.all([1, 2, 3].map(() => syncEventVersions(handle.db, [moved])));
    expect(results.map((versions) => versions.get('dialogues/2027-07-trafficking-in-persons')!.sequence)).toEqual([1, 1, 1]);
  });

  it('marks a cancellation with a higher sequence and STATUS:CANCELLED', async () => {
    const first = await syncEventVersions(handle.db, [original]);
    const cancelled = portalEvent('2027-07-trafficking-in-persons', { start: '2027-07-06T10:00', end: '2027-07-06T13:00', status: 'cancelled' });
    const after = await syncEventVersions(handle.db, [cancelled]);
    expect(after.get('dialogues/2027-07-trafficking-in-persons')!.sequence).toBe(first.get('dialogues/2027-07-trafficking-in-persons')!.sequence + 1);
    expect(assembleFeed('WhatsOn - Test', [cancelled], after, 'https://whatson.example.org').body).toContain('STATUS:CANCELLED');
  });
});
