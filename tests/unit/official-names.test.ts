// The rule on official names: an organisation's name or acronym may not claim
// to be UNODC, the United Nations, its secretariat or an official body.
import { describe, expect, it } from 'vitest';
import { claimsOfficialStatus, OFFICIAL_NAME_MESSAGES } from '../../src/server/organisations/official-names';
import { organisationProfileSchema } from '../../src/server/organisations/organisation-schema';
import { messageOfIssue } from '../../src/server/result';

const CLAIMS = [
  'UNODC Civil Society Unit (official secretariat)',
  'UNODC',
  'unodc partners',
  'Friends of UNODC',
  'UNODC-Watch',
  'UNODCwatch',
  'U.N.O.D.C. Liaison',
  'U N O D C',
  'UN0DC Liaison',
  'ＵＮＯＤＣ',
  'UΝODC Liaison',
  'UN\u200bODC',
  'United Nations Civil Society Desk',
  'UNITED NATIONS',
  'united-nations partners',
  'UnitedNations Youth',
  'Ünited Nätions Forum',
  'Friends of the United Nation',
  'Nations Unies Société Civile',
  'Naciones Unidas Sociedad Civil',
  'UN Civil Society Desk',
  'U.N. Partners',
  'u.n. partners',
  'U. N. Partners',
  'Partners of the UN',
  'UN-Habitat Friends',
  'ONU Sociedad Civil',
  'The Secretariat',
  'Civil society secretariat',
  'Secrétariat de la société civile',
  'Official Civil Society Liaison',
  'OFFICIAL Partners',
  'Officially Recognised Observers',
  'Oficial Red de Apoyo',
];

const FINE = [
  'Unity Network',
  'Fortuna Foundation',
  'Community Union',
  'Survivor Voices Alliance',
  'Un Monde Sans Traite',
  'Uno Más Foundation',
  'Unidos por la Paz',
  'Reunited Families',
  'Nations Forward',
  'United Families Network',
  'Union of Retired Police Officials',
  'Unofficial Histories Collective',
  'Secretary Bird Conservation',
  'Fundación Onus',
  'UNI Global Union',
  'Tuna Fisheries Watch',
  'Junodc Research',
  'Ona',
];

describe('names that claim UNODC, the United Nations, the secretariat or an official status are refused', () => {
  it.each(CLAIMS)('refuses “%s”', (name) => {
    expect(claimsOfficialStatus(name)).toBe(true);
  });

  it.each(FINE)('accepts “%s”', (name) => {
    expect(claimsOfficialStatus(name)).toBe(false);
  });

  const profile = {
    organisationName: 'UNODC Civil Society Unit (official secretariat)',
    acronym: 'UN',
    type: 'ngo',
    country: 'AT',
    description: 'Work',
    ecosocStatus: 'none',
    topics: ['firearms'],
  };

  it('says so next to the name and the acronym', () => {
    const result = organisationProfileSchema(['firearms']).safeParse(profile);
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join('.'), messageOfIssue(issue)]));
    expect(messages).toEqual({ organisationName: OFFICIAL_NAME_MESSAGES.organisationName, acronym: OFFICIAL_NAME_MESSAGES.acronym });
  });

  it('lets an organisation keep a name it already had while it edits other fields', () => {
    const current = { organisationName: profile.organisationName, acronym: profile.acronym };
    expect(organisationProfileSchema(['firearms'], current).safeParse(profile).success).toBe(true);
    expect(organisationProfileSchema(['firearms'], current).safeParse({ ...profile, organisationName: 'The Official Secretariat' }).success).toBe(false);
  });
});
