// Random secrets and their stored form (security note: at least 120 bits from
// crypto.getRandomValues; the database keeps only the SHA-256).
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** 160 random bits, written in 32 lower-case base32 characters (URL-safe). */
export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** A random identifier for rows: not a secret, but not guessable either. */
export function generateId(): string {
  return generateToken().slice(0, 26);
}
