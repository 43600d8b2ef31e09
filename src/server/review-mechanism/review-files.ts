// What the Review Mechanism's content folders hold, read before the
// collections are built so their schemas can check names across files
// (Astro's `reference()` does not check that the named entry exists).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { ReviewContent } from './review-mechanism';

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

function frontMatterOf(text: string): Record<string, unknown> {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  const data: unknown = match ? parse(match[1]!) : undefined;
  return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/**
 * Who reviews whom and which dialogues examine which phase, read from the
 * files outside Astro (the digest job and the CLI), as the build read them.
 * Only what links dialogues to States is kept; the build has checked the rest.
 */
export function reviewLinksOnDisk(directory: string): ReviewContent {
  const read = (folder: string, name: string) => frontMatterOf(readFileSync(join(resolve(directory, folder), `${name}.md`), 'utf8'));
  const phases = entryNamesIn(directory, REVIEW_PHASES_FOLDER).map((slug) => {
    const data = read(REVIEW_PHASES_FOLDER, slug);
    return { ...data, slug, starts: String(data.starts ?? ''), ends: String(data.ends ?? ''), dialogues: strings(data.dialogues) } as ReviewContent['phases'][number];
  });
  const reviews = entryNamesIn(directory, COUNTRY_REVIEWS_FOLDER).map((slug) => {
    const data = read(COUNTRY_REVIEWS_FOLDER, slug);
    return { ...data, slug, state: String(data.state ?? ''), phase: String(data.phase ?? ''), reviewers: strings(data.reviewers) } as ReviewContent['reviews'][number];
  });
  return { phases, reviews };
}
