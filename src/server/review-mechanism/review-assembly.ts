// The Review Mechanism's content made of two sources: the Markdown files built
// into the portal and the entries the secretariat stores in the database. A
// stored entry with the name of a file replaces it, one with a new name adds
// to them, as stored events do in the catalogue. Kept free of `astro:*` so
// tests can assemble content from plain data.
import { renderMarkdown } from '../markdown/render-markdown';
import type { ReviewCollection, ReviewEntryContent, StoredReviewEntry } from '../review-editor/review-entry-rows';
import type { CountryReview, ReviewContent, ReviewPhase } from './review-mechanism';

export interface ReviewFiles {
  /** By "<collection>/<slug>": each file's front matter (as its schema outputs it) and Markdown. */
  entries: ReadonlyMap<string, ReviewEntryContent>;
}

export interface AssembledReviewContent extends ReviewContent {
  /** The built file of that name, whatever the database says (the editor starts from it). */
  fileEntry(collection: ReviewCollection, slug: string): ReviewEntryContent | undefined;
  /** Whether the pages show a version stored in the database. */
  isStored(collection: ReviewCollection, slug: string): boolean;
  /** Sanitised HTML of a stored entry's body; undefined for one shown from its file. */
  storedBodyHtml(collection: ReviewCollection, slug: string): string | undefined;
}

/** What one instance knows of the stored entries: applied change by change, never re-read whole. */
export class StoredReviewState {
  private readonly shown = new Map<string, StoredReviewEntry>();
  lastSeq = 0;

  apply(changes: readonly StoredReviewEntry[]): boolean {
    for (const change of changes) {
      this.lastSeq = Math.max(this.lastSeq, change.changeSeq);
      this.shown.set(`${change.collection}/${change.slug}`, change);
    }
    return changes.length > 0;
  }

  entries(): IterableIterator<[string, StoredReviewEntry]> {
    return this.shown.entries();
  }
}

export function assembleReviewContent(files: ReviewFiles, stored: StoredReviewState): AssembledReviewContent {
  const shown = new Map<string, ReviewEntryContent>(files.entries);
  const storedKeys = new Set<string>();
  for (const [key, entry] of stored.entries()) {
    shown.set(key, entry);
    storedKeys.add(key);
  }
  const phases: ReviewPhase[] = [];
  const reviews: CountryReview[] = [];
  for (const [key, entry] of shown) {
    const [collection, slug] = key.split('/') as [ReviewCollection, string];
    if (collection === 'review-phases') phases.push({ ...(entry.data as Omit<ReviewPhase, 'slug'>), slug });
    else reviews.push({ ...(entry.data as Omit<CountryReview, 'slug'>), slug });
  }
  const html = new Map<string, string>();
  return {
    phases: phases.sort((a, b) => a.starts.localeCompare(b.starts) || a.slug.localeCompare(b.slug)),
    reviews: reviews.sort((a, b) => a.slug.localeCompare(b.slug)),
    fileEntry: (collection, slug) => files.entries.get(`${collection}/${slug}`),
    isStored: (collection, slug) => storedKeys.has(`${collection}/${slug}`),
    storedBodyHtml(collection, slug) {
      const key = `${collection}/${slug}`;
      if (!storedKeys.has(key)) return undefined;
      // Rendered on first view, not for every stored entry at each change.
      let rendered = html.get(key);
      if (rendered === undefined) html.set(key, (rendered = renderMarkdown(shown.get(key)!.body)));
      return rendered;
    },
  };
}
