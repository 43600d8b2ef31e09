import { describe, expect, it, vi } from 'vitest';
import { instantWithOffset, isTimeZone, wallClockSchema, wallClockToInstant } from '../../src/server/events/wall-clock';

describe('wall-clock times', () => {
  it('turns 10:00 in Vienna in summer into 08:00 UTC', () => {
    expect(wallClockToInstant('2027-07-01T10:00', 'Europe/Vienna').toISOString()).toBe('2027-07-01T08:00:00.000Z');
  });

  it('turns 10:00 in Vienna in winter into 09:00 UTC', () => {
    expect(wallClockToInstant('2027-01-15T10:00', 'Europe/Vienna').toISOString()).toBe('2027-01-15T09:00:00.000Z');
  });

  it('turns 09:00 in Nairobi into 06:00 UTC', () => {
    expect(wallClockToInstant('2027-02-09T09:00', 'Africa/Nairobi').toISOString()).toBe('2027-02-09T06:00:00.000Z');
  });

  it('writes an instant with the offset of the venue zone', () => {
    expect(instantWithOffset(new Date('2027-07-01T08:00:00Z'), 'Europe/Vienna')).toBe('2027-07-01T10:00:00+02:00');
    expect(instantWithOffset(new Date('2027-02-09T06:00:00Z'), 'Africa/Nairobi')).toBe('2027-02-09T09:00:00+03:00');
    expect(instantWithOffset(new Date('2027-03-01T15:30:00Z'), 'America/New_York')).toBe('2027-03-01T10:30:00-05:00');
  });

  it('reads a YAML timestamp (parsed as a UTC Date) back as the wall clock the author wrote', () => {
    expect(wallClockSchema.parse(new Date('2027-07-01T10:00:00Z'))).toBe('2027-07-01T10:00');
  });

  it('accepts a space between date and time', () => {
    expect(wallClockSchema.parse('2027-07-01 10:00')).toBe('2027-07-01T10:00');
  });

  it.each(['2027-02-30T10:00', '2027-07-01T25:00', '1 July 2027', '2027-07-01'])('rejects %s with an example of the expected form', (value) => {
    const result = wallClockSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/2026-07-01T10:00|not a real date/);
  });

  it('knows IANA zones and refuses abbreviations and made-up names', () => {
    expect(isTimeZone('Europe/Vienna')).toBe(true);
    expect(isTimeZone('Africa/Nairobi')).toBe(true);
    expect(isTimeZone('CET')).toBe(false);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  it('asks Intl about each zone once, however many events name it, and keeps answering right past its bound', () => {
    const made = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      const zones = ['Asia/Bangkok', 'America/Bogota', 'Pluto/Tombaugh'];
      const answers = Array.from({ length: 300 }, (_, index) => isTimeZone(zones[index % zones.length]!));
      expect(made).toHaveBeenCalledTimes(zones.length);
      expect(answers.slice(0, 3)).toEqual([true, true, false]);
      expect(new Set(answers.slice(3).map((answer, index) => `${zones[index % zones.length]} ${answer}`))).toEqual(new Set(['Asia/Bangkok true', 'America/Bogota true', 'Pluto/Tombaugh false']));

      // Any text may be asked about (the editor's form): what is remembered stays bounded, and right.
      for (let index = 0; index < 2_500; index++) expect(isTimeZone(`Nowhere/Zone${index}`)).toBe(false);
      expect(isTimeZone('Asia/Bangkok')).toBe(true);
      expect(isTimeZone('Pluto/Tombaugh')).toBe(false);
    } finally {
      made.mockRestore();
    }
  });
});
