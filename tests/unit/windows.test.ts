// "Is a window open" has one answer, used by the home page, the listing cards,
// the event page's box and the domain functions alike.
import { describe, expect, it } from 'vitest';
import { isWindowOpen, windowPhase } from '../../src/server/events/windows';
import { applicationWindow, isEligible, registrationTimes } from '../../src/server/registrations/application-window';
import { callPhase, isCallOpen, openCalls } from '../../src/server/submissions/calls';
import { listClosingDeadlines } from '../../src/server/events/browse';
import { participationState } from '../../src/server/events/participation-state';
import { portalEvent } from '../support/event-fixtures';

const opens = new Date('2026-12-01T00:00:00Z');
const closes = new Date('2026-12-10T00:00:00Z');

describe('one window rule', () => {
  it('is not open before it opens, open from the opening instant, and closed from the closing instant on', () => {
    expect(windowPhase({ opens, closes }, new Date(opens.getTime() - 1))).toBe('not-open-yet');
    expect(windowPhase({ opens, closes }, opens)).toBe('open');
    expect(windowPhase({ opens, closes }, new Date(closes.getTime() - 1))).toBe('open');
    expect(windowPhase({ opens, closes }, closes)).toBe('closed');
  });

  it('is open from the start when no opening is given', () => {
    expect(isWindowOpen({ closes }, new Date('2020-01-01T00:00:00Z'))).toBe(true);
  });

  it('gives the same answer for a call through the calls module as for the window itself, at both edges', () => {
    const call = { opens, closes };
    for (const now of [new Date(opens.getTime() - 1), opens, new Date(closes.getTime() - 1), closes]) {
      expect(isCallOpen(call, now)).toBe(isWindowOpen(call, now));
      expect(callPhase(call, now)).toBe(windowPhase(call, now));
    }
  });
});

describe('applications without a closing date', () => {
  // Open registration, no closing date: applications close when the event starts.
  const event = portalEvent('open-no-closing', {
    start: '2027-01-20T10:00',
    end: '2027-01-20T12:00',
    registration: { mode: 'open', waitlist: false, eligibleTypes: ['ngo', 'academia'] },
  });
  const now = new Date('2026-12-01T12:00:00Z');

  it('close when the event starts', () => {
    expect(registrationTimes(event)!.closes).toEqual(event.start);
    expect(applicationWindow(event, now)).toEqual({ open: true, closes: event.start });
    expect(applicationWindow(event, event.start)).toMatchObject({ open: false, reason: 'closed' });
  });

  it('appear under "Deadlines closing soon" with the start as their deadline (they used to be left out)', () => {
    expect(listClosingDeadlines([event], now)).toEqual([{ event, closes: event.start, what: 'registration' }]);
  });

  it('show the same state on the listing card as the home page and the apply form use', () => {
    expect(participationState(event, now).applications).toEqual({ kind: 'open', closes: event.start });
  });
});

describe('the card and box state', () => {
  const now = new Date('2026-12-01T12:00:00Z');

  it('names when applications open, when they are not open yet', () => {
    const event = portalEvent('later', { start: '2027-09-01T10:00', end: '2027-09-01T12:00', registration: { mode: 'reviewed', opens: '2027-06-01T00:00', closes: '2027-08-01T23:59', waitlist: false, eligibleTypes: ['ngo'] } });
    expect(participationState(event, now).applications).toEqual({ kind: 'not-open-yet', opens: new Date('2027-05-31T22:00:00Z') });
    expect(applicationWindow(event, now)).toMatchObject({ open: false, reason: 'not-open-yet' });
  });

  it('says a cancelled event takes no applications and its call is closed', () => {
    const event = portalEvent('cancelled', {
      start: '2027-02-01T10:00',
      end: '2027-02-01T12:00',
      status: 'cancelled',
      registration: { mode: 'open', closes: '2027-01-01T23:59', waitlist: false, eligibleTypes: ['ngo'] },
      callForInput: { opens: '2026-11-01T00:00', closes: '2027-01-20T23:59', questions: [], wordLimit: 1000 },
    });
    expect(participationState(event, now)).toEqual({ applications: { kind: 'closed' }, call: { kind: 'closed' } });
    expect(listClosingDeadlines([event], now)).toEqual([]);
  });

  it('tells registration elsewhere and no registration apart', () => {
    const external = portalEvent('external', { start: '2027-03-01T10:00', end: '2027-03-01T12:00', registration: { mode: 'external', url: 'https://example.org/register', waitlist: false, eligibleTypes: ['ngo'] } });
    const none = portalEvent('none', { start: '2027-03-01T10:00', end: '2027-03-01T12:00' });
    expect(participationState(external, now).applications).toEqual({ kind: 'external', url: 'https://example.org/register' });
    expect(participationState(none, now).applications).toEqual({ kind: 'none' });
  });

  it('keeps calls that have not opened yet among those a draft can be written to, and drops closed ones', () => {
    const later = portalEvent('later', { callForInput: { opens: '2027-01-01T00:00', closes: '2027-02-01T23:59', questions: ['Q?'], wordLimit: 1000 } });
    const over = portalEvent('over', { callForInput: { opens: '2026-10-01T00:00', closes: '2026-11-01T23:59', questions: [], wordLimit: 1000 } });
    expect(openCalls([later, over], now).map((call) => call.event.slug)).toEqual(['later']);
    expect(participationState(later, now).call).toEqual({ kind: 'not-open-yet', opens: new Date('2026-12-31T23:00:00Z') });
  });
});

describe('eligibility', () => {
  it('is decided by the event’s eligible organisation types', () => {
    const event = portalEvent('academia-only', { registration: { mode: 'reviewed', waitlist: false, eligibleTypes: ['academia'] } });
    expect(isEligible(event, 'academia')).toBe(true);
    expect(isEligible(event, 'ngo')).toBe(false);
    expect(isEligible(portalEvent('no-registration'), 'ngo')).toBe(false);
  });
});

describe('places left, as the box states them', () => {
  it('gives one count for one limited mode, and one per mode when both are limited', async () => {
    const { placesSummary } = await import('../../src/server/registrations/registration-panel');
    const { en } = await import('../../src/i18n/en');
    const inPersonOnly = portalEvent('in-person', { format: 'in-person', registration: { mode: 'open', capacityInPerson: 80, waitlist: false, eligibleTypes: ['ngo'] } });
    expect(en.box.places(placesSummary(inPersonOnly, { 'in-person': 12 }))).toBe('12 of 80 places left');
    const hybrid = portalEvent('hybrid', { format: 'hybrid', registration: { mode: 'open', capacityInPerson: 80, capacityOnline: 300, waitlist: false, eligibleTypes: ['ngo'] } });
    expect(en.box.places(placesSummary(hybrid, { 'in-person': 0, online: 290 }))).toBe('0 of 80 places left in person, 290 of 300 online');
    const unlimited = portalEvent('unlimited', { registration: { mode: 'open', waitlist: false, eligibleTypes: ['ngo'] } });
    expect(placesSummary(unlimited, {})).toEqual([]);
  });
});
