// The arithmetic of the limits on guessing passwords (the rules themselves, on
// both databases, are in tests/db/password-attempts.test.ts).
import { describe, expect, it } from 'vitest';
import { addressBucket, PASSWORD_LIMITS, waitAfter } from '../../src/server/auth/password-attempts';

describe('limits on guessing passwords', () => {
  it('waits nothing for the free attempts, then 30 s doubling to at most 15 minutes', () => {
    const rule = PASSWORD_LIMITS.pair;
    expect([0, 1, 4].map((attempts) => waitAfter(attempts, rule))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 50].map((attempts) => waitAfter(attempts, rule) / 1000)).toEqual([30, 60, 120, 240, 480, 900, 900]);
  });

  it('counts IPv6 clients per /64, and IPv4 clients (also seen through IPv6) per address', () => {
    expect(addressBucket('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:0DB8:0001:0002:ffff::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
    expect(addressBucket('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressBucket('192.0.2.1')).toBe('192.0.2.1');
    expect(addressBucket('unknown')).toBe('unknown');
  });
});
