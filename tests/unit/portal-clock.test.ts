// WHATSON_CLOCK: which values name an instant, and how the portal's clock runs from it.
import { afterEach, describe, expect, it } from 'vitest';
import { parsePortalClock, portalNow, setPortalClock } from '../../src/server/clock';
import { ConfigError, readConfig } from '../../src/server/config';

describe('the portal clock', () => {
  afterEach(() => setPortalClock(undefined));

  it('reads full ISO instants with a zone, and nothing else', () => {
    expect(parsePortalClock(undefined)).toBeUndefined();
    expect(parsePortalClock('')).toBeUndefined();
    expect(parsePortalClock('2030-06-01T09:00:00Z')).toEqual(new Date('2030-06-01T09:00:00Z'));
    expect(parsePortalClock('2030-06-01T11:00+02:00')).toEqual(new Date('2030-06-01T09:00:00Z'));
    for (const vague of ['2030-06-01', '2030-06-01T09:00', 'tomorrow', '1780000000000', '2030-13-01T09:00:00Z']) expect(parsePortalClock(vague)).toBeNull();
  });

  it('refuses a value that is not an instant at start-up, naming the setting', () => {
    expect(() => readConfig({ WHATSON_CLOCK: '2030-06-01' })).toThrow(ConfigError);
    expect(() => readConfig({ WHATSON_CLOCK: '2030-06-01' })).toThrow(/WHATSON_CLOCK must be an instant such as 2027-03-01T09:00:00Z/);
    expect(readConfig({ WHATSON_CLOCK: '2030-06-01T09:00:00Z' }).WHATSON_CLOCK).toBe('2030-06-01T09:00:00Z');
  });

  it('starts at the instant it is set to and runs on at real speed', async () => {
    setPortalClock(new Date('2031-01-01T00:00:00Z'));
    const first = portalNow().getTime();
    expect(first - Date.parse('2031-01-01T00:00:00Z')).toBeLessThan(1_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(portalNow().getTime() - first).toBeGreaterThanOrEqual(45);
  });

  it('is the machine clock when not set', () => {
    expect(Math.abs(portalNow().getTime() - Date.now())).toBeLessThan(5);
  });
});
