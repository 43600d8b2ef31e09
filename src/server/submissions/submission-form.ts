// The written-input form as posted. A draft needs only a title; submitting
// checks the rest (text present, word limit, deadline) in submissions.ts.
import { z } from '../validation';
import { checkbox } from '../organisations/organisation-schema';
import { zodKey } from '../../i18n/message';
import { isCountryCode } from '../countries/countries';

/** More States than this is not naming the ones it concerns. */
export const MAX_STATES = 30;

export const MAX_BODY_CHARACTERS = 100_000;

export function submissionFormSchema(knownTopics: readonly string[]) {
  return z.object({
    title: z.string({ error: zodKey('submission.titleMissing') }).trim().min(1, zodKey('submission.titleMissing')).max(200, zodKey('validation.tooLong')),
    topics: z
      .array(z.string().refine((topic) => knownTopics.includes(topic), zodKey('validation.topicsFromList')), { error: zodKey('submission.topicsMissing') })
      .min(1, zodKey('submission.topicsMissing')),
    // Optional; each a code of the shared country list, named once.
    states: z
      .array(z.string().trim(), { error: zodKey('submission.statesFromList') })
      .max(MAX_STATES, zodKey('submission.tooManyStates'))
      // On the list as a whole, so the message sits next to the one field.
      .refine((codes) => codes.every(isCountryCode), zodKey('submission.statesFromList'))
      .default([])
      .transform((codes) => [...new Set(codes)]),
    call: z.string().trim().optional().transform((value) => value || null),
    body: z.string().max(MAX_BODY_CHARACTERS, zodKey('validation.tooLong')).default(''),
    answers: z.array(z.string().max(MAX_BODY_CHARACTERS, zodKey('submission.answerTooLong'))).default([]),
    consent: checkbox,
    intent: z.enum(['save', 'submit']).default('save'),
  });
}

export type SubmissionForm = z.infer<ReturnType<typeof submissionFormSchema>>;
