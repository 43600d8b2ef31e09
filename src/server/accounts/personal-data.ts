// A person can take their data with them and delete their account (security
// note, "Data"). The organisation's records stay, pointing to an anonymised row.
import type { Kysely } from 'kysely';
import { z } from '../validation';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { verifyPassword } from '../auth/passwords';
import { failure, invalid, issuesFromZod, success, type Result } from '../result';

export async function exportPersonalData(db: Kysely<Database>, actor: SessionUser | null, now = new Date()): Promise<Result<Record<string, unknown>>> {
  if (!actor) return failure('forbidden', 'Sign in first.');
  const person = await db
    .selectFrom('users')
    .select(['email', 'name', 'job_title', 'role', 'created_at', 'email_verified_at'])
    .where('id', '=', actor.id)
    .executeTakeFirstOrThrow();
  const organisation = actor.organisationId
    ? await db
        .selectFrom('organisations')
        .select(['name', 'acronym', 'type', 'country', 'website', 'description', 'ecosoc_status', 'topics', 'accreditation', 'accreditation_reason', 'listed', 'created_at'])
        .where('id', '=', actor.organisationId)
        .executeTakeFirst()
    : undefined;
  const sessions = await db.selectFrom('sessions').select(['created_at', 'expires_at']).where('user_id', '=', actor.id).orderBy('created_at').execute();
  return success({
    exportedAt: now.toISOString(),
    person: {
      email: person.email,
      name: person.name,
      function: person.job_title,
      role: person.role,
      createdAt: person.created_at,
      emailConfirmedAt: person.email_verified_at,
    },
    organisation: organisation && {
      ...organisation,
      topics: JSON.parse(organisation.topics) as string[],
      listed: organisation.listed === 1,
    },
    sessions: sessions.map((session) => ({ createdAt: session.created_at, expiresAt: session.expires_at })),
  });
}

export const deletionSchema = z.object({ password: z.string({ error: 'Enter your password to confirm.' }).min(1, 'Enter your password to confirm.').max(256, 'Use at most 256 characters.') });

export async function deleteAccount(db: Kysely<Database>, actor: SessionUser | null, input: unknown, now = new Date()): Promise<Result<{ deleted: true }>> {
  if (!actor) return failure('forbidden', 'Sign in first.');
  const parsed = deletionSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const person = await db.selectFrom('users').select(['password_hash']).where('id', '=', actor.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(person.password_hash, parsed.data.password))) return invalid({ password: 'This is not your current password.' });

  return db.transaction().execute(async (trx) => {
    if (actor.role === 'focal-point' && actor.organisationId) {
      const colleagues = await trx
        .selectFrom('users')
        .select('id')
        .where('organisation_id', '=', actor.organisationId)
        .where('id', '!=', actor.id)
        .where('deleted_at', 'is', null)
        .where('email_verified_at', 'is not', null)
        .execute();
      if (colleagues.length > 0) return failure('conflict', 'Hand the focal-point role to a colleague before deleting your account.');
    }
    await trx.deleteFrom('sessions').where('user_id', '=', actor.id).execute();
    await trx.deleteFrom('one_time_tokens').where('user_id', '=', actor.id).execute();
    await trx
      .updateTable('users')
      .set({
        email: `deleted-${actor.id}@deleted.invalid`,
        name: 'Deleted account',
        job_title: null,
        password_hash: null,
        deleted_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .where('id', '=', actor.id)
      .execute();
    return success({ deleted: true as const });
  });
}
