// The secretariat's own account, made as an operator makes it: created with
// `whatson create-secretariat`, its password set (the test writes it where
// the emailed one-time link would), and signed in through the portal.
import { expect } from 'vitest';
import { hashPassword } from '../../src/server/auth/passwords';
import { runWhatson } from './cli';
import type { TestDatabase } from './databases';
import { postForm } from './forms';

export const SECRETARIAT_EMAIL = 'civil.society@unodc.example.org';
const SECRETARIAT_PASSWORD = 'a long secretariat passphrase';

/** Creates the secretariat account on `database` and signs it in at `baseUrl`; returns the session cookie. */
export async function signInSecretariat(baseUrl: string, database: TestDatabase, outbox: string): Promise<string> {
  const created = runWhatson(['create-secretariat', '--email', SECRETARIAT_EMAIL, '--name', 'Ana Ruiz'], { DATABASE_URL: database.url, OUTBOX_DIR: outbox });
  expect(created.status, created.stderr).toBe(0);
  // Setting the password through the one-time link also confirms the address.
  const handle = database.open();
  try {
    await handle.db
      .updateTable('users')
      .set({ password_hash: await hashPassword(SECRETARIAT_PASSWORD), email_verified_at: new Date().toISOString() })
      .where('email', '=', SECRETARIAT_EMAIL)
      .execute();
  } finally {
    await handle.close();
  }
  const signIn = await postForm(baseUrl, '/signin', { email: SECRETARIAT_EMAIL, password: SECRETARIAT_PASSWORD });
  expect(signIn.status).toBe(303);
  return signIn.cookie!;
}
