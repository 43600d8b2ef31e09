// Front matter of the knowledge hub's entries (content/resources/*.md): free
// of `astro:*` so unit tests can exercise it; src/content.config.ts wires it.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from '../validation';
import { topicSlugSchema } from '../events/schema';

export const RESOURCE_TYPES = ['toolkit', 'chapter', 'guide', 'review-mechanism', 'co-chairs-summary', 'recording'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** "dialogues/2027-07-trafficking-in-persons": the event a resource belongs to. */
const eventKeySchema = z.string().regex(/^(events|side-events|dialogues)\/[a-z0-9-]+$/, 'must name an event as collection/slug, such as dialogues/2027-07-firearms');

export function resourceSchema(knownTopics: readonly string[], publicDir = resolve('public')) {
  return z
    .object({
      title: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
      type: z.enum(RESOURCE_TYPES),
      summary: z.string().trim().min(1, 'must not be empty').max(600, 'must be at most 600 characters'),
      topics: z.array(topicSlugSchema(knownTopics)).default([]),
      languages: z.array(z.string().regex(/^[a-z]{2}$/, 'must be a two-letter language code such as en')).min(1).default(['en']),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD'),
      /** A page or document elsewhere … */
      link: z.url('must be a full URL such as https://www.unodc.org/…').refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://').optional(),
      /** … or a file the portal serves from public/, such as /resources/toolkit.pdf. */
      file: z
        .string()
        .regex(/^\/resources\/[A-Za-z0-9._-]+$/, 'must be a path such as /resources/toolkit.pdf (a file in public/resources/)')
        .refine((path) => existsSync(resolve(publicDir, `.${path}`)), 'names a file that is not in public/resources/')
        .optional(),
      events: z.array(eventKeySchema).default([]),
      /** The toolkit (resource slug) this chapter belongs to. */
      partOf: z.string().regex(/^[a-z0-9-]+$/).optional(),
      order: z.number().int().default(0),
      illustrative: z.boolean().default(false),
    })
    .refine((entry) => Boolean(entry.link) !== Boolean(entry.file), { path: ['link'], error: 'give either a link or a file, not both and not neither' });
}

export type ResourceFrontMatter = z.infer<ReturnType<typeof resourceSchema>>;
