// The focal point keeps the organisation profile current.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { failure, invalid, issuesFromZod, success, type Failure, type Result } from '../result';
import { organisationProfileSchema, type OrganisationProfile } from './organisation-schema';
import { recordPublicDataChange } from '../public-cache/public-data-version';

/** Only the focal point of the organisation may change it or invite to it. */
export function requireFocalPoint(actor: SessionUser | null): Failure | { organisationId: string; actor: SessionUser } {
  if (!actor) return failure('forbidden', 'Sign in first.');
  if (actor.role !== 'focal-point' || !actor.organisationId) return failure('forbidden', 'Only the organisation’s focal point can do this; ask them, or the secretariat.');
  return { organisationId: actor.organisationId, actor };
}

export interface OrganisationMember {
  id: string;
  name: string;
  email: string;
  role: string;
  confirmed: boolean;
}

export interface OrganisationDetails {
  profile: OrganisationProfile;
  accreditation: string;
  members: OrganisationMember[];
}

export async function readOrganisation(db: Kysely<Database>, actor: SessionUser | null): Promise<Result<OrganisationDetails>> {
  const focal = requireFocalPoint(actor);
  if ('ok' in focal) return focal;
  const row = await db.selectFrom('organisations').selectAll().where('id', '=', focal.organisationId).executeTakeFirst();
  if (!row) return failure('not_found', 'The organisation no longer exists.');
  const members = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role', 'email_verified_at'])
    .where('organisation_id', '=', focal.organisationId)
    .where('deleted_at', 'is', null)
    .orderBy('name')
    .execute();
  return success({
    profile: {
      organisationName: row.name,
      acronym: row.acronym,
      type: row.type as OrganisationProfile['type'],
      country: row.country,
      website: row.website,
      description: row.description,
      ecosocStatus: row.ecosoc_status as OrganisationProfile['ecosocStatus'],
      topics: JSON.parse(row.topics) as string[],
      listed: row.listed === 1,
    },
    accreditation: row.accreditation,
    members: members.map((member) => ({ id: member.id, name: member.name, email: member.email, role: member.role, confirmed: member.email_verified_at !== null })),
  });
}

export async function updateOrganisationProfile(
  db: Kysely<Database>,
  actor: SessionUser | null,
  input: unknown,
  knownTopics: readonly string[],
  now = new Date(),
): Promise<Result<{ organisationId: string }>> {
  const focal = requireFocalPoint(actor);
  if ('ok' in focal) return focal;
  const parsed = organisationProfileSchema(knownTopics).safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const profile = parsed.data;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('organisations')
      .set({
        name: profile.organisationName,
        acronym: profile.acronym,
        type: profile.type,
        country: profile.country,
        website: profile.website,
        description: profile.description,
        ecosoc_status: profile.ecosocStatus,
        topics: JSON.stringify(profile.topics),
        listed: profile.listed ? 1 : 0,
        updated_at: now.toISOString(),
      })
      .where('id', '=', focal.organisationId)
      .execute();
    // The name and description show in the directory and beside published input.
    await recordPublicDataChange(trx);
  });
  return success({ organisationId: focal.organisationId });
}
