// Sign-up creates a pending organisation and its focal point, who must
// confirm the email address before anything else works. The answer is the
// same whether or not the address already has an account.
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import { config } from '../config';
import type { Database } from '../db/schema';
import { hashPassword, passwordSchema } from '../auth/passwords';
import { hitRateLimit, RATE_LIMITS } from '../auth/rate-limits';
import { generateId } from '../auth/tokens';
import { deliverMailSoon, enqueueMail } from '../mail/outgoing-mail';
import { organisationProfileSchema } from '../organisations/organisation-schema';
import { invalid, issuesFromZod, success, type Result } from '../result';
import { issueVerificationToken, verificationMail } from './email-verification';
import { languageSchema, personSchema } from './person-schema';
import { safeReturnPath } from './return-path';
import { mailText } from '../mail/mail-text';
import { localeUrl } from '../../i18n/paths';
import type { Locale } from '../../i18n/index';

export function signUpSchema(knownTopics: readonly string[]) {
  return organisationProfileSchema(knownTopics).extend({ ...personSchema.shape, password: passwordSchema, language: languageSchema.default('en') });
}

export interface SignUpContext {
  clientAddress: string;
  knownTopics: readonly string[];
  now?: Date;
}

export async function signUp(db: Kysely<Database>, input: unknown, context: SignUpContext): Promise<Result<{ email: string }>> {
  const now = context.now ?? portalNow();
  const limited = await hitRateLimit(db, RATE_LIMITS.signupPerAddress, context.clientAddress, now);
  if (!limited.allowed) return { ok: false, code: 'rate_limited', retryAfterSeconds: limited.retryAfterSeconds };

  const parsed = signUpSchema(context.knownTopics).safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const form = parsed.data;
  // Where the person was going when sent to sign up; a doubtful address is ignored, not refused.
  const next = safeReturnPath(typeof input === 'object' && input !== null ? (input as { next?: unknown }).next : undefined);
  // Hashing takes a while: never inside the transaction (it would hold SQLite's only connection).
  const passwordHash = await hashPassword(form.password);
  const stamp = now.toISOString();

  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('users').select(['id', 'name', 'locale']).where('email', '=', form.email).executeTakeFirst();
    // The owner of the address learns about the attempt; the person at the form learns nothing.
    if (existing) return enqueueMail(trx, existingAccountMail(existing.locale, form.email, existing.name));
    const organisationId = generateId();
    const userId = generateId();
    await trx
      .insertInto('organisations')
      .values({
        id: organisationId,
        name: form.organisationName,
        acronym: form.acronym,
        type: form.type,
        country: form.country,
        website: form.website,
        description: form.description,
        ecosoc_status: form.ecosocStatus,
        topics: JSON.stringify(form.topics),
        accreditation: 'pending',
        accreditation_reason: null,
        accreditation_decided_by: null,
        accreditation_decided_at: null,
        listed: form.listed ? 1 : 0,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
    await trx
      .insertInto('users')
      .values({
        id: userId,
        email: form.email,
        name: form.name,
        job_title: form.jobTitle,
        organisation_id: organisationId,
        role: 'focal-point',
        password_hash: passwordHash,
        email_verified_at: null,
        locale: form.language,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
    await enqueueMail(trx, verificationMail(form.language, form.email, form.name, await issueVerificationToken(trx, userId, now), next));
  });
  await deliverMailSoon(db);
  return success({ email: form.email });
}

function existingAccountMail(locale: Locale, email: string, name: string) {
  return { to: email, ...mailText(locale, 'signUpTaken', { name, link: localeUrl(locale, '/signin', config().PUBLIC_ORIGIN) }) };
}
