// The knowledge hub as a list: filters by type, topic and language, free text,
// and the resources linked to one event or topic. Pure, so tested without Astro.
import type { ResourceFrontMatter, ResourceType } from './schema';
import { RESOURCE_TYPES } from './schema';
import { z } from '../validation';
import { foldForSearch as foldText } from '../events/portal-event';

export interface Resource extends ResourceFrontMatter {
  slug: string;
  /** Where it opens: its link, or its file in public/. */
  href: string;
  /** The Markdown body rendered to HTML (sanitised by the content pipeline). */
  bodyText: string;
}

export interface ResourceQuery {
  type?: ResourceType;
  topic?: string;
  language?: string;
  q?: string;
}

export function resourceQuerySchema(topics: readonly string[], languages: readonly string[]) {
  const optionalChoice = <T extends string>(values: readonly T[], message: string) =>
    z
      .string()
      .optional()
      .transform((value) => value || undefined)
      .refine((value) => value === undefined || (values as readonly string[]).includes(value), message)
      .transform((value) => value as T | undefined);
  return z.object({
    type: optionalChoice(RESOURCE_TYPES, 'Choose a type from the list.'),
    topic: optionalChoice(topics, 'Choose a topic from the list.'),
    language: optionalChoice(languages, 'Choose a language from the list.'),
    q: z.string().trim().max(200, 'Use at most 200 characters.').optional().transform((value) => value || undefined),
  });
}

export class ResourceShelf {
  readonly bySlug: ReadonlyMap<string, Resource>;

  constructor(readonly all: readonly Resource[]) {
    this.all = [...all].sort((a, b) => b.date.localeCompare(a.date) || a.order - b.order || a.title.localeCompare(b.title));
    this.bySlug = new Map(this.all.map((resource) => [resource.slug, resource]));
  }

  get languages(): string[] {
    return [...new Set(this.all.flatMap((resource) => resource.languages))].sort();
  }

  filter(query: ResourceQuery): Resource[] {
    const words = query.q ? foldText(query.q).split(/\s+/).filter(Boolean) : [];
    return this.all.filter((resource) => {
      if (query.type && resource.type !== query.type) return false;
      if (query.topic && !resource.topics.includes(query.topic)) return false;
      if (query.language && !resource.languages.includes(query.language)) return false;
      if (words.length === 0) return true;
      const text = foldText(`${resource.title} ${resource.summary} ${resource.bodyText}`);
      return words.every((word) => text.includes(word));
    });
  }

  /** Resources linked to an event (by key) or to a topic, chapters after their toolkit. */
  linkedTo(link: { event?: string; topic?: string }): Resource[] {
    return this.all
      .filter((resource) => (link.event ? resource.events.includes(link.event) : false) || (link.topic ? resource.topics.includes(link.topic) : false))
      .sort((a, b) => (a.partOf ? 1 : 0) - (b.partOf ? 1 : 0) || a.order - b.order);
  }

  chaptersOf(slug: string): Resource[] {
    return this.all.filter((resource) => resource.partOf === slug).sort((a, b) => a.order - b.order);
  }
}
