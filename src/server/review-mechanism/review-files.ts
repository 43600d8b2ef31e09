// What the Review Mechanism's content folders hold, read before the
// collections are built so their schemas can check names across files
// (Astro's `reference()` does not check that the named entry exists).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REVIEW_PHASES_FOLDER = 'review-phases';
export const COUNTRY_REVIEWS_FOLDER = 'country-reviews';

/** The names (file names without .md) of the Markdown files in a content folder; none when it is missing. */
export function entryNamesIn(directory: string, folder: string): string[] {
  try {
    return readdirSync(resolve(directory, folder))
      // A translation beside a dialogue (`<name>.fr.md`) is not an entry.
      .filter((file) => /^[^.]+\.md$/.test(file))
      .map((file) => file.slice(0, -3))
      .sort();
  } catch {
    return [];
  }
}

/**
 * Each phase file's name with the cluster its front matter gives (its own
 * schema checks that cluster; here it is only read, one line).
 */
export function phaseClustersOnDisk(directory: string): Map<string, string> {
  const clusters = new Map<string, string>();
  for (const name of entryNamesIn(directory, REVIEW_PHASES_FOLDER)) {
    const text = readFileSync(join(resolve(directory, REVIEW_PHASES_FOLDER), `${name}.md`), 'utf8');
    const cluster = /^cluster:\s*["']?([a-z-]+)["']?\s*$/m.exec(text)?.[1];
    clusters.set(name, cluster ?? '');
  }
  return clusters;
}
