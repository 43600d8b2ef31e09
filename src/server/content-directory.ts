// Where the secretariat's Markdown lives. Read at build time by
// src/content.config.ts; WHATSON_CONTENT_DIR lets benchmarks and tests build
// the portal from a generated or broken content folder.
import { readdirSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const COLLECTIONS = ['events', 'side-events', 'dialogues'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

export function contentDirectory(): string {
  return resolve(process.env.WHATSON_CONTENT_DIR || 'content');
}

/**
 * Whether a file of a content folder is an original entry: `<name>.md`. A
 * translation sits beside its original as `<name>.<language>.md`
 * (src/server/translations/translation-files.ts) and is never an entry.
 */
export function isOriginalMarkdown(fileName: string): boolean {
  return /^[^.]+\.md$/.test(fileName);
}

/**
 * The id the build gives an event file, as Astro's glob loader does: the
 * front matter's `slug`, else the file name made a slug by github-slugger's
 * rule. Pages, registrations and links use it; every reader of the folder
 * names events by it, and finds translation files by the file's own name.
 */
export function eventIdOf(fileName: string, frontMatter: unknown): string {
  const chosen = frontMatter && typeof frontMatter === 'object' ? (frontMatter as { slug?: unknown }).slug : undefined;
  if (typeof chosen === 'string' && chosen) return chosen;
  return fileName
    .replace(/\.md$/, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** An original entry of one of the event collections. */
export interface EventFileOnDisk {
  collection: CollectionName;
  /** `<name>.md`. */
  fileName: string;
  path: string;
}

/**
 * The original event files of `directory` (events/, side-events/,
 * dialogues/; a missing folder has none), in name order within each. Their
 * readers parse them as their purpose needs: as the build does
 * (events-on-disk.ts) or as the editor writes them (event-files.ts).
 */
export async function* eventFilesOnDisk(directory: string): AsyncGenerator<EventFileOnDisk> {
  for (const collection of COLLECTIONS) {
    let names: string[];
    try {
      names = (await readdir(join(directory, collection))).filter(isOriginalMarkdown).sort();
    } catch {
      continue;
    }
    for (const fileName of names) yield { collection, fileName, path: join(directory, collection, fileName) };
  }
}

export function topicSlugsOnDisk(directory = contentDirectory()): string[] {
  try {
    return readdirSync(resolve(directory, 'topics'))
      .filter(isOriginalMarkdown)
      .map((file) => file.slice(0, -3))
      .sort();
  } catch {
    return [];
  }
}

function markdownFilesIn(folder: string): number {
  try {
    return readdirSync(folder).filter(isOriginalMarkdown).length;
  } catch {
    return 0;
  }
}

/**
 * Why the portal cannot be built from `directory`, or null. A mistyped
 * WHATSON_CONTENT_DIR would otherwise publish an empty portal.
 */
export function contentFolderProblem(directory = contentDirectory()): string | null {
  const fix = 'point WHATSON_CONTENT_DIR at the folder that holds events/, side-events/, dialogues/ and topics/, or unset it to use ./content';
  try {
    if (!statSync(directory).isDirectory()) return `the content folder ${directory} is a file, not a folder (WHATSON_CONTENT_DIR): ${fix}`;
  } catch {
    return `the content folder ${directory} does not exist (WHATSON_CONTENT_DIR): ${fix}`;
  }
  const files = [...COLLECTIONS, 'topics'].reduce((count, folder) => count + markdownFilesIn(join(directory, folder)), 0);
  if (files === 0) return `the content folder ${directory} has no Markdown file in events/, side-events/, dialogues/ or topics/ (WHATSON_CONTENT_DIR): ${fix}`;
  return null;
}

export function isCollectionName(value: string): value is CollectionName {
  return (COLLECTIONS as readonly string[]).includes(value);
}
