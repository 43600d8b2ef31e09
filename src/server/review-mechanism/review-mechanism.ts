// What the portal says about the Review Mechanism, from its content and the
// event catalogue: which phase is current, where a State stands, and which
// dialogues and calls for input are its chance to speak. Kept free of
// `astro:*` so tests can work on plain data; the clock is passed in.
import { regionsOf } from '../countries/countries';
import type { PortalEvent } from '../events/portal-event';
import type { CountryReviewFrontMatter, ReviewPhaseFrontMatter } from './schema';

export type ReviewPhase = ReviewPhaseFrontMatter & { slug: string };
export type CountryReview = CountryReviewFrontMatter & { slug: string };

export interface ReviewContent {
  /** Earliest first. */
  phases: ReviewPhase[];
  reviews: CountryReview[];
}

/** The calendar day (UTC) of an instant, to compare with the content's "YYYY-MM-DD" days. */
export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function isCurrentPhase(phase: ReviewPhase, now: Date): boolean {
  const today = dayOf(now);
  return phase.starts <= today && today <= phase.ends;
}

export function currentPhases(content: ReviewContent, now: Date): ReviewPhase[] {
  return content.phases.filter((phase) => isCurrentPhase(phase, now));
}

/** The dialogues a phase names, as the catalogue has them (one withdrawn from it is left out). */
export function dialoguesOfPhase(phase: ReviewPhase, events: readonly PortalEvent[]): PortalEvent[] {
  return phase.dialogues
    .map((slug) => events.find((event) => event.collection === 'dialogues' && event.slug === slug))
    .filter((event): event is PortalEvent => event !== undefined)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

export interface StateReview {
  review: CountryReview;
  phase: ReviewPhase;
  current: boolean;
  /** The constructive dialogues held on the margins of the sessions that examine the phase. */
  dialogues: PortalEvent[];
}

export interface CountryOverview {
  code: string;
  /** Current reviews first, then the latest. */
  reviews: StateReview[];
  /** Reviews in which this State is one of the two reviewers. */
  reviewing: CountryReview[];
  /** Calls for input of those dialogues that have not closed yet, soonest closing first. */
  openCalls: PortalEvent[];
  /** Events that have not ended, in the State. */
  upcomingIn: PortalEvent[];
  /** Events that have not ended, elsewhere in the State's subregion (M49). */
  upcomingNear: PortalEvent[];
}

export function countryOverview(code: string, content: ReviewContent, events: readonly PortalEvent[], now: Date): CountryOverview {
  const phases = new Map(content.phases.map((phase) => [phase.slug, phase]));
  const reviews = content.reviews
    .filter((review) => review.state === code)
    .flatMap((review) => {
      const phase = phases.get(review.phase);
      return phase ? [{ review, phase, current: isCurrentPhase(phase, now), dialogues: dialoguesOfPhase(phase, events) }] : [];
    })
    .sort((a, b) => Number(b.current) - Number(a.current) || b.phase.starts.localeCompare(a.phase.starts));

  const calls = new Map<string, PortalEvent>();
  for (const { dialogues } of reviews) {
    for (const dialogue of dialogues) if (dialogue.callForInput && dialogue.callForInput.closes > now) calls.set(dialogue.slug, dialogue);
  }

  const upcoming = events.filter((event) => event.end >= now && event.status !== 'cancelled' && event.venue);
  const subregion = regionsOf(code)[0]?.m49;
  return {
    code,
    reviews,
    reviewing: content.reviews.filter((review) => review.reviewers.includes(code)),
    openCalls: [...calls.values()].sort((a, b) => a.callForInput!.closes.getTime() - b.callForInput!.closes.getTime()),
    upcomingIn: upcoming.filter((event) => event.venue!.country === code),
    upcomingNear: subregion
      ? upcoming.filter((event) => event.venue!.country !== code && regionsOf(event.venue!.country)[0]?.m49 === subregion)
      : [],
  };
}

/** The States with a review in the content, each with its reviews, current ones first. */
export function statesUnderReview(content: ReviewContent, now: Date): { code: string; reviews: CountryReview[]; underReviewNow: boolean }[] {
  const phases = new Map(content.phases.map((phase) => [phase.slug, phase]));
  const byState = new Map<string, CountryReview[]>();
  for (const review of content.reviews) byState.set(review.state, [...(byState.get(review.state) ?? []), review]);
  return [...byState].map(([code, reviews]) => {
    const current = (review: CountryReview) => {
      const phase = phases.get(review.phase);
      return phase ? isCurrentPhase(phase, now) : false;
    };
    return {
      code,
      reviews: [...reviews].sort((a, b) => Number(current(b)) - Number(current(a))),
      underReviewNow: reviews.some(current),
    };
  });
}

/** The phases whose sessions a dialogue is held alongside, each with the States it reviews (by code, sorted). */
export function reviewsExaminedBy(dialogueSlug: string, content: ReviewContent): { phase: ReviewPhase; states: string[] }[] {
  return content.phases
    .filter((phase) => phase.dialogues.includes(dialogueSlug))
    .map((phase) => ({
      phase,
      states: content.reviews.filter((review) => review.phase === phase.slug).map((review) => review.state).sort(),
    }));
}

/**
 * The States an event concerns: the one it is held in, and for a dialogue
 * the States whose reviews it examines. What following a country brings into
 * a person's calendar and digest.
 */
export function countriesConcernedBy(event: PortalEvent, content: ReviewContent): Set<string> {
  const codes = new Set<string>();
  if (event.venue?.country) codes.add(event.venue.country);
  if (event.collection === 'dialogues') for (const { states } of reviewsExaminedBy(event.slug, content)) for (const code of states) codes.add(code);
  return codes;
}
