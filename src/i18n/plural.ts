// Which form a counted word takes, by the language's own plural rules (CLDR,
// through Intl.PluralRules): French says "0 jour", Russian has three forms
// (1 день, 2 дня, 5 дней) and Arabic six, so `count === 1` is not enough.
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** A function that picks the form for a count in `locale`; `#` in a form stands for the count. */
export function pluralFor(locale: string): (count: number, forms: PluralForms) => string {
  const rules = new Intl.PluralRules(locale);
  return (count, forms) => (forms[rules.select(count)] ?? forms.other).replaceAll('#', String(count));
}
