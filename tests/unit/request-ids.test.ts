import { describe, expect, it } from 'vitest';
import { newRequestId } from '../../src/server/http/request-ids';

describe('request ids', () => {
  it('are 16 base64url characters (96 random bits), fit for a header and a log line', () => {
    for (let i = 0; i < 2_000; i += 1) expect(newRequestId()).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const id = newRequestId();
    expect(Buffer.from(id, 'base64url')).toHaveLength(12);
    expect(Buffer.from(id, 'base64url').toString('base64url')).toBe(id);
  });

  it('never repeat, across many batches', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i += 1) seen.add(newRequestId());
    expect(seen.size).toBe(20_000);
  });

  it('say nothing of how many came before: consecutive ids share no prefix and do not count up', () => {
    const ids = Array.from({ length: 1_100 }, () => newRequestId());
    const sharedPrefixes = ids.slice(1).filter((id, index) => id.slice(0, 6) === ids[index]!.slice(0, 6));
    // Six random characters match by chance once in 69 billion pairs.
    expect(sharedPrefixes).toEqual([]);
    const ascending = ids.slice(1).filter((id, index) => id > ids[index]!).length;
    // Random ids are above the one before about half the time; a counter's always are.
    expect(ascending).toBeGreaterThan(400);
    expect(ascending).toBeLessThan(700);
  });
});
