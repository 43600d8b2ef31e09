// Who an organisation is: its name, acronym, type and country. Once the
// secretariat has accredited it, a change of these waits for the secretariat's
// review (issue 14: an organisation accredited as `other` became an `ngo`
// called "UNODC Civil Society Unit"). Meanwhile the old values stay in
// `organisations`, so the directory, published input and eligibility checks
// keep using what the secretariat accredited.
import type { Kysely } from 'kysely';
import { generateId } from '../auth/tokens';
import type { Database } from '../db/schema';
import type { OrganisationType } from '../organisations/organisation-schema';

export const IDENTITY_FIELDS = ['organisationName', 'acronym', 'type', 'country'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

export interface OrganisationIdentity {
  organisationName: string;
  acronym: string | null;
  type: OrganisationType;
  country: string;
}

export interface IdentityDifference {
  field: IdentityField;
  from: string | null;
  to: string | null;
}

export function identityOf(row: { name: string; acronym: string | null; type: OrganisationType; country: string }): OrganisationIdentity {
  return { organisationName: row.name, acronym: row.acronym, type: row.type, country: row.country };
}

/** The fields that differ, in form order. */
export function identityDifferences(from: OrganisationIdentity, to: OrganisationIdentity): IdentityDifference[] {
  return IDENTITY_FIELDS.filter((field) => (from[field] ?? null) !== (to[field] ?? null)).map((field) => ({ field, from: from[field], to: to[field] }));
}

/** The identity fields as the audit log keeps them. */
export function identityRecord(identity: OrganisationIdentity): Record<IdentityField, string | null> {
  return { organisationName: identity.organisationName, acronym: identity.acronym, type: identity.type, country: identity.country };
}

export interface PendingIdentityChange {
  id: string;
  requested: OrganisationIdentity;
  requestedAt: string;
}

export async function readPendingIdentityChange(db: Kysely<Database>, organisationId: string): Promise<PendingIdentityChange | null> {
  const row = await db
    .selectFrom('identity_changes')
    .select(['id', 'name', 'acronym', 'type', 'country', 'requested_at'])
    .where('organisation_id', '=', organisationId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return row ? { id: row.id, requested: identityOf(row), requestedAt: row.requested_at } : null;
}

/** What became of the identity fields of an edit. */
export type IdentityOutcome = 'unchanged' | 'applied' | 'pending';

/**
 * Records `requested` as the organisation's pending identity change, in the
 * caller's transaction, which must already hold the organisation's row (it
 * updated it). An edit back to the current values withdraws the pending
 * change; an edit to other values replaces it with a new one, so a decision
 * the secretariat took on what it saw cannot approve values it never saw.
 */
export async function holdIdentityChange(
  trx: Kysely<Database>,
  organisationId: string,
  current: OrganisationIdentity,
  requested: OrganisationIdentity,
  actorId: string,
  now: Date,
): Promise<IdentityOutcome> {
  const pending = await readPendingIdentityChange(trx, organisationId);
  const unchanged = identityDifferences(current, requested).length === 0;
  if (pending && identityDifferences(pending.requested, requested).length === 0) return 'pending';
  if (pending) await withdrawPendingIdentityChange(trx, organisationId, actorId, now);
  if (unchanged) return 'unchanged';
  await trx
    .insertInto('identity_changes')
    .values({
      id: generateId(),
      organisation_id: organisationId,
      name: requested.organisationName,
      acronym: requested.acronym,
      type: requested.type,
      country: requested.country,
      state: 'pending',
      requested_by: actorId,
      requested_at: now.toISOString(),
      decided_by: null,
      decided_at: null,
      reason: null,
    })
    .execute();
  return 'pending';
}

/** The focal point changed their mind, or the organisation edits freely again (not accredited). */
export async function withdrawPendingIdentityChange(trx: Kysely<Database>, organisationId: string, actorId: string, now: Date): Promise<void> {
  await trx
    .updateTable('identity_changes')
    .set({ state: 'withdrawn', decided_by: actorId, decided_at: now.toISOString() })
    .where('organisation_id', '=', organisationId)
    .where('state', '=', 'pending')
    .execute();
}
