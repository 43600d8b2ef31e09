// The form for a review phase or a country review, both ways, checked with the
// very schemas the content files are built with (src/server/review-mechanism/
// schema.ts). Field names are the schema's keys with dots for nesting
// (`sessions.0.start`, `reviewers.1`), so an issue lands next to its field.
// The refusals the secretariat meets most (a State, cluster, phase or stage
// the Mechanism does not know, a State reviewing itself) get their own
// message keys; the schema's English sentences serve the build's log.
import type { ZodError } from 'astro/zod';
import { z } from '../validation';
import { countryReviewSchema, reviewPhaseSchema } from '../review-mechanism/schema';
import { messageOfIssue, type FieldIssues } from '../result';
import { message, zodKey, type Message } from '../../i18n/message';
import type { EditorValues } from '../event-editor/event-form';
import { MAX_BODY_CHARACTERS } from '../event-editor/editor-schema';
import type { ReviewCollection, ReviewEditorContext, ReviewEntryContent, ReviewEntryData } from './review-entry-rows';

/** Empty rows the form offers for new sessions and documents. */
export const EXTRA_ROWS = 2;
const MAX_ROWS = 30;
const SESSION_FIELDS = ['title', 'workingGroup', 'start', 'end'] as const;
const DOCUMENT_FIELDS = ['title', 'kind', 'url', 'language'] as const;

export function reviewValuesFrom(form: FormData): EditorValues {
  const values: EditorValues = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string') continue;
    if (key === 'dialogues') ((values[key] ??= []) as string[]).push(value);
    else values[key] = value;
  }
  return values;
}

const text = (values: EditorValues, key: string): string => {
  const value = values[key];
  return (Array.isArray(value) ? value.join('\n') : (value ?? '')).trim();
};
const optional = (value: string): string | undefined => (value === '' ? undefined : value);

function rows(values: EditorValues, prefix: string, fields: readonly string[]): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (let index = 0; index < MAX_ROWS; index += 1) {
    const row = Object.fromEntries(fields.map((field) => [field, text(values, `${prefix}.${index}.${field}`)]).filter(([, value]) => value !== ''));
    if (Object.keys(row).length > 0) found.push(row);
  }
  return found;
}

/** The posted form as front matter for the collection's schema. */
export function reviewFrontMatterFrom(collection: ReviewCollection, values: EditorValues): Record<string, unknown> {
  const illustrative = values.illustrative === 'on';
  if (collection === 'review-phases') {
    const dialogues = values.dialogues;
    return {
      title: text(values, 'title'),
      cluster: optional(text(values, 'cluster')),
      starts: optional(text(values, 'starts')),
      ends: optional(text(values, 'ends')),
      sessions: rows(values, 'sessions', SESSION_FIELDS),
      dialogues: (Array.isArray(dialogues) ? dialogues : dialogues ? [dialogues] : []).filter(Boolean),
      illustrative,
    };
  }
  return {
    state: optional(text(values, 'state')),
    reviewers: [text(values, 'reviewers.0'), text(values, 'reviewers.1')].filter(Boolean),
    cluster: optional(text(values, 'cluster')),
    phase: optional(text(values, 'phase')),
    stage: optional(text(values, 'stage')),
    documents: rows(values, 'documents', DOCUMENT_FIELDS),
    illustrative,
  };
}

/** Stored front matter as form values, to start editing from. */
export function reviewValuesOf(collection: ReviewCollection, data: Partial<ReviewEntryData>, body: string): EditorValues {
  const values: EditorValues = { body };
  const record = data as Record<string, unknown>;
  if (record.illustrative) values.illustrative = 'on';
  const lists = collection === 'review-phases' ? ['sessions'] : ['documents'];
  for (const [key, value] of Object.entries(record)) {
    if (key === 'illustrative') continue;
    if (lists.includes(key)) {
      (value as Record<string, unknown>[]).forEach((row, index) => {
        for (const [field, item] of Object.entries(row)) values[`${key}.${index}.${field}`] = String(item ?? '');
      });
    } else if (key === 'reviewers') {
      (value as string[]).forEach((reviewer, index) => (values[`reviewers.${index}`] = reviewer));
    } else if (key === 'dialogues') {
      values.dialogues = [...(value as string[])];
    } else if (value !== undefined && value !== null) {
      values[key] = String(value);
    }
  }
  return values;
}

/** How many rows of a list the form shows: those filled in, and a few empty ones. */
export function rowCount(values: EditorValues, list: 'sessions' | 'documents'): number {
  let last = -1;
  for (const key of Object.keys(values)) {
    const match = new RegExp(`^${list}\\.(\\d+)\\.`).exec(key);
    if (match && text(values, key)) last = Math.max(last, Number(match[1]));
  }
  return Math.min(MAX_ROWS, last + 1 + EXTRA_ROWS);
}

/** The message for one issue, in the words the secretariat needs to put it right. */
type ZodIssue = ZodError['issues'][number];

function messageFor(collection: ReviewCollection, issue: ZodIssue, input: Record<string, unknown>): Message {
  const [field, index] = issue.path.map(String);
  const value = (index === undefined ? input[field!] : (input[field!] as unknown[] | undefined)?.[Number(index)]) as unknown;
  if (value === undefined && issue.code === 'invalid_type') return message('validation.required');
  const said = String(value ?? '');
  if (collection === 'country-reviews') {
    if (field === 'state' && issue.code === 'custom') return message('reviewEditor.unknownState', { value: said });
    if (field === 'reviewers' && index === undefined) return message('reviewEditor.twoReviewers');
    if (field === 'reviewers' && issue.code === 'custom') {
      if (value === input.state) return message('reviewEditor.selfReview');
      if (index === '1' && value === (input.reviewers as unknown[])[0]) return message('reviewEditor.sameReviewers');
      return message('reviewEditor.unknownState', { value: said });
    }
    if (field === 'phase') return message('reviewEditor.unknownPhase', { value: said });
    if (field === 'stage') return message('reviewEditor.unknownStage', { value: said });
    if (field === 'cluster' && issue.code === 'custom') return message('reviewEditor.clusterOfPhase', { phase: String(input.phase) });
  }
  if (field === 'cluster') return message('reviewEditor.unknownCluster', { value: said });
  if (collection === 'review-phases' && field === 'dialogues') return message('reviewEditor.unknownDialogue', { value: said });
  if (collection === 'review-phases' && field === 'ends' && issue.code === 'custom') return message('reviewEditor.endsBeforeStarts');
  if (field === 'sessions' && issue.code === 'custom' && issue.path.at(-1) === 'start') return message('reviewEditor.sessionOutsidePhase');
  return messageOfIssue(issue);
}

const bodySchema = z.string().max(MAX_BODY_CHARACTERS, zodKey('validation.tooLong'));

export type ParsedReviewEntry = ({ ok: true } & ReviewEntryContent) | { ok: false; issues: FieldIssues };

/** The posted form, validated as a content file of `collection` would be against the content the pages show now. */
export function parseReviewEntryForm(collection: ReviewCollection, values: EditorValues, context: ReviewEditorContext): ParsedReviewEntry {
  const input = reviewFrontMatterFrom(collection, values);
  const schema = collection === 'review-phases' ? reviewPhaseSchema(context.knownDialogues) : countryReviewSchema(context.phaseClusters);
  const issues: FieldIssues = {};
  const data = schema.safeParse(input);
  if (!data.success) {
    for (const issue of data.error.issues) {
      // A list item's issue beside its own field: reviewers.1, sessions.0.start, documents.2.url; a dialogue's beside the list.
      const name = issue.path[0] === 'dialogues' ? 'dialogues' : issue.path.map(String).join('.') || 'form';
      issues[name] ??= messageFor(collection, issue, input);
    }
  }
  const body = bodySchema.safeParse(typeof values.body === 'string' ? values.body : '');
  if (!body.success) issues.body = messageOfIssue(body.error.issues[0]!);
  if (!data.success || !body.success) return { ok: false, issues };
  return { ok: true, data: data.data as ReviewEntryData, body: body.data };
}
