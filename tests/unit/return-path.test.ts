// After signing in, the portal goes back to the page that sent the visitor
// only when that is a path on the portal: never another site (security
// note: no open redirect).
import { describe, expect, it } from 'vitest';
import { safeReturnPath } from '../../src/server/http/return-path';

describe('the return path after signing in', () => {
  it('goes back to a page of the portal', () => {
    expect(safeReturnPath('/countries/uy')).toBe('/countries/uy');
    expect(safeReturnPath('/submissions?country=UY')).toBe('/submissions?country=UY');
  });

  it('never redirects to another site (no open redirect)', () => {
    for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example/', '\\\\evil.example', 'javascript:alert(1)', '/\t/evil.example', '', 'countries/uy', `/${'a'.repeat(600)}`, undefined, ['/x']]) {
      expect(safeReturnPath(next), String(next)).toBeUndefined();
    }
  });
});
