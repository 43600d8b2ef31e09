// Front-matter schemas for the Review Mechanism's two collections: the phases
// of the review cycle (which cluster, when, the working group sessions that
// examine it) and the country reviews (who reviews whom, how far it got).
// Kept free of `astro:*` so plain unit tests can exercise them;
// src/content.config.ts wires them into Astro's collections.
import { z } from '../validation';
import { isCountryCode } from '../countries/countries';
import { DOCUMENT_KINDS, WORKING_GROUPS } from '../events/schema';

/** The four clusters of the Convention, in the order the Conference set them (resolution 9/1). */
export const REVIEW_CLUSTERS = [
  'criminalization-and-jurisdiction',
  'prevention-and-technical-assistance',
  'law-enforcement-and-judicial-system',
  'international-cooperation',
] as const;

/** How far a country review has got, in the order it gets there. */
export const REVIEW_STAGES = ['questionnaire', 'desk-review', 'dialogue', 'report'] as const;

export type ReviewCluster = (typeof REVIEW_CLUSTERS)[number];
export type ReviewStage = (typeof REVIEW_STAGES)[number];

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

// Quoted in the front matter ("2026-08-01"), so YAML keeps it a string and the test content can move it.
const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a calendar day written as "YYYY-MM-DD" (in quotes)')
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), 'is not a calendar day');

const oneOf = (known: readonly string[], what: string) =>
  z.string().refine((value) => known.includes(value), {
    error: (issue) => `unknown ${what} "${String(issue.input)}"; expected one of: ${known.join(', ')}`,
  });

const enumOf = <const Values extends readonly [string, ...string[]]>(values: Values, what: string) =>
  z.enum(values, { error: (issue) => `unknown ${what} "${String(issue.input)}"; expected one of: ${values.join(', ')}` });

const countryCode = z.string().refine(isCountryCode, {
  error: (issue) => `"${String(issue.input)}" is not a State on the UN country list; use its two-letter code such as AT`,
});

const sessionSchema = z
  .object({
    title: text(200),
    workingGroup: z.enum(WORKING_GROUPS),
    start: calendarDay,
    end: calendarDay,
  })
  .refine((session) => session.start <= session.end, { path: ['end'], error: 'must not be before start' });

/**
 * A phase of the cycle. `dialogues` names the constructive dialogues (files in
 * content/dialogues) held on the margins of the sessions that examine it, so
 * a State's page can lead to the one where civil society is heard.
 */
export function reviewPhaseSchema(knownDialogues: readonly string[]) {
  return z
    .object({
      title: text(200),
      cluster: enumOf(REVIEW_CLUSTERS, 'cluster'),
      starts: calendarDay,
      ends: calendarDay,
      sessions: z.array(sessionSchema).default([]),
      dialogues: z.array(oneOf(knownDialogues, 'dialogue')).default([]),
      // Demo phases with invented dates say so on the page.
      illustrative: z.boolean().default(false),
    })
    .superRefine((phase, ctx) => {
      if (phase.ends <= phase.starts) ctx.addIssue({ code: 'custom', path: ['ends'], message: 'must be after starts' });
      phase.sessions.forEach((session, index) => {
        if (session.start < phase.starts || session.end > phase.ends) {
          ctx.addIssue({ code: 'custom', path: ['sessions', index, 'start'], message: `must fall within the phase (${phase.starts} to ${phase.ends})` });
        }
      });
    });
}

const documentSchema = z.object({
  title: text(160),
  kind: z.enum(DOCUMENT_KINDS),
  url: z.url('must be a full URL such as https://www.unodc.org/…').refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://'),
  language: z.string().regex(/^[a-z]{2}$/, 'must be a two-letter language code such as en').default('en'),
});

/**
 * A State's review in one phase. `phase` is the name of its file in
 * content/review-phases; `phaseClusters` maps each such name to the cluster
 * its file gives, so a review cannot claim a cluster its phase does not cover.
 */
export function countryReviewSchema(phaseClusters: ReadonlyMap<string, string>) {
  const knownPhases = [...phaseClusters.keys()];
  return z
    .object({
      state: countryCode,
      // Two reviewing States drawn by lot, one from the State's own regional group.
      reviewers: z.array(countryCode).length(2, 'name the two reviewing States drawn by lot'),
      cluster: enumOf(REVIEW_CLUSTERS, 'cluster'),
      phase: oneOf(knownPhases, 'review phase'),
      stage: enumOf(REVIEW_STAGES, 'stage'),
      documents: z.array(documentSchema).default([]),
      illustrative: z.boolean().default(false),
    })
    .superRefine((review, ctx) => {
      review.reviewers.forEach((reviewer, index) => {
        if (reviewer === review.state) ctx.addIssue({ code: 'custom', path: ['reviewers', index], message: 'a State cannot review itself' });
      });
      if (review.reviewers.length === 2 && review.reviewers[0] === review.reviewers[1]) {
        ctx.addIssue({ code: 'custom', path: ['reviewers', 1], message: 'the two reviewing States must differ' });
      }
      const phaseCluster = phaseClusters.get(review.phase);
      if (phaseCluster && phaseCluster !== review.cluster) {
        ctx.addIssue({ code: 'custom', path: ['cluster'], message: `phase "${review.phase}" reviews the cluster ${phaseCluster}, not ${review.cluster}` });
      }
    });
}

export type ReviewPhaseFrontMatter = z.infer<ReturnType<typeof reviewPhaseSchema>>;
export type CountryReviewFrontMatter = z.infer<ReturnType<typeof countryReviewSchema>>;
