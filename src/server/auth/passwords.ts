// argon2id with @node-rs/argon2's defaults (19 MiB, 2 passes), per the
// security note and OWASP's password storage guidance.
import { hash, verify } from '@node-rs/argon2';
import { z } from '../validation';
import { isCommonPassword } from './common-passwords';
import { zodKey } from '../../i18n/message';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

export const passwordSchema = z
  .string({ error: zodKey('account.passwordMissing') })
  .min(PASSWORD_MIN, zodKey('validation.tooShort'))
  .max(PASSWORD_MAX, zodKey('validation.tooLong'))
  .refine((password) => !isCommonPassword(password), zodKey('account.passwordTooCommon'));

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against a real hash when the account does not exist takes as long
// as a real check, so response time does not tell whether an address is known.
let decoy: Promise<string> | undefined;
export async function spendPasswordCheckTime(password: string): Promise<void> {
  decoy ??= hash('decoy password that matches nothing');
  await verifyPassword(await decoy, password);
}
