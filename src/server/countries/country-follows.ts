// Following a country, as one follows a topic (private-calendar.ts): the
// events and dialogues that concern it come into the person's private
// calendar, and into a digest as often as they choose. Codes are checked
// against the shared country list; someone signed out is asked to sign in.
import type { Kysely } from 'kysely';
import { z } from '../validation';
import { portalNow } from '../clock';
import type { SessionUser } from '../auth/sessions';
import { DIGEST_FREQUENCIES, type Database, type DigestFrequency } from '../db/schema';
import { failure, invalid, issuesFromZod, success, type Result } from '../result';
import { message } from '../../i18n/message';
import { isCountryCode } from './countries';

export interface FollowedCountry {
  country: string;
  digest: DigestFrequency;
}

export async function listFollowedCountries(db: Kysely<Database>, actorId: string): Promise<FollowedCountry[]> {
  return db.selectFrom('followed_countries').select(['country', 'digest']).where('user_id', '=', actorId).orderBy('country').execute();
}

export async function isFollowingCountry(db: Kysely<Database>, actor: SessionUser | null, code: string): Promise<boolean> {
  if (!actor) return false;
  return Boolean(await db.selectFrom('followed_countries').select('country').where('user_id', '=', actor.id).where('country', '=', code).executeTakeFirst());
}

export async function setCountryFollowed(db: Kysely<Database>, actor: SessionUser | null, code: string, follow: boolean, now = portalNow()): Promise<Result<{ following: boolean }>> {
  if (!actor) return failure('forbidden', 'calendar.signInToFollowCountry');
  if (!isCountryCode(code)) return failure('not_found', 'calendar.noSuchCountry');
  if (follow) {
    await db
      .insertInto('followed_countries')
      .values({ user_id: actor.id, country: code, created_at: now.toISOString() })
      .onConflict((conflict) => conflict.columns(['user_id', 'country']).doNothing())
      .execute();
  } else {
    await db.deleteFrom('followed_countries').where('user_id', '=', actor.id).where('country', '=', code).execute();
  }
  return success({ following: follow });
}

const countryDigestSchema = z.object({
  country: z.string().trim().refine(isCountryCode, 'calendar.noSuchCountry'),
  digest: z.enum(DIGEST_FREQUENCIES),
});

/** Sets how often the person hears about a country they follow (following it first, if they do not yet). */
export async function chooseCountryDigest(db: Kysely<Database>, actor: SessionUser | null, input: unknown, now = portalNow()): Promise<Result<FollowedCountry>> {
  if (!actor) return failure('forbidden', 'digest.signInToChoose');
  const parsed = countryDigestSchema.safeParse(input);
  if (!parsed.success) return parsed.error.issues.some((issue) => issue.path[0] === 'country') ? invalid({ country: message('calendar.noSuchCountry') }) : invalid(issuesFromZod(parsed.error));
  const { country, digest } = parsed.data;
  await db
    .insertInto('followed_countries')
    .values({ user_id: actor.id, country, created_at: now.toISOString(), digest })
    .onConflict((conflict) => conflict.columns(['user_id', 'country']).doUpdateSet({ digest }))
    .execute();
  return success({ country, digest });
}
