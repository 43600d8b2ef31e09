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

export type ParsedEvent = { ok: true; data: EventEntryData; body: string } | { ok: false; issues: FieldIssues };

/** The posted form, validated as a content file of `collection` would be. */
export function parseEditorForm(collection: CollectionName, values: EditorValues, knownTopics: readonly string[]): ParsedEvent {
  const issues: FieldIssues = {};
  const data = frontMatterSchema(collection, knownTopics).safeParse(frontMatterFrom(values));
  if (!data.success) issuesOf(data.error, issues);
  const body = bodySchema.safeParse(typeof values.body === 'string' ? values.body : '');
  if (!body.success) issues.body = messageOfIssue(body.error.issues[0]!);
  if (!data.success || !body.success) return { ok: false, issues };
  return { ok: true, data: data.data as EventEntryData, body: body.data };
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
