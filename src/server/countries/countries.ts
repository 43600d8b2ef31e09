// The one country list of the portal (see un-countries.ts): what forms offer,
// what validation accepts and how a stored code is named, in each UN language.
import { M49_REGIONS, UN_COUNTRIES, UN_LANGUAGES, type M49Region, type UnCountry, type UnLanguage } from './un-countries';

export { COUNTRY_STATUSES, UN_LANGUAGES, type CountryStatus, type M49Region, type UnCountry, type UnLanguage } from './un-countries';

const BY_CODE = new Map(UN_COUNTRIES.map((country) => [country.code, country]));
const REGIONS = new Map(M49_REGIONS.map((region) => [region.m49, region]));

/**
 * The UN language to name things in for a locale such as "fr", "fr-CA" or
 * "zh-Hans": its primary language when that is one of the six, else English.
 */
export function unLanguage(locale: string | undefined): UnLanguage {
  const primary = (locale ?? '').toLowerCase().split(/[-_]/)[0] as UnLanguage;
  return UN_LANGUAGES.includes(primary) ? primary : 'en';
}

export function isCountryCode(code: string): boolean {
  return BY_CODE.has(code);
}

export function findCountry(code: string): UnCountry | undefined {
  return BY_CODE.get(code);
}

/**
 * The UN name of a country or area. A code outside the list (only old audit
 * entries can hold one) is shown as it is rather than guessed at.
 */
export function countryName(code: string, locale: string = 'en'): string {
  return BY_CODE.get(code)?.names[unLanguage(locale)] ?? code;
}

export interface CountryOption {
  code: string;
  name: string;
}

const sorted = new Map<UnLanguage, readonly CountryOption[]>();

/** Every country and area with its name in the locale's language, in that language's alphabetical order. */
export function countriesFor(locale: string = 'en'): readonly CountryOption[] {
  const language = unLanguage(locale);
  let options = sorted.get(language);
  if (!options) {
    // Chinese sorts by pinyin under "zh" in ICU, which is how UN lists in Chinese are ordered.
    const collator = new Intl.Collator(language, { sensitivity: 'base' });
    options = UN_COUNTRIES.map((country) => ({ code: country.code, name: country.names[language] })).sort((a, b) => collator.compare(a.name, b.name));
    sorted.set(language, options);
  }
  return options;
}

/** The M49 regions that contain a country, smallest first (e.g. Western Africa, Sub-Saharan Africa, Africa). */
export function regionsOf(code: string): M49Region[] {
  const regions: M49Region[] = [];
  for (let m49 = BY_CODE.get(code)?.region ?? null; m49; m49 = REGIONS.get(m49)?.parent ?? null) {
    const region = REGIONS.get(m49);
    if (region) regions.push(region);
  }
  return regions;
}

export function regionName(m49: string, locale: string = 'en'): string {
  return REGIONS.get(m49)?.names[unLanguage(locale)] ?? m49;
}
