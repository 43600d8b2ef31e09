// Where sign-in returns to: a path on this site only, whatever arrives in ?next=.
import { describe, expect, it } from 'vitest';
import { safeReturnPath, signInPath } from '../../src/server/accounts/return-path';

describe('Requests: a return address after sign-in is a path on this site only (no open redirect)', () => {
  it('keeps a path on the site, with its query, without a language prefix', () => {
    expect(safeReturnPath('/dialogues/2027-03-firearms')).toBe('/dialogues/2027-03-firearms');
    expect(safeReturnPath('/submissions/new?call=dialogues%2F2027-03-firearms')).toBe('/submissions/new?call=dialogues%2F2027-03-firearms');
    expect(safeReturnPath('/search?q=trafic%20armes')).toBe('/search?q=trafic%20armes');
    expect(safeReturnPath('/fr/dialogues/x')).toBe('/dialogues/x');
    expect(safeReturnPath('/topics/firearms')).toBe('/topics/firearms');
  });

  it.each([
    ['another site by scheme', 'https://evil.example/signin'],
    ['a protocol-relative address', '//evil.example'],
    ['a backslash browsers read as a slash', '/\\evil.example'],
    ['backslashes only', '\\\\evil.example'],
    ['a tab dropped by browsers', '/\t/evil.example'],
    ['a newline', '/dialogues/x\r\nSet-Cookie: a=b'],
    ['a NUL', '/dialogues\u0000/x'],
    ['an encoded slash pair', '%2F%2Fevil.example'],
    ['an encoded second slash', '/%2Fevil.example'],
    ['an encoded backslash', '/%5Cevil.example'],
    ['an encoded newline', '/x%0d%0aSet-Cookie:%20a=b'],
    ['a dot segment that resolves to //', '/..//evil.example'],
    ['javascript:', 'javascript:alert(1)'],
    ['a relative path', 'dialogues/x'],
    ['credentials and a host', '/@evil.example'.replace('/', '//user:pass')],
    ['a bad percent sign', '/%E0%A4%A'],
    ['a raw space', '/dialogues/x y'],
    ['a sign-in loop', '/signin?next=/account'],
    ['a sign-in loop in French', '/fr/signup'],
    ['something very long', `/${'a'.repeat(600)}`],
  ])('refuses %s', (_what, value) => {
    expect(safeReturnPath(value)).toBeUndefined();
  });

  it('refuses what is not a string', () => {
    expect(safeReturnPath(undefined)).toBeUndefined();
    expect(safeReturnPath(['/a', '/b'])).toBeUndefined();
    expect(safeReturnPath('')).toBeUndefined();
  });

  it('writes the sign-in link with the return address, or without one when it is doubtful', () => {
    expect(signInPath('/dialogues/x')).toBe('/signin?next=%2Fdialogues%2Fx');
    expect(signInPath('/dialogues/x', '/signup')).toBe('/signup?next=%2Fdialogues%2Fx');
    expect(signInPath('//evil.example')).toBe('/signin');
  });
});
