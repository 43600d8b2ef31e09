// Links that act without signing in (a digest's one-click unsubscribe) carry
// an HMAC of what they do, keyed by a secret kept in the database: every
// instance shares it, and nobody can make a link for someone else's address.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

const keys = new WeakMap<Kysely<Database>, Map<string, Promise<string>>>();

/** The secret for `purpose`, made on first use; whichever instance writes first, all read the same one. */
export function signingKey(db: Kysely<Database>, purpose: string): Promise<string> {
  let cached = keys.get(db);
  if (!cached) keys.set(db, (cached = new Map()));
  let key = cached.get(purpose);
  if (!key) {
    key = (async () => {
      await db
        .insertInto('signing_keys')
        .values({ purpose, secret: randomBytes(32).toString('base64url'), created_at: new Date().toISOString() })
        .onConflict((conflict) => conflict.column('purpose').doNothing())
        .execute();
      const row = await db.selectFrom('signing_keys').select('secret').where('purpose', '=', purpose).executeTakeFirstOrThrow();
      return row.secret;
    })();
    key.catch(() => cached.delete(purpose));
    cached.set(purpose, key);
  }
  return key;
}

export function signWith(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message).digest('base64url');
}

/** Constant-time comparison of a presented signature with the right one. */
export function signatureMatches(secret: string, message: string, presented: string): boolean {
  const expected = Buffer.from(signWith(secret, message));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
