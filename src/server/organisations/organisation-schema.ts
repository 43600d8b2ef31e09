// The organisation profile as a sign-up or profile form submits it.
import { z } from '../validation';
import { ORGANISATION_TYPES } from '../events/schema';
import { isCountryCode } from '../countries/countries';
import { claimsOfficialStatus, OFFICIAL_NAME_MESSAGES } from './official-names';

export const ECOSOC_STATUSES = ['none', 'roster', 'special', 'general'] as const;
export const ACCREDITATION_STATES = ['pending', 'accredited', 'rejected'] as const;

export type OrganisationType = (typeof ORGANISATION_TYPES)[number];
export type EcosocStatus = (typeof ECOSOC_STATUSES)[number];
export type AccreditationState = (typeof ACCREDITATION_STATES)[number];

const requiredText = (max: number, what: string) =>
  z.string({ error: `Enter ${what}.` }).trim().min(1, `Enter ${what}.`).max(max, `Use at most ${max} characters.`);

/** A checkbox sends "on" when ticked and nothing otherwise. */
export const checkbox = z.preprocess((value) => value === 'on' || value === 'true' || value === true, z.boolean());

/** The name and acronym the organisation already has: kept as they are, they are not a new claim. */
export interface CurrentNames {
  organisationName: string;
  acronym: string | null;
}

/**
 * `current`: on an edit, the names the organisation has now. A name accepted
 * before the rule on official names existed may stay while other fields
 * change; any new name or acronym is checked.
 */
export function organisationProfileSchema(knownTopics: readonly string[], current?: CurrentNames) {
  return z.object({
    organisationName: requiredText(200, 'the organisation’s name').refine(
      (name) => name === current?.organisationName || !claimsOfficialStatus(name),
      OFFICIAL_NAME_MESSAGES.organisationName,
    ),
    acronym: z
      .string()
      .trim()
      .max(30, 'Use at most 30 characters.')
      .optional()
      .transform((value) => value || null)
      .refine((acronym) => acronym === null || acronym === current?.acronym || !claimsOfficialStatus(acronym), OFFICIAL_NAME_MESSAGES.acronym),
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
