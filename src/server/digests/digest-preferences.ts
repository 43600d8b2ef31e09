// Per followed topic, how often a person hears about it by email (none, daily,
// weekly); and the signed link in every digest that stops it without signing
// in (RFC 8058 one-click, and the page the link opens in a browser).
import type { Kysely } from 'kysely';
import { z } from '../validation';
import { config } from '../config';
import { portalNow } from '../clock';
import type { SessionUser } from '../auth/sessions';
import { DIGEST_FREQUENCIES, type Database, type DigestFrequency } from '../db/schema';
import { failure, invalid, issuesFromZod, success, type Result } from '../result';
import { signatureMatches, signingKey, signWith } from './signed-links';
import type { DigestSchedule } from './digest-periods';
import { message } from '../../i18n/message';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/index';
import { localeUrl } from '../../i18n/paths';

const UNSUBSCRIBE_KEY = 'digest-unsubscribe';

export const digestChoiceSchema = z.object({
  topic: z.string({ error: 'Choose a topic you follow.' }).trim().min(1, 'Choose a topic you follow.').max(100),
  digest: z.enum(DIGEST_FREQUENCIES, { error: 'Choose weekly, daily or no email.' }),
});

export interface FollowedTopicDigest {
  topic: string;
  digest: DigestFrequency;
}

export async function listDigestChoices(db: Kysely<Database>, actor: SessionUser): Promise<FollowedTopicDigest[]> {
  return db.selectFrom('followed_topics').select(['topic', 'digest']).where('user_id', '=', actor.id).orderBy('topic').execute();
}

/** Sets the digest of a topic the person follows (following it first, if they do not yet). */
export async function chooseTopicDigest(
  db: Kysely<Database>,
  actor: SessionUser | null,
  input: unknown,
  knownTopics: readonly string[],
  now = portalNow(),
): Promise<Result<FollowedTopicDigest>> {
  if (!actor) return failure('forbidden', 'digest.signInToChoose');
  const parsed = digestChoiceSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const { topic, digest } = parsed.data;
  if (!knownTopics.includes(topic)) return invalid({ topic: message('validation.topicFromList') });
  await db
    .insertInto('followed_topics')
    .values({ user_id: actor.id, topic, created_at: now.toISOString(), digest })
    .onConflict((conflict) => conflict.columns(['user_id', 'topic']).doUpdateSet({ digest }))
    .execute();
  return success({ topic, digest });
}

function unsubscribeMessage(userId: string, frequency: DigestSchedule): string {
  return `${userId}:${frequency}`;
}

/**
 * The address in a digest that stops every digest of that frequency for its
 * recipient, on the page in their language. The signature covers who and
 * which frequency, not the language, so any language's page accepts it.
 */
export async function unsubscribeUrl(db: Kysely<Database>, userId: string, frequency: DigestSchedule, locale: Locale = DEFAULT_LOCALE): Promise<string> {
  const url = new URL(localeUrl(locale, '/digests/unsubscribe', config().PUBLIC_ORIGIN));
  url.searchParams.set('user', userId);
  url.searchParams.set('frequency', frequency);
  url.searchParams.set('signature', signWith(await signingKey(db, UNSUBSCRIBE_KEY), unsubscribeMessage(userId, frequency)));
  return url.href;
}

const unsubscribeSchema = z.object({
  user: z.string().min(1).max(100),
  frequency: z.enum(['daily', 'weekly']),
  signature: z.string().min(1).max(200),
});

export interface UnsubscribeLink {
  userId: string;
  frequency: DigestSchedule;
}

/** The link's owner and frequency when its signature is right; otherwise a refusal (a mistyped or forged link). */
export async function readUnsubscribeLink(db: Kysely<Database>, params: URLSearchParams): Promise<Result<UnsubscribeLink>> {
  const parsed = unsubscribeSchema.safeParse(Object.fromEntries(params));
  const refused = failure('not_found', 'digest.unsubscribeLinkIncomplete');
  if (!parsed.success) return refused;
  const { user, frequency, signature } = parsed.data;
  if (!signatureMatches(await signingKey(db, UNSUBSCRIBE_KEY), unsubscribeMessage(user, frequency), signature)) return refused;
  return success({ userId: user, frequency });
}

/** Stops the link's digests. Repeating it (a mail program and then the person) changes nothing more. */
export async function unsubscribeBySignedLink(db: Kysely<Database>, params: URLSearchParams): Promise<Result<UnsubscribeLink & { topics: number }>> {
  const link = await readUnsubscribeLink(db, params);
  if (!link.ok) return link;
  const result = await db
    .updateTable('followed_topics')
    .set({ digest: 'none' })
    .where('user_id', '=', link.value.userId)
    .where('digest', '=', link.value.frequency)
    .executeTakeFirst();
  await db.updateTable('followed_countries').set({ digest: 'none' }).where('user_id', '=', link.value.userId).where('digest', '=', link.value.frequency).execute();
  return success({ ...link.value, topics: Number(result.numUpdatedRows) });
}
