// The focal point keeps the organisation profile current. Website,
// description, topics, ECOSOC status and listing change at once; who the
// organisation is (name, acronym, type, country) changes at once only until it
// is accredited, and after that waits for the secretariat (identity-changes.ts).
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { failure, invalid, issuesFromZod, success, type Failure, type Result } from '../result';
import { organisationProfileSchema, type AccreditationState, type OrganisationProfile } from './organisation-schema';
import {
  holdIdentityChange,
  identityDifferences,
  identityOf,
  readPendingIdentityChange,
  withdrawPendingIdentityChange,
  type IdentityOutcome,
  type PendingIdentityChange,
} from './identity-changes';
import { listOpenInvitations, type OpenInvitation } from './invitations';
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
  /** As the focal point last saved it: a pending identity change shows its requested values. */
  profile: OrganisationProfile;
  accreditation: AccreditationState;
  /** What the directory shows meanwhile, and the requested values, while the secretariat reviews them. */
  pendingIdentity: (PendingIdentityChange & { current: ReturnType<typeof identityOf> }) | null;
  members: OrganisationMember[];
  invitations: OpenInvitation[];
}

export async function readOrganisation(db: Kysely<Database>, actor: SessionUser | null, now = portalNow()): Promise<Result<OrganisationDetails>> {
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
  const pending = await readPendingIdentityChange(db, focal.organisationId);
  const identity = pending?.requested ?? identityOf(row);
  return success({
    profile: {
      organisationName: identity.organisationName,
      acronym: identity.acronym,
      type: identity.type as OrganisationProfile['type'],
      country: identity.country,
      website: row.website,
      description: row.description,
      ecosocStatus: row.ecosoc_status as OrganisationProfile['ecosocStatus'],
      topics: JSON.parse(row.topics) as string[],
      listed: row.listed === 1,
    },
    accreditation: row.accreditation as AccreditationState,
    pendingIdentity: pending ? { ...pending, current: identityOf(row) } : null,
    members: members.map((member) => ({ id: member.id, name: member.name, email: member.email, role: member.role, confirmed: member.email_verified_at !== null })),
    invitations: await listOpenInvitations(db, focal.organisationId, now),
  });
}

export async function updateOrganisationProfile(
  db: Kysely<Database>,
  actor: SessionUser | null,
  input: unknown,
  knownTopics: readonly string[],
  now = portalNow(),
): Promise<Result<{ organisationId: string; identity: IdentityOutcome }>> {
  const focal = requireFocalPoint(actor);
  if ('ok' in focal) return focal;
  // Only for the rule on official names: a name the organisation already has is not a new claim.
  const names = await db.selectFrom('organisations').select(['name', 'acronym']).where('id', '=', focal.organisationId).executeTakeFirst();
  if (!names) return failure('not_found', 'The organisation no longer exists.');
  const parsed = organisationProfileSchema(knownTopics, { organisationName: names.name, acronym: names.acronym }).safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const profile = parsed.data;
  const requested = { organisationName: profile.organisationName, acronym: profile.acronym, type: profile.type, country: profile.country };
  const identity = await db.transaction().execute(async (trx) => {
    // Updating the row first takes its lock, so concurrent edits and the secretariat's decisions take turns.
    const row = await trx
      .updateTable('organisations')
      .set({
        website: profile.website,
        description: profile.description,
        ecosoc_status: profile.ecosocStatus,
        topics: JSON.stringify(profile.topics),
        listed: profile.listed ? 1 : 0,
        updated_at: now.toISOString(),
      })
      .where('id', '=', focal.organisationId)
      .returning(['accreditation', 'name', 'acronym', 'type', 'country'])
      .executeTakeFirstOrThrow();
    let outcome: IdentityOutcome;
    if (row.accreditation === 'accredited') {
      outcome = await holdIdentityChange(trx, focal.organisationId, identityOf(row), requested, focal.actor.id, now);
    } else {
      // Not accredited (yet): the secretariat reviews the whole profile when it decides on accreditation.
      await withdrawPendingIdentityChange(trx, focal.organisationId, focal.actor.id, now);
      await trx
        .updateTable('organisations')
        .set({ name: requested.organisationName, acronym: requested.acronym, type: requested.type, country: requested.country })
        .where('id', '=', focal.organisationId)
        .execute();
      outcome = identityDifferences(identityOf(row), requested).length > 0 ? 'applied' : 'unchanged';
    }
    // The description and topics show in the directory and beside published input.
    await recordPublicDataChange(trx);
    return outcome;
  });
  return success({ organisationId: focal.organisationId, identity });
}
