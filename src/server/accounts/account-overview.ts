// What the account page shows a signed-in person about themselves.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';

export interface AccountOverview {
  user: SessionUser;
  jobTitle: string | null;
  organisation: { id: string; name: string; accreditation: string; reason: string | null } | null;
}

export async function describeAccount(db: Kysely<Database>, actor: SessionUser): Promise<AccountOverview> {
  const person = await db.selectFrom('users').select(['job_title']).where('id', '=', actor.id).executeTakeFirst();
  const organisation = actor.organisationId
    ? await db
        .selectFrom('organisations')
        .select(['id', 'name', 'accreditation', 'accreditation_reason as reason'])
        .where('id', '=', actor.organisationId)
        .executeTakeFirst()
    : undefined;
  return { user: actor, jobTitle: person?.job_title ?? null, organisation: organisation ?? null };
}
