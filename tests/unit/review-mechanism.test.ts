// Where a State stands in the Review Mechanism, and the timeline of the
// cycle, computed from the tests' own phases, reviews and events on a clock
// the tests set.
import { describe, expect, it } from 'vitest';
import { countryOverview, currentPhases, reviewsExaminedBy, statesUnderReview, type ReviewContent, type ReviewPhase } from '../../src/server/review-mechanism/review-mechanism';
import { reviewTimeline } from '../../src/server/review-mechanism/timeline';
import { portalEvent } from '../support/event-fixtures';

const NOW = new Date('2026-12-01T12:00:00Z');

const criminalization: ReviewPhase = {
  slug: 'phase-one',
  title: 'Phase on criminalization',
  cluster: 'criminalization-and-jurisdiction',
  starts: '2024-07-01',
  ends: '2026-07-31',
  sessions: [{ title: 'Working Group on Firearms, 2026', workingGroup: 'firearms', start: '2026-03-17', end: '2026-03-18' }],
  dialogues: ['past-dialogue'],
  illustrative: true,
};
const prevention: ReviewPhase = {
  slug: 'phase-two',
  title: 'Phase on prevention',
  cluster: 'prevention-and-technical-assistance',
  starts: '2026-08-01',
  ends: '2028-07-31',
  sessions: [{ title: 'Working Group on Firearms, 2027', workingGroup: 'firearms', start: '2027-03-17', end: '2027-03-18' }],
  dialogues: ['open-call', 'closed-call', 'gone'],
  illustrative: true,
};

const review = (state: string, phase: ReviewPhase, reviewers: string[], stage: 'questionnaire' | 'report' = 'questionnaire') => ({
  slug: `${state}-${phase.slug}`,
  state,
  reviewers,
  cluster: phase.cluster,
  phase: phase.slug,
  stage,
  documents: [],
  illustrative: true,
});

const content: ReviewContent = {
  phases: [criminalization, prevention],
  reviews: [review('KE', criminalization, ['GH', 'FR'], 'report'), review('KE', prevention, ['NG', 'DE']), review('FR', prevention, ['KE', 'BE'])],
};

const call = (opens: string, closes: string) => ({ opens, closes, questions: [], wordLimit: 1500 });
const events = [
  portalEvent('past-dialogue', { start: '2026-03-17T10:00', end: '2026-03-17T18:00' }),
  portalEvent('open-call', { start: '2027-03-16T10:00', end: '2027-03-16T18:00', callForInput: call('2026-11-16T00:00', '2027-02-28T23:59') }),
  portalEvent('closed-call', { start: '2027-04-20T10:00', end: '2027-04-20T18:00', callForInput: call('2026-09-01T00:00', '2026-11-30T23:59') }),
  portalEvent('in-nairobi', { start: '2027-02-10T09:00', end: '2027-02-10T17:00', timezone: 'Africa/Nairobi', venue: { site: 'UN Gigiri', city: 'Nairobi', country: 'KE' } }, 'events'),
  portalEvent('in-kampala', { start: '2027-02-12T09:00', end: '2027-02-12T17:00', timezone: 'Africa/Kampala', venue: { site: 'Hotel', city: 'Kampala', country: 'UG' } }, 'events'),
  portalEvent('in-lagos', { start: '2027-02-12T09:00', end: '2027-02-12T17:00', timezone: 'Africa/Lagos', venue: { site: 'Hotel', city: 'Lagos', country: 'NG' } }, 'events'),
  portalEvent('over-in-nairobi', { start: '2026-06-10T09:00', end: '2026-06-10T17:00', timezone: 'Africa/Nairobi', venue: { site: 'UN Gigiri', city: 'Nairobi', country: 'KE' } }, 'events'),
];

describe('the current phase', () => {
  it('is the one whose days include today, by the clock passed in', () => {
    expect(currentPhases(content, NOW).map((phase) => phase.slug)).toEqual(['phase-two']);
    expect(currentPhases(content, new Date('2026-07-31T23:00:00Z')).map((phase) => phase.slug)).toEqual(['phase-one']);
    expect(currentPhases(content, new Date('2029-01-01T00:00:00Z'))).toEqual([]);
  });
});

describe('a State’s overview', () => {
  const kenya = countryOverview('KE', content, events, NOW);

  it('puts the current review first, with the dialogues of its phase that exist', () => {
    expect(kenya.reviews.map(({ review, current }) => [review.phase, current])).toEqual([['phase-two', true], ['phase-one', false]]);
    expect(kenya.reviews[0]!.dialogues.map((dialogue) => dialogue.slug)).toEqual(['open-call', 'closed-call']);
  });

  it('offers the calls for input of those dialogues that have not closed', () => {
    expect(kenya.openCalls.map((dialogue) => dialogue.slug)).toEqual(['open-call']);
  });

  it('lists the reviews in which it is a reviewing State', () => {
    expect(kenya.reviewing.map((reviewed) => reviewed.state)).toEqual(['FR']);
  });

  it('lists upcoming events in it, and in its subregion apart', () => {
    expect(kenya.upcomingIn.map((event) => event.slug)).toEqual(['in-nairobi']);
    // Uganda is in Eastern Africa with Kenya; Nigeria is in Western Africa.
    expect(kenya.upcomingNear.map((event) => event.slug)).toEqual(['in-kampala']);
  });

  it('is empty for a State the content does not review', () => {
    expect(countryOverview('UY', content, events, NOW)).toMatchObject({ reviews: [], reviewing: [], openCalls: [], upcomingIn: [] });
  });
});

describe('the States with a review', () => {
  it('says which are under review now', () => {
    const states = statesUnderReview(content, new Date('2026-05-01T00:00:00Z'));
    expect(states.map(({ code, underReviewNow, reviews }) => [code, underReviewNow, reviews[0]!.phase])).toEqual([
      ['KE', true, 'phase-one'],
      ['FR', false, 'phase-two'],
    ]);
  });
});

describe('the reviews a dialogue examines', () => {
  it('are the phases that name it, with their States', () => {
    expect(reviewsExaminedBy('open-call', content).map(({ phase, states }) => [phase.slug, states])).toEqual([['phase-two', ['FR', 'KE']]]);
    expect(reviewsExaminedBy('past-dialogue', content).map(({ phase, states }) => [phase.slug, states])).toEqual([['phase-one', ['KE']]]);
    expect(reviewsExaminedBy('in-nairobi', content)).toEqual([]);
  });
});

describe('the timeline', () => {
  const timeline = reviewTimeline(content.phases, events, NOW);

  it('has a column per year and a row per cluster, empty clusters included', () => {
    expect(timeline.years.map((year) => year.year)).toEqual([2024, 2025, 2026, 2027, 2028]);
    expect(timeline.rows.map((row) => row.cluster)).toEqual([
      'criminalization-and-jurisdiction',
      'prevention-and-technical-assistance',
      'law-enforcement-and-judicial-system',
      'international-cooperation',
    ]);
    expect(timeline.years.every((year, index) => index === 0 || year.x > timeline.years[index - 1]!.x)).toBe(true);
  });

  it('marks only the current phase, on its cluster’s row', () => {
    expect(timeline.bars.map((bar) => [bar.slug, bar.current])).toEqual([['phase-one', false], ['phase-two', true]]);
    const row = timeline.rows.find((candidate) => candidate.cluster === 'prevention-and-technical-assistance')!;
    const bar = timeline.bars[1]!;
    expect(bar.y).toBeGreaterThanOrEqual(row.y);
    expect(bar.y + bar.height).toBeLessThanOrEqual(row.y + 64);
  });

  it('puts sessions and dialogues on their phase’s bar, today between them', () => {
    expect(timeline.marks.map((mark) => [mark.kind, mark.day])).toEqual([
      ['session', '2026-03-17'],
      ['dialogue', '2026-03-17'],
      ['session', '2027-03-17'],
      ['dialogue', '2027-03-16'],
      ['dialogue', '2027-04-20'],
    ]);
    for (const mark of timeline.marks) {
      const bar = timeline.bars.find((candidate) => mark.y > candidate.y && mark.y < candidate.y + candidate.height)!;
      expect(mark.x).toBeGreaterThanOrEqual(bar.x);
      expect(mark.x).toBeLessThanOrEqual(bar.x + bar.width);
    }
    expect(timeline.todayX).toBeGreaterThan(timeline.marks[1]!.x);
    expect(timeline.todayX).toBeLessThan(timeline.marks[3]!.x);
  });

  it('leaves today out when it falls outside the years shown', () => {
    expect(reviewTimeline(content.phases, events, new Date('2031-01-01T00:00:00Z')).todayX).toBeUndefined();
  });
});
