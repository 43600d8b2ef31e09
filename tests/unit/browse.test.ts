import { describe, expect, it } from 'vitest';
import { listClosingDeadlines, listTopicEvents, summariseHome } from '../../src/server/events/browse';
import { portalEvent, TOPIC_SLUGS } from '../support/event-fixtures';

const now = new Date('2026-11-29T12:00:00Z');

describe('home page overview', () => {
  const events = [
    portalEvent('past', { start: '2026-03-10T10:00', end: '2026-03-10T18:00' }),
    portalEvent('closes-late', {
      start: '2027-07-02T10:00',
      end: '2027-07-02T18:00',
      registration: { mode: 'reviewed', opens: '2026-11-01T00:00', closes: '2027-06-01T23:59', waitlist: true, eligibleTypes: ['ngo'] },
    }),
    portalEvent('closes-soon', {
      start: '2027-01-20T10:00',
      end: '2027-01-20T12:00',
      registration: { mode: 'open', closes: '2026-12-05T23:59', waitlist: false, eligibleTypes: ['ngo'] },
      callForInput: { opens: '2026-11-01T00:00', closes: '2026-12-20T23:59', questions: [], wordLimit: 1000 },
    }),
    portalEvent('not-open-yet', {
      start: '2027-09-01T10:00',
      end: '2027-09-01T12:00',
      registration: { mode: 'reviewed', opens: '2027-06-01T00:00', closes: '2027-08-01T23:59', waitlist: false, eligibleTypes: ['ngo'] },
    }),
    portalEvent('cancelled', {
      start: '2027-02-01T10:00',
      end: '2027-02-01T12:00',
      status: 'cancelled',
      registration: { mode: 'open', closes: '2026-12-01T23:59', waitlist: false, eligibleTypes: ['ngo'] },
    }),
    portalEvent('external', {
      start: '2027-03-01T10:00',
      end: '2027-03-01T12:00',
      registration: { mode: 'external', url: 'https://example.org', closes: '2026-12-02T23:59', waitlist: false, eligibleTypes: ['ngo'] },
    }),
  ];

  it('lists open deadlines soonest first, for applications and calls for input', () => {
    expect(listClosingDeadlines(events, now).map(({ event, what }) => `${event.slug}:${what}`)).toEqual([
      'closes-soon:registration',
      'closes-soon:call-for-input',
      'closes-late:registration',
    ]);
  });

  it('reads a deadline at 23:59 in the venue zone', () => {
    const [first] = listClosingDeadlines(events, now);
    expect(first!.closes.toISOString()).toBe('2026-12-05T22:59:00.000Z');
  });

  it('shows what is next, leaving out what is over', () => {
    // The catalogue hands events over sorted by start.
    const sorted = [...events].sort((a, b) => a.start.getTime() - b.start.getTime());
    const { next } = summariseHome({ events: sorted, topicSlugs: TOPIC_SLUGS }, now);
    expect(next.map((event) => event.slug)).not.toContain('past');
    expect(next[0]!.slug).toBe('closes-soon');
  });
});

describe('topic pages', () => {
  it('splits a topic into upcoming (soonest first) and past (latest first) events', () => {
    const events = [
      portalEvent('a', { start: '2026-03-10T10:00', end: '2026-03-10T12:00', topics: ['firearms'] }),
      portalEvent('b', { start: '2026-05-10T10:00', end: '2026-05-10T12:00', topics: ['firearms', 'organized-crime'] }),
      portalEvent('c', { start: '2027-03-10T10:00', end: '2027-03-10T12:00', topics: ['firearms'] }),
      portalEvent('d', { start: '2027-04-10T10:00', end: '2027-04-10T12:00', topics: ['technical-assistance'] }),
    ];
    const { upcoming, past } = listTopicEvents({ events, topicSlugs: TOPIC_SLUGS }, 'firearms', now);
    expect(upcoming.map((event) => event.slug)).toEqual(['c']);
    expect(past.map((event) => event.slug)).toEqual(['b', 'a']);
  });
});
