// The editor's form and the content schema's front matter, both ways. Field
// names are the schema's keys with dots for nesting (`venue.site`,
// `registration.capacityOnline`, `documents.0.url`), so a zod issue's path is
// the name of the field it belongs next to.
import type { EventEntryData } from '../events/portal-event';
import type { ContentTranslations } from '../translations/content-text';

/** What the form posted, as typed: every value a string, lists as arrays. Shown again as is on a 422. */
export type EditorValues = Record<string, string | string[]>;

/** Fields posted as several values (checkbox groups). */
const REPEATED = new Set(['topics', 'registration.eligibleTypes']);
/** Free-text lists, one item per line. */
const LINES = new Set(['organisers', 'callForInput.questions']);
const NUMBERS = new Set(['registration.capacityInPerson', 'registration.capacityOnline', 'registration.maxPerOrganisation', 'callForInput.wordLimit']);
const FLAGS = new Set(['registration.waitlist', 'preparationDay', 'illustrative']);
/** Empty rows the form offers for new documents. */
export const EXTRA_DOCUMENT_ROWS = 2;
const MAX_DOCUMENTS = 30;

export function editorValuesFrom(form: FormData): EditorValues {
  const values: EditorValues = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string') continue;
    if (REPEATED.has(key)) ((values[key] ??= []) as string[]).push(value);
    else values[key] = value;
  }
  return values;
}

const text = (values: EditorValues, key: string): string => {
  const value = values[key];
  return (Array.isArray(value) ? value.join('\n') : (value ?? '')).trim();
};
const optional = (value: string): string | undefined => (value === '' ? undefined : value);
/** A number when it reads as one; otherwise the text, so the schema says what is wrong with it. */
const numeric = (value: string): number | string | undefined => (value === '' ? undefined : /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value);
const lines = (value: string): string[] => value.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
const list = (values: EditorValues, key: string): string[] => {
  const value = values[key];
  return (Array.isArray(value) ? value : value ? [value] : []).filter(Boolean);
};

function group(values: EditorValues, prefix: string, keys: readonly string[]): Record<string, unknown> | undefined {
  const entries = keys.map((key) => {
    const name = `${prefix}.${key}`;
    if (NUMBERS.has(name)) return [key, numeric(text(values, name))];
    if (FLAGS.has(name)) return [key, values[name] === 'on' || values[name] === 'true'];
    if (REPEATED.has(name)) return [key, list(values, name)];
    if (LINES.has(name)) return [key, lines(text(values, name))];
    return [key, optional(text(values, name))];
  });
  const filled = entries.filter(([, value]) => value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0));
  return filled.length ? Object.fromEntries(filled) : undefined;
}

/** The posted form as front matter for the content schema; an empty group is left out. */
export function frontMatterFrom(values: EditorValues): Record<string, unknown> {
  const documents: unknown[] = [];
  for (let index = 0; index < MAX_DOCUMENTS; index += 1) {
    const row = group(values, `documents.${index}`, ['title', 'kind', 'url', 'language']);
    if (row) documents.push(row);
  }
  let registration = group(values, 'registration', ['mode', 'url', 'opens', 'closes', 'capacityInPerson', 'capacityOnline', 'maxPerOrganisation', 'waitlist', 'eligibleTypes']);
  // The eligible types come ticked and the waitlist box may be: alone they do not make a registration block.
  if (registration && !registration.mode && Object.keys(registration).every((key) => key === 'eligibleTypes' || key === 'waitlist')) registration = undefined;
  const data: Record<string, unknown> = {
    title: text(values, 'title'),
    summary: text(values, 'summary'),
    start: text(values, 'start'),
    end: text(values, 'end'),
    timezone: text(values, 'timezone'),
    format: optional(text(values, 'format')),
    venue: group(values, 'venue', ['site', 'room', 'city', 'country']),
    topics: list(values, 'topics'),
    organisers: lines(text(values, 'organisers')),
    languages: text(values, 'languages').split(/[\s,]+/).filter(Boolean),
    status: optional(text(values, 'status')),
    statusNote: optional(text(values, 'statusNote')),
    documents,
    // A registration block needs its mode; settings without one are still shown back, with the message.
    registration: registration && { ...registration, waitlist: registration.waitlist ?? false },
    callForInput: group(values, 'callForInput', ['opens', 'closes', 'questions', 'wordLimit']),
    illustrative: values.illustrative === 'on',
    kind: optional(text(values, 'kind')),
    hostMeeting: optional(text(values, 'hostMeeting')),
    workingGroup: optional(text(values, 'workingGroup')),
    preparationDay: values.preparationDay === 'on',
  };
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined));
}

/** Stored front matter as form values, to start editing from. */
export function editorValuesOf(data: Partial<EventEntryData>, body: string, translations: ContentTranslations = {}): EditorValues {
  const values: EditorValues = {
    title: data.title ?? '',
    summary: data.summary ?? '',
    body,
    start: data.start ?? '',
    end: data.end ?? '',
    timezone: data.timezone ?? 'Europe/Vienna',
    format: data.format ?? 'in-person',
    topics: data.topics ?? [],
    organisers: (data.organisers ?? []).join('\n'),
    languages: (data.languages ?? ['en']).join(', '),
    status: data.status ?? 'scheduled',
    statusNote: data.statusNote ?? '',
    kind: data.kind ?? '',
    hostMeeting: data.hostMeeting ?? '',
    workingGroup: data.workingGroup ?? '',
  };
  if (data.illustrative) values.illustrative = 'on';
  if (data.preparationDay) values.preparationDay = 'on';
  for (const [key, value] of Object.entries(data.venue ?? {})) values[`venue.${key}`] = String(value ?? '');
  (data.documents ?? []).forEach((document, index) => {
    for (const [key, value] of Object.entries(document)) values[`documents.${index}.${key}`] = String(value);
  });
  for (const [key, value] of Object.entries(data.registration ?? {})) {
    if (key === 'eligibleTypes') values['registration.eligibleTypes'] = value as string[];
    else if (key === 'waitlist') { if (value) values['registration.waitlist'] = 'on'; }
    else if (value !== undefined) values[`registration.${key}`] = String(value);
  }
  for (const [key, value] of Object.entries(data.callForInput ?? {})) {
    values[`callForInput.${key}`] = Array.isArray(value) ? value.join('\n') : String(value);
  }
  for (const [locale, translation] of Object.entries(translations)) {
    if (!translation) continue;
    values[`translations.${locale}.title`] = translation.title;
    values[`translations.${locale}.summary`] = translation.summary;
    values[`translations.${locale}.body`] = translation.body;
  }
  return values;
}

/** How many document rows the form shows: those filled in, and a few empty ones. */
export function documentRowCount(values: EditorValues): number {
  let last = -1;
  for (const key of Object.keys(values)) {
    const match = /^documents\.(\d+)\./.exec(key);
    if (match && text(values, key)) last = Math.max(last, Number(match[1]));
  }
  return Math.min(MAX_DOCUMENTS, last + 1 + EXTRA_DOCUMENT_ROWS);
}

/**
 * A zod issue's path as the name of the field it belongs to: an item of a
 * one-field list (`topics.2`, `organisers.0`) points at the list's field.
 */
export function fieldOf(path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  while (parts.length > 1 && /^\d+$/.test(parts.at(-1)!) && parts[0] !== 'documents') parts.pop();
  if (parts[0] === 'documents' && parts.length === 2) parts.pop();
  return parts.join('.') || 'form';
}
