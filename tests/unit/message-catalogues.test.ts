// What the domain says (src/i18n/domain-*.ts): every language has exactly the
// English keys, each with the English placeholders, and plurals chosen by the
// language's own rules (Arabic six forms, Russian three, Chinese one).
import { describe, expect, it } from 'vitest';
import { DOMAIN_CATALOGUES } from '../../src/i18n/domain';
import { domainEn } from '../../src/i18n/domain-en';
import { LOCALES } from '../../src/i18n';
import { message, type Plural } from '../../src/i18n/message';
import { translate } from '../../src/i18n/translate';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
const forms = (entry: string | Plural) => (typeof entry === 'string' ? [entry] : Object.values(entry));
const englishKeys = Object.keys(domainEn).sort();

// Sentences that are only placeholders and punctuation the language shares with English.
const SAME_AS_ENGLISH: Record<string, string[]> = {
  fr: ['mail.digest.eventItem'],
  es: ['mail.registration.subject', 'mail.digest.eventItem'],
  ru: ['mail.registration.subject', 'mail.digest.eventItem'],
  ar: ['mail.registration.subject', 'mail.digest.eventItem'],
};

describe.each(LOCALES.filter((locale) => locale !== 'en'))('the %s domain catalogue', (locale) => {
  const catalogue = DOMAIN_CATALOGUES[locale];

  it('has exactly the English keys', () => {
    expect(Object.keys(catalogue).sort()).toEqual(englishKeys);
  });

  it('uses the English placeholders in every sentence, and no others', () => {
    for (const [key, english] of Object.entries(domainEn)) {
      const expected = [...new Set(forms(english).flatMap(placeholders))].sort();
      const own = catalogue[key as keyof typeof catalogue];
      expect([...new Set(forms(own).flatMap(placeholders))].sort(), key).toEqual(expected);
      for (const form of forms(own)) for (const name of placeholders(form)) expect(expected, `${key}: {${name}}`).toContain(name);
    }
  });

  it('gives plural forms only of the language’s own categories, always with "other"', () => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    for (const [key, own] of Object.entries(catalogue)) {
      if (typeof own === 'string') continue;
      expect(own.other, key).toBeTruthy();
      for (const form of Object.keys(own)) expect(categories, `${key}: ${form}`).toContain(form);
    }
  });

  it('leaves no sentence in English', () => {
    const unchanged = Object.entries(domainEn)
      .filter(([key, english]) => JSON.stringify(catalogue[key as keyof typeof catalogue]) === JSON.stringify(english))
      .map(([key]) => key);
    expect(unchanged).toEqual(SAME_AS_ENGLISH[locale] ?? []);
  });
});

describe('plurals through Intl.PluralRules', () => {
  it('says counts the way each language does', () => {
    const wait = (locale: (typeof LOCALES)[number], count: number) => translate(locale, message('account.rateLimitedMinutes', { count }));
    expect(wait('en', 1)).toBe('Too many attempts. Please wait 1 minute and try again.');
    expect(wait('en', 5)).toBe('Too many attempts. Please wait 5 minutes and try again.');
    expect(wait('ru', 1)).toContain('1 минуту');
    expect(wait('ru', 3)).toContain('3 минуты');
    expect(wait('ru', 5)).toContain('5 минут ');
    expect(wait('ru', 21)).toContain('21 минуту');
    expect(wait('ar', 2)).toContain('دقيقتين');
    expect(wait('ar', 3)).toContain('دقائق');
    expect(wait('ar', 11)).toContain('دقيقة');
    expect(wait('fr', 0)).toContain('0 minute,');
    expect(wait('zh', 2)).toBe('尝试次数过多。请等待2分钟后重试。');
  });

  it('writes numbers in placeholders the locale’s way, grouping only from five digits', () => {
    expect(translate('en', message('validation.tooLong', { count: 1000 }))).toBe('Use at most 1000 characters.');
    expect(translate('en', message('validation.tooLong', { count: 20000 }))).toBe('Use at most 20,000 characters.');
    expect(translate('fr', message('validation.tooLong', { count: 20000 }))).toBe('Utilisez au plus 20\u202f000 caractères.');
  });
});
