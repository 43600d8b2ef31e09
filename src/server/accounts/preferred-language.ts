// A person's preferred language, chosen at sign-up and changed in the
// account: their emails, .ics invitations and private calendar speak it.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import type { Locale } from '../../i18n/index';
import { z } from '../validation';
import { portalNow } from '../clock';
import { failure, invalid, issuesFromZod, success, type Result } from '../result';
import { languageSchema } from './person-schema';

export const languageChoiceSchema = z.object({ language: languageSchema });

export async function setPreferredLanguage(db: Kysely<Database>, actor: SessionUser | null, input: unknown, now = portalNow()): Promise<Result<{ locale: Locale }>> {
  if (!actor) return failure('forbidden', 'permission.signInFirst');
  const parsed = languageChoiceSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const locale = parsed.data.language;
  await db.updateTable('users').set({ locale, updated_at: now.toISOString() }).where('id', '=', actor.id).where('deleted_at', 'is', null).execute();
  return success({ locale });
}
