// The Review Mechanism's content as the pages show it: the Markdown files in
// content/review-phases and content/country-reviews (built into the portal,
// read once) with the entries the secretariat saved in the browser winning,
// which every instance follows as it follows stored events (at most half a
// second late, at once when the public data version moves).
import { getCollection, type CollectionEntry } from 'astro:content';
import { database } from '../db/index';
import { storedContentRefresher } from '../stored-content/stored-content-refresh';
import { takeCheckRequest } from '../event-editor/catalogue-freshness';
import { readStoredReviewEntries, type ReviewEntryContent } from '../review-editor/review-entry-rows';
import { assembleReviewContent, StoredReviewState, type AssembledReviewContent } from './review-assembly';

export interface BuiltReviewContent extends AssembledReviewContent {
  /** The built phase files, to render their bodies (a stored phase's is storedBodyHtml). */
  phaseEntries: ReadonlyMap<string, CollectionEntry<'review-phases'>>;
}

interface Files {
  entries: Map<string, ReviewEntryContent>;
  phaseEntries: Map<string, CollectionEntry<'review-phases'>>;
}

const stored = new StoredReviewState();

export const loadReviewContent: () => Promise<BuiltReviewContent> = storedContentRefresher({
  files: readFiles,
  readChanges: (sinceSeq) => readStoredReviewEntries(database().db, sinceSeq),
  lastSeq: () => stored.lastSeq,
  apply: (changes) => stored.apply(changes),
  assemble: (files: Files) => ({ ...assembleReviewContent(files, stored), phaseEntries: files.phaseEntries }),
  checkRequested: () => takeCheckRequest('reviewEntries'),
  refreshMs: 500,
  what: 'stored review entries',
});

async function readFiles(): Promise<Files> {
  const phaseEntries = await getCollection('review-phases');
  const reviewEntries = await getCollection('country-reviews');
  const entries = new Map<string, ReviewEntryContent>();
  for (const entry of phaseEntries) entries.set(`review-phases/${entry.id}`, { data: entry.data, body: entry.body ?? '' });
  for (const entry of reviewEntries) entries.set(`country-reviews/${entry.id}`, { data: entry.data, body: entry.body ?? '' });
  return { entries, phaseEntries: new Map(phaseEntries.map((entry) => [entry.id, entry])) };
}
