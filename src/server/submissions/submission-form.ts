// The written-input form as posted. A draft needs only a title; submitting
// checks the rest (text present, word limit, deadline) in submissions.ts.
import { z } from '../validation';
import { checkbox } from '../organisations/organisation-schema';

export const MAX_BODY_CHARACTERS = 100_000;

export function submissionFormSchema(knownTopics: readonly string[]) {
  return z.object({
    title: z.string({ error: 'Give the input a title.' }).trim().min(1, 'Give the input a title.').max(200, 'Use at most 200 characters.'),
    topics: z
      .array(z.string().refine((topic) => knownTopics.includes(topic), 'Choose topics from the list.'), { error: 'Choose at least one topic.' })
      .min(1, 'Choose at least one topic.'),
    call: z.string().trim().optional().transform((value) => value || null),
    body: z.string().max(MAX_BODY_CHARACTERS, `Use at most ${MAX_BODY_CHARACTERS.toLocaleString('en')} characters.`).default(''),
    answers: z.array(z.string().max(MAX_BODY_CHARACTERS, 'This answer is too long.')).default([]),
    consent: checkbox,
    intent: z.enum(['save', 'submit']).default('save'),
  });
}

export type SubmissionForm = z.infer<ReturnType<typeof submissionFormSchema>>;
