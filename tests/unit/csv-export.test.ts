import { describe, expect, it } from 'vitest';
import { escapeCsvCell } from '../../src/server/registrations/csv-export';

describe('CSV export', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1 555 0100', "'+1 555 0100"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
  ])('escapes spreadsheet formulas: %s', (value, escaped) => {
    expect(escapeCsvCell(value)).toBe(`"${escaped}"`);
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(escapeCsvCell('Vienna, Austria')).toBe('"Vienna, Austria"');
    expect(escapeCsvCell('say "hello"')).toBe('"say ""hello"""');
    expect(escapeCsvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('leaves plain text and numbers as they are', () => {
    expect(escapeCsvCell('Survivor Voices Alliance')).toBe('Survivor Voices Alliance');
    expect(escapeCsvCell(42)).toBe('42');
    expect(escapeCsvCell(null)).toBe('');
  });
});
