// The organisation profile as a sign-up or profile form submits it.
import { z } from '../validation';
import { ORGANISATION_TYPES } from '../events/schema';
import { isCountryCode } from '../countries/countries';
import { claimsOfficialStatus, OFFICIAL_NAME_MESSAGES } from './official-names';
import { zodKey, type MessageKey } from '../../i18n/message';

import { ACCREDITATION_STATES, ECOSOC_STATUSES, type AccreditationState, type EcosocStatus } from '../db/schema';

export { ACCREDITATION_STATES, ECOSOC_STATUSES, type AccreditationState, type EcosocStatus };

export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

const requiredText = (max: number, missing: MessageKey) =>
  z.string({ error: zodKey(missing) }).trim().min(1, zodKey(missing)).max(max, zodKey('validation.tooLong'));

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
    organisationName: requiredText(200, 'organisation.fieldMissing.organisationName').refine(
      (name) => name === current?.organisationName || !claimsOfficialStatus(name),
      zodKey(OFFICIAL_NAME_MESSAGES.organisationName.key),
    ),
    acronym: z
      .string()
      .trim()
      .max(30, zodKey('validation.tooLong'))
      .optional()
      .transform((value) => value || null)
      .refine((acronym) => acronym === null || acronym === current?.acronym || !claimsOfficialStatus(acronym), zodKey(OFFICIAL_NAME_MESSAGES.acronym.key)),
    type: z.enum(ORGANISATION_TYPES, { error: zodKey('organisation.typeMissing') }),
    country: z
      .string({ error: zodKey('organisation.countryMissing') })
      .trim()
      .toUpperCase()
      .refine(isCountryCode, zodKey('validation.countryFromList')),
    website: z
      .string()
      .trim()
      .max(300, zodKey('validation.tooLong'))
      .optional()
      .transform((value) => value || null)
      .refine((value) => value === null || /^https?:\/\/[^\s]+\.[^\s]+$/.test(value), zodKey('validation.website')),
    description: requiredText(2000, 'organisation.fieldMissing.description'),
    ecosocStatus: z.enum(ECOSOC_STATUSES, { error: zodKey('organisation.ecosocMissing') }),
    topics: z
      .array(z.string().refine((topic) => knownTopics.includes(topic), zodKey('validation.topicsFromList')), { error: zodKey('organisation.topicsMissing') })
      .min(1, zodKey('organisation.topicsMissing')),
    listed: checkbox,
  });
}

export type OrganisationProfile = z.infer<ReturnType<typeof organisationProfileSchema>>;
