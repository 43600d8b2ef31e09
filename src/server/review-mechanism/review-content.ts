// The Review Mechanism's content as built into the portal from the Markdown
// files in content/review-phases and content/country-reviews (fixed for the
// life of the process, so read once).
import { getCollection, type CollectionEntry } from 'astro:content';
import type { ReviewContent } from './review-mechanism';

export interface BuiltReviewContent extends ReviewContent {
  phaseEntries: ReadonlyMap<string, CollectionEntry<'review-phases'>>;
}

let loaded: Promise<BuiltReviewContent> | undefined;

export function loadReviewContent(): Promise<BuiltReviewContent> {
  loaded ??= read();
  return loaded;
}

async function read(): Promise<BuiltReviewContent> {
  const phaseEntries = await getCollection('review-phases');
  const reviewEntries = await getCollection('country-reviews');
  return {
    phases: phaseEntries.map((entry) => ({ slug: entry.id, ...entry.data })).sort((a, b) => a.starts.localeCompare(b.starts)),
    reviews: reviewEntries.map((entry) => ({ slug: entry.id, ...entry.data })),
    phaseEntries: new Map(phaseEntries.map((entry) => [entry.id, entry])),
  };
}
