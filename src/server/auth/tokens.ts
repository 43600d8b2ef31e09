// Random secrets and their stored form (security note: at least 120 bits from
// crypto.getRandomValues; the database keeps only the SHA-256).
import { createHash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let handedOut = 0;

/**
 * Random bytes from crypto.getRandomValues, drawn 4 KiB at a time: a call
 * per token cost more than everything else in making it (an application
 * makes two). Each byte is handed out once; a used pool is replaced, never
 * refilled in place, so bytes already handed out stay as they were.
 */
function randomBytes(count: number): Uint8Array {
  if (handedOut + count > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_BYTES));
    handedOut = 0;
  }
  const bytes = pool.subarray(handedOut, handedOut + count);
  handedOut += count;
  return bytes;
}

/** 160 random bits, written in 32 lower-case base32 characters (URL-safe). */
export function generateToken(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

/** The SHA-256 of the token in lower-case hex: what the database keeps. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A random identifier for rows: not a secret, but not guessable either. */
export function generateId(): string {
  return generateToken().slice(0, 26);
}
