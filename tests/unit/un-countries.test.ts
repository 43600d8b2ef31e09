import { describe, expect, it } from 'vitest';
import { RENAMED_COUNTRY_CODES } from '../../db/migrations/2026-12-01-58-un-country-codes';
import { countriesFor, countryName, findCountry, isCountryCode, regionName, regionsOf, UN_LANGUAGES } from '../../src/server/countries/countries';
import { M49_REGIONS, UN_COUNTRIES } from '../../src/server/countries/un-countries';

const withStatus = (status: string) => UN_COUNTRIES.filter((country) => country.status === status);
const repeated = (values: string[]) => values.filter((value, index) => values.indexOf(value) !== index);

/** What the portal accepted before the UN list: every two-letter code Intl names as a region. */
function codesAcceptedBefore(): string[] {
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
  const notCountries = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);
  const codes: string[] = [];
  for (let first = 65; first <= 90; first++) {
    for (let second = 65; second <= 90; second++) {
      const code = String.fromCharCode(first, second);
      if (!notCountries.has(code) && names.of(code) !== code) codes.push(code);
    }
  }
  return codes;
}

describe('the UN country list', () => {
  it('lists each country or area once, by code and by M49 code', () => {
    expect(UN_COUNTRIES.length).toBe(248);
    expect(repeated(UN_COUNTRIES.map((country) => country.code))).toEqual([]);
    expect(repeated(UN_COUNTRIES.map((country) => country.m49))).toEqual([]);
    for (const country of UN_COUNTRIES) {
      expect(country.code).toMatch(/^[A-Z]{2}$/);
      expect(country.m49).toMatch(/^\d{3}$/);
    }
  });

  it('holds the 193 Member States and the two observer States', () => {
    expect(withStatus('member')).toHaveLength(193);
    expect(withStatus('observer').map((country) => country.names.en).sort()).toEqual(['Holy See', 'State of Palestine']);
    expect(withStatus('area').length).toBe(UN_COUNTRIES.length - 195);
    // Areas that are not States are not counted as Member States.
    for (const code of ['HK', 'MO', 'PR', 'GL', 'CK', 'NU', 'EH', 'AQ']) expect(findCountry(code)?.status, code).toBe('area');
  });

  it('names Member States by their official UN short names', () => {
    const english = new Map(withStatus('member').map((country) => [country.names.en, country.code]));
    for (const name of [
      'Türkiye',
      "Côte d'Ivoire",
      'Bolivia (Plurinational State of)',
      'Iran (Islamic Republic of)',
      'Netherlands (Kingdom of the)',
      'Russian Federation',
      'United Kingdom of Great Britain and Northern Ireland',
      'Viet Nam',
      'Republic of Korea',
      "Democratic People's Republic of Korea",
      "Lao People's Democratic Republic",
      'Republic of Moldova',
      'United Republic of Tanzania',
      'Venezuela (Bolivarian Republic of)',
      'Micronesia (Federated States of)',
      'Syrian Arab Republic',
    ]) {
      expect(english.has(name), name).toBe(true);
    }
    expect(findCountry('CI')?.names).toMatchObject({ fr: 'Côte d’Ivoire', es: 'Côte d’Ivoire', ru: "Кот-д'Ивуар", zh: '科特迪瓦', ar: 'كوت ديفوار' });
    expect(findCountry('BO')?.names).toMatchObject({ fr: 'Bolivie (État plurinational de)', es: 'Bolivia (Estado Plurinacional de)', ru: 'Боливия (Многонациональное Государство)', zh: '多民族玻利维亚国' });
    expect(findCountry('GB')?.names.fr).toBe('Royaume-Uni de Grande-Bretagne et d’Irlande du Nord');
  });

  it('has a name in each of the six UN languages for every entry, none empty and none twice in a language', () => {
    expect([...UN_LANGUAGES].sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
    for (const language of UN_LANGUAGES) {
      const names = UN_COUNTRIES.map((country) => country.names[language]);
      for (const name of names) {
        expect(typeof name).toBe('string');
        expect(name.trim()).toBe(name);
        expect(name.length).toBeGreaterThan(1);
      }
      expect(repeated(names), language).toEqual([]);
    }
  });

  it('repeats no English name, even apart from case and accents', () => {
    const folded = UN_COUNTRIES.map((country) => country.names.en.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());
    expect(repeated(folded)).toEqual([]);
    // The old list's doubles: one country each.
    expect(countriesFor('en').filter((country) => /^(Germany|France|Viet ?nam)$/i.test(country.name)).map((country) => country.code)).toEqual(['FR', 'DE', 'VN']);
  });

  it('writes each language in its own script', () => {
    for (const country of UN_COUNTRIES) {
      expect(country.names.ru, country.code).toMatch(/\p{Script=Cyrillic}/u);
      expect(country.names.zh, country.code).toMatch(/\p{Script=Han}/u);
      expect(country.names.ar, country.code).toMatch(/\p{Script=Arabic}/u);
    }
  });

  it('places every country but Antarctica in an M49 region that leads up to a continental region', () => {
    const regions = new Map(M49_REGIONS.map((region) => [region.m49, region]));
    for (const country of UN_COUNTRIES) {
      if (country.code === 'AQ') continue;
      const chain = regionsOf(country.code);
      expect(chain.length, country.code).toBeGreaterThan(0);
      expect(chain.at(-1)?.kind, country.code).toBe('region');
      expect(regions.has(country.region!)).toBe(true);
    }
    expect(regionsOf('KE').map((region) => region.names.en)).toEqual(['Eastern Africa', 'Sub-Saharan Africa', 'Africa']);
    expect(regionsOf('MN').map((region) => region.names.fr)).toEqual(['Asie orientale', 'Asie']);
    expect(regionName('002', 'ar')).toBe('أفريقيا');
    expect(regionName('419', 'es-MX')).toBe('América Latina y el Caribe');
  });
});

describe('names and order for a locale', () => {
  it('names a country in the locale’s UN language, English for any other', () => {
    expect(countryName('NL', 'fr')).toBe('Pays-Bas (Royaume des)');
    expect(countryName('NL', 'fr-CA')).toBe('Pays-Bas (Royaume des)');
    expect(countryName('NL', 'zh-Hans')).toBe('荷兰王国');
    expect(countryName('NL', 'ar')).toBe('هولندا (مملكة -)');
    expect(countryName('NL', 'es')).toBe('Países Bajos (Reino de los)');
    expect(countryName('NL', 'ru')).toBe('Нидерланды (Королевство)');
    expect(countryName('NL', 'de')).toBe('Netherlands (Kingdom of the)');
    expect(countryName('NL')).toBe('Netherlands (Kingdom of the)');
  });

  it('shows a code that is not on the list as it is, rather than a guess', () => {
    expect(countryName('XK', 'en')).toBe('XK');
    expect(isCountryCode('XK')).toBe(false);
    expect(isCountryCode('at')).toBe(false);
    expect(isCountryCode('AT')).toBe(true);
  });

  it.each(UN_LANGUAGES)('offers every country once, sorted by the %s collation', (language) => {
    const options = countriesFor(language);
    expect(options.map((option) => option.code).sort()).toEqual(UN_COUNTRIES.map((country) => country.code).sort());
    const collator = new Intl.Collator(language, { sensitivity: 'base' });
    for (let index = 1; index < options.length; index++) {
      expect(collator.compare(options[index - 1]!.name, options[index]!.name), `${options[index - 1]!.name} / ${options[index]!.name}`).toBeLessThanOrEqual(0);
    }
  });

  it('sorts French with accents among their letters, not after Z', () => {
    const names = countriesFor('fr').map((option) => option.name);
    const at = (name: string) => names.indexOf(name);
    expect(at('Égypte')).toBeGreaterThan(at('Dominique'));
    expect(at('Égypte')).toBeLessThan(at('Érythrée'));
    expect(at('Îles Cook')).toBeLessThan(at('Zimbabwe'));
    expect(at('Îles Cook')).toBeGreaterThan(at('Hongrie'));
    expect(names.at(-1)).toBe('Zimbabwe');
  });

  it('sorts Russian alphabetically from А to Я', () => {
    const names = countriesFor('ru').map((option) => option.name);
    expect(names[0]).toBe('Австралия');
    expect(names.at(-1)).toBe('Япония');
    expect(names.indexOf('Российская Федерация')).toBeLessThan(names.indexOf('Руанда'));
  });

  it('sorts Chinese by pronunciation, not by character code', () => {
    const names = countriesFor('zh').map((option) => option.name);
    // Ā'ěrbāníyà first; Zhōngguó near the end, where a code-point sort would put it third.
    expect(names[0]).toBe('阿尔巴尼亚');
    expect(names.indexOf('中国')).toBeGreaterThan(names.length - 5);
  });

  it('sorts Arabic with the forms of alef as one letter', () => {
    const names = countriesFor('ar').map((option) => option.name);
    // إثيوبيا (Ethiopia) before أذربيجان (Azerbaijan): ث comes before ذ, whatever the hamza on the alef.
    expect(names.indexOf('إثيوبيا')).toBeLessThan(names.indexOf('أذربيجان'));
    expect(names.indexOf('الأردن')).toBeGreaterThan(-1);
  });
});

describe('codes stored before the UN list', () => {
  it('keeps every code the portal accepted before on the list, or maps it there in migration 58', () => {
    for (const code of codesAcceptedBefore()) {
      const now = isCountryCode(code) ? code : RENAMED_COUNTRY_CODES[code];
      expect(now && isCountryCode(now), code).toBe(true);
      expect(countryName(now!, 'en')).not.toBe(now);
    }
  });

  it('maps only codes that left the list, each to a code on it', () => {
    for (const [from, to] of Object.entries(RENAMED_COUNTRY_CODES)) {
      expect(isCountryCode(from), from).toBe(false);
      expect(isCountryCode(to), to).toBe(true);
    }
    expect(countryName(RENAMED_COUNTRY_CODES.UK!, 'en')).toBe('United Kingdom of Great Britain and Northern Ireland');
  });
});
