// Where the secretariat's Markdown lives. Read at build time by
// src/content.config.ts; WHATSON_CONTENT_DIR lets benchmarks and tests build
// the portal from a generated or broken content folder.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const COLLECTIONS = ['events', 'side-events', 'dialogues'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

export function contentDirectory(): string {
  return resolve(process.env.WHATSON_CONTENT_DIR || 'content');
}

export function topicSlugsOnDisk(directory = contentDirectory()): string[] {
  try {
    return readdirSync(resolve(directory, 'topics'))
      .filter((file) => file.endsWith('.md'))
      .map((file) => file.slice(0, -3))
      .sort();
  } catch {
    return [];
  }
}

export function isCollectionName(value: string): value is CollectionName {
  return (COLLECTIONS as readonly string[]).includes(value);
}
