// Which period a digest covers: the previous UTC day, or the previous ISO week.
import { describe, expect, it } from 'vitest';
import { lastCompletedPeriod } from '../../src/server/digests/digest-periods';

const period = (frequency: 'daily' | 'weekly', at: string) => {
  const { start, end } = lastCompletedPeriod(frequency, new Date(at));
  return [start.toISOString(), end.toISOString()];
};

describe('digest periods', () => {
  it('covers the previous UTC day for a daily digest, whatever the hour', () => {
    expect(period('daily', '2027-03-08T00:00:00Z')).toEqual(['2027-03-07T00:00:00.000Z', '2027-03-08T00:00:00.000Z']);
    expect(period('daily', '2027-03-08T23:59:59Z')).toEqual(['2027-03-07T00:00:00.000Z', '2027-03-08T00:00:00.000Z']);
  });

  it('covers the previous Monday-to-Monday week for a weekly digest, on every day of the next week', () => {
    for (const at of ['2027-03-08T00:00:00Z', '2027-03-10T12:00:00Z', '2027-03-14T23:59:59Z']) {
      expect(period('weekly', at), at).toEqual(['2027-03-01T00:00:00.000Z', '2027-03-08T00:00:00.000Z']);
    }
    // Sunday still belongs to the week before: its digest is not due yet.
    expect(period('weekly', '2027-03-07T23:00:00Z')).toEqual(['2027-02-22T00:00:00.000Z', '2027-03-01T00:00:00.000Z']);
  });
});
