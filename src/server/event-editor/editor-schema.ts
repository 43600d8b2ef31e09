// The one schema: the editor validates with the very schemas the content
// collections use (src/server/events/schema.ts), plus what only the browser
// needs: a collection, a slug chosen once, and the Markdown body.
import type { ZodError } from 'astro/zod';
import { z } from '../validation';
import { COLLECTIONS, type CollectionName } from '../content-directory';
import { dialogueSchema, eventSchema, sideEventSchema } from '../events/schema';
import type { EventEntryData } from '../events/portal-event';
import { messageOfIssue, type FieldIssues } from '../result';
import { fieldOf, frontMatterFrom, type EditorValues } from './event-form';
import { zodKey } from '../../i18n/message';
import { TRANSLATION_LOCALES } from '../translations/translation-files';
import type { ContentTranslations } from '../translations/content-text';

export const MAX_BODY_CHARACTERS = 50_000;

export const collectionSchema = z.enum(COLLECTIONS, { error: zodKey('editor.collectionUnknown') });

export const slugSchema = z
  .string()
  .trim()
  .min(3, zodKey('validation.tooShort'))
  .max(80, zodKey('validation.tooLong'))
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, zodKey('editor.slugForm'));

const bodySchema = z.string().max(MAX_BODY_CHARACTERS, zodKey('validation.tooLong'));

export function frontMatterSchema(collection: CollectionName, knownTopics: readonly string[]) {
  switch (collection) {
    case 'events':
      return eventSchema(knownTopics);
    case 'side-events':
      return sideEventSchema(knownTopics);
    case 'dialogues':
      return dialogueSchema(knownTopics);
  }
}

function issuesOf(error: ZodError, into: FieldIssues = {}): FieldIssues {
  for (const issue of error.issues) into[fieldOf(issue.path)] ??= messageOfIssue(issue);
  return into;
}

/** The fields of a translation section, as the form names them: `translations.<locale>.<field>`. */
export const TRANSLATION_FIELDS = ['title', 'summary', 'body'] as const;
export const translationFieldName = (locale: string, field: (typeof TRANSLATION_FIELDS)[number]) => `translations.${locale}.${field}`;

/**
 * A translation as a translation file is checked (translation-files.ts): a
 * title and a summary, the body optional, with the original's length limits.
 */
const translationFormSchema = z.object({
  title: z.string().trim().min(1, zodKey('validation.required')).max(200, zodKey('validation.tooLong')),
  summary: z.string().trim().min(1, zodKey('validation.required')).max(600, zodKey('validation.tooLong')),
  body: z.string().max(MAX_BODY_CHARACTERS, zodKey('validation.tooLong')),
});

/** The translation sections of the form: an empty one is no translation; one partly filled needs its title and summary. */
export function parseTranslations(values: EditorValues): { ok: true; translations: ContentTranslations } | { ok: false; issues: FieldIssues } {
  const translations: ContentTranslations = {};
  const issues: FieldIssues = {};
  for (const locale of TRANSLATION_LOCALES) {
    const typed = Object.fromEntries(TRANSLATION_FIELDS.map((field) => {
      const value = values[translationFieldName(locale, field)];
      return [field, Array.isArray(value) ? value.join('\n') : (value ?? '')];
    })) as Record<(typeof TRANSLATION_FIELDS)[number], string>;
    if (TRANSLATION_FIELDS.every((field) => typed[field].trim() === '')) continue;
    const parsed = translationFormSchema.safeParse(typed);
    if (parsed.success) translations[locale] = { title: parsed.data.title, summary: parsed.data.summary, body: parsed.data.body.trim() ? parsed.data.body : '' };
    else for (const issue of parsed.error.issues) issues[`translations.${locale}.${String(issue.path[0])}`] ??= messageOfIssue(issue);
  }
  return Object.keys(issues).length > 0 ? { ok: false, issues } : { ok: true, translations };
}

export type ParsedEvent = { ok: true; data: EventEntryData; body: string; translations: ContentTranslations } | { ok: false; issues: FieldIssues };

/** The posted form, validated as a content file of `collection` would be. */
export function parseEditorForm(collection: CollectionName, values: EditorValues, knownTopics: readonly string[]): ParsedEvent {
  const issues: FieldIssues = {};
  const data = frontMatterSchema(collection, knownTopics).safeParse(frontMatterFrom(values));
  if (!data.success) issuesOf(data.error, issues);
  const body = bodySchema.safeParse(typeof values.body === 'string' ? values.body : '');
  if (!body.success) issues.body = messageOfIssue(body.error.issues[0]!);
  const translations = parseTranslations(values);
  if (!translations.ok) Object.assign(issues, translations.issues);
  if (!data.success || !body.success || !translations.ok) return { ok: false, issues };
  return { ok: true, data: data.data as EventEntryData, body: body.data, translations: translations.translations };
}

export function parseSlug(collection: unknown, slug: unknown): { ok: true; collection: CollectionName; slug: string } | { ok: false; issues: FieldIssues } {
  const issues: FieldIssues = {};
  const parsedCollection = collectionSchema.safeParse(collection);
  const parsedSlug = slugSchema.safeParse(slug ?? '');
  if (!parsedCollection.success) issues.collection = messageOfIssue(parsedCollection.error.issues[0]!);
  if (!parsedSlug.success) issues.slug = messageOfIssue(parsedSlug.error.issues[0]!);
  if (!parsedCollection.success || !parsedSlug.success) return { ok: false, issues };
  return { ok: true, collection: parsedCollection.data, slug: parsedSlug.data };
}
