// What the submission form shows: the posted values after a failed save, the
// stored ones when editing, or the defaults for a new input.
import type { Selectable } from 'kysely';
import type { SubmissionsTable } from '../db/schema';

export interface SubmissionFormValues {
  title: string;
  topics: string[];
  /** Codes of the States the input concerns. */
  states: string[];
  call: string | null;
  body: string;
  answers: string[];
  consent: boolean;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const list = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : typeof value === 'string' ? [value] : []);

export function postedValues(posted: Record<string, unknown>): SubmissionFormValues {
  return {
    title: text(posted.title),
    topics: list(posted.topics),
    states: list(posted.states),
    call: text(posted.call) || null,
    body: text(posted.body),
    answers: list(posted.answers),
    consent: posted.consent === 'on',
  };
}

export function storedValues(row: Selectable<SubmissionsTable>): SubmissionFormValues {
  return {
    title: row.title,
    topics: JSON.parse(row.topics) as string[],
    states: JSON.parse(row.states) as string[],
    call: row.call_event_key,
    body: row.body,
    answers: JSON.parse(row.answers) as string[],
    consent: row.consent_to_publish === 1,
  };
}

/** A new input, arriving from a call's link: the call chosen and its event's topics ticked. */
export function newInputValues(params: URLSearchParams, call: { key: string; event: { topics: string[] } } | undefined): SubmissionFormValues {
  const topics = params.getAll('topic');
  return { ...postedValues({}), call: call?.key ?? null, topics: topics.length > 0 ? topics : [...(call?.event.topics ?? [])] };
}
