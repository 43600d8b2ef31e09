// ISO 3166-1 alpha-2 codes that Intl knows as regions, with English names.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);

let codes: string[] | undefined;

export function countryCodes(): string[] {
  if (!codes) {
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
    codes = [];
    for (let first = 65; first <= 90; first++) {
      for (let second = 65; second <= 90; second++) {
        const code = String.fromCharCode(first, second);
        if (!NOT_COUNTRIES.has(code) && names.of(code) !== code) codes.push(code);
      }
    }
  }
  return codes;
}

export function isCountryCode(code: string): boolean {
  return countryCodes().includes(code);
}
