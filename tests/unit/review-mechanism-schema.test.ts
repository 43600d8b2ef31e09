// The Review Mechanism's front matter: a phase names a known cluster and known
// dialogues; a country review names States on the UN list, a known cluster,
// phase and stage, and two reviewers other than the State itself.
import { describe, expect, it } from 'vitest';
import type { z } from 'astro/zod';
import { countryReviewSchema, reviewPhaseSchema } from '../../src/server/review-mechanism/schema';

const DIALOGUES = ['2027-03-firearms', '2027-04-technical-assistance'];
const PHASES = new Map([
  ['2026-2028-prevention', 'prevention-and-technical-assistance'],
  ['2024-2026-criminalization', 'criminalization-and-jurisdiction'],
]);

const phase = {
  title: 'Phase on prevention',
  cluster: 'prevention-and-technical-assistance',
  starts: '2026-08-01',
  ends: '2028-07-31',
  sessions: [{ title: 'Working Group on Firearms', workingGroup: 'firearms', start: '2027-03-17', end: '2027-03-18' }],
  dialogues: ['2027-03-firearms'],
};

const review = {
  state: 'KE',
  reviewers: ['GH', 'FR'],
  cluster: 'prevention-and-technical-assistance',
  phase: '2026-2028-prevention',
  stage: 'desk-review',
};

function issuesOf(data: unknown, schema: z.ZodType) {
  const result = schema.safeParse(data);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

const phaseIssues = (data: unknown) => issuesOf(data, reviewPhaseSchema(DIALOGUES));
const reviewIssues = (data: unknown) => issuesOf(data, countryReviewSchema(PHASES));

describe('review phase front matter', () => {
  it('accepts a phase with its sessions and dialogues, not illustrative unless said', () => {
    const parsed = reviewPhaseSchema(DIALOGUES).parse(phase);
    expect(parsed.cluster).toBe('prevention-and-technical-assistance');
    expect(parsed.illustrative).toBe(false);
  });

  it('rejects an unknown cluster, naming the four', () => {
    expect(phaseIssues({ ...phase, cluster: 'cybercrime' })).toEqual([
      { path: 'cluster', message: expect.stringMatching(/unknown cluster "cybercrime"; expected one of: criminalization-and-jurisdiction, .*international-cooperation/) },
    ]);
  });

  it('rejects a dialogue that has no file', () => {
    expect(phaseIssues({ ...phase, dialogues: ['2027-09-piracy'] })).toEqual([
      { path: 'dialogues.0', message: expect.stringContaining('unknown dialogue "2027-09-piracy"') },
    ]);
  });

  it('rejects a phase that ends before it starts and a session outside it', () => {
    expect(phaseIssues({ ...phase, ends: '2026-07-01' })).toEqual(
      expect.arrayContaining([{ path: 'ends', message: 'must be after starts' }, { path: 'sessions.0.start', message: expect.stringContaining('within the phase') }]),
    );
  });

  it('rejects a day YAML would read as a date, or that is no day', () => {
    expect(phaseIssues({ ...phase, starts: new Date('2026-08-01') })).toHaveLength(1);
    expect(phaseIssues({ ...phase, starts: '2026-02-30' })).toEqual([{ path: 'starts', message: 'is not a calendar day' }]);
  });
});

describe('country review front matter', () => {
  it('accepts a review and keeps its stage', () => {
    expect(countryReviewSchema(PHASES).parse(review)).toMatchObject({ state: 'KE', stage: 'desk-review', documents: [], illustrative: false });
  });

  it('rejects a State that is not on the UN list, under review or reviewing', () => {
    expect(reviewIssues({ ...review, state: 'XX' })).toEqual([{ path: 'state', message: expect.stringContaining('"XX" is not a State on the UN country list') }]);
    expect(reviewIssues({ ...review, reviewers: ['GH', 'ZZ'] })).toEqual([{ path: 'reviewers.1', message: expect.stringContaining('"ZZ" is not a State') }]);
  });

  it('rejects an unknown cluster, phase or stage', () => {
    expect(reviewIssues({ ...review, cluster: 'cybercrime' })).toEqual([{ path: 'cluster', message: expect.stringContaining('unknown cluster "cybercrime"') }]);
    expect(reviewIssues({ ...review, phase: '2030-2032-nothing' })).toEqual([{ path: 'phase', message: expect.stringContaining('unknown review phase "2030-2032-nothing"') }]);
    expect(reviewIssues({ ...review, stage: 'finished' })).toEqual([
      { path: 'stage', message: 'unknown stage "finished"; expected one of: questionnaire, desk-review, dialogue, report' },
    ]);
  });

  it('rejects a State among its own reviewers, the same reviewer twice, or other than two', () => {
    expect(reviewIssues({ ...review, reviewers: ['KE', 'FR'] })).toEqual([{ path: 'reviewers.0', message: 'a State cannot review itself' }]);
    expect(reviewIssues({ ...review, reviewers: ['FR', 'FR'] })).toEqual([{ path: 'reviewers.1', message: 'the two reviewing States must differ' }]);
    expect(reviewIssues({ ...review, reviewers: ['FR'] })).toEqual([{ path: 'reviewers', message: 'name the two reviewing States drawn by lot' }]);
  });

  it('rejects a cluster its phase does not review', () => {
    expect(reviewIssues({ ...review, cluster: 'criminalization-and-jurisdiction' })).toEqual([
      { path: 'cluster', message: expect.stringContaining('reviews the cluster prevention-and-technical-assistance') },
    ]);
  });
});
