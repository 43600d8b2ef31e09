// Secrets and identifiers: 160 random bits each, never the same bytes twice
// (they are drawn from a pool of random bytes), and stored as their SHA-256.
import { describe, expect, it } from 'vitest';
import { generateId, generateToken, hashToken } from '../../src/server/auth/tokens';

describe('tokens', () => {
  it('are 32 lower-case base32 characters (160 bits), all different, across several pools of random bytes', () => {
    // 20 bytes each: 2,000 tokens draw about ten 4 KiB pools.
    const tokens = Array.from({ length: 2_000 }, generateToken);
    for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('are stored as the lower-case hex SHA-256 of their text', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashToken('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('give row identifiers of 26 characters, all different', () => {
    const ids = Array.from({ length: 1_000 }, generateId);
    for (const id of ids) expect(id).toMatch(/^[a-z2-7]{26}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
