import { describe, expect, it } from 'vitest';
import { escapeCsvCell, registrationsCsvHeaders } from '../../src/server/registrations/csv-export';

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

  it('names the file after the event in a header any client accepts, with filename* for a slug that is not ASCII', () => {
    const plain = registrationsCsvHeaders({ collection: 'side-events', slug: '2027-03-ngo-briefing' });
    expect(plain['Content-Disposition']).toBe(`attachment; filename="registrations-side-events-2027-03-ngo-briefing.csv"; filename*=UTF-8''registrations-side-events-2027-03-ngo-briefing.csv`);
    for (const slug of ['café-rencontre', 'встреча\r\nSet-Cookie: x=1', '会议']) {
      const headers = registrationsCsvHeaders({ collection: 'events', slug });
      // The Fetch API refuses a header value with CR, LF, NUL or a character beyond Latin-1.
      expect(() => new Headers(headers)).not.toThrow();
      const disposition = headers['Content-Disposition']!;
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+^`|-]+$/);
      expect(decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(disposition)![1]!)).toBe(`registrations-events-${slug.replace(/\s+/g, ' ')}.csv`);
    }
  });
});
