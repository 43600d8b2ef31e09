// The organisation profile as a sign-up or profile form submits it.
import { z } from '../validation';
import { ORGANISATION_TYPES } from '../events/schema';
import { isCountryCode } from './countries';

export const ECOSOC_STATUSES = ['none', 'roster', 'special', 'general'] as const;
export const ACCREDITATION_STATES = ['pending', 'accredited', 'rejected'] as const;

export type OrganisationType = (typeof ORGANISATION_TYPES)[number];
export type EcosocStatus = (typeof ECOSOC_STATUSES)[number];
export type AccreditationState = (typeof ACCREDITATION_STATES)[number];

const requiredText = (max: number, what: string) =>
  z.string({ error: `Enter ${what}.` }).trim().min(1, `Enter ${what}.`).max(max, `Use at most ${max} characters.`);

/** A checkbox sends "on" when ticked and nothing otherwise. */
export const checkbox = z.preprocess((value) => value === 'on' || value === 'true' || value === true, z.boolean());

export function organisationProfileSchema(knownTopics: readonly string[]) {
  return z.object({
    organisationName: requiredText(200, 'the organisation’s name'),
    acronym: z.string().trim().max(30, 'Use at most 30 characters.').optional().transform((value) => value || null),
    type: z.enum(ORGANISATION_TYPES, { error: 'Choose the kind of organisation.' }),
    country: z
      .string({ error: 'Choose a country.' })
      .trim()
      .toUpperCase()
      .refine(isCountryCode, 'Choose a country from the list.'),
    website: z
      .string()
      .trim()
      .max(300, 'Use at most 300 characters.')
      .optional()
      .transform((value) => value || null)
      .refine((value) => value === null || /^https?:\/\/[^\s]+\.[^\s]+$/.test(value), 'Enter a full address such as https://example.org.'),
    description: requiredText(2000, 'a short description of the organisation’s work'),
    ecosocStatus: z.enum(ECOSOC_STATUSES, { error: 'Choose the ECOSOC status (or “none”).' }),
    topics: z
      .array(z.string().refine((topic) => knownTopics.includes(topic), 'Choose topics from the list.'), { error: 'Choose at least one topic of expertise.' })
      .min(1, 'Choose at least one topic of expertise.'),
    listed: checkbox,
  });
}

export type OrganisationProfile = z.infer<ReturnType<typeof organisationProfileSchema>>;
