// The permission checks every domain function starts with (security note,
// "Requests": authorisation happens in the domain function, which takes the
// acting user). Each refusal says why and what the person can do about it.
import type { Kysely } from 'kysely';
import { config } from '../config';
import type { Database } from '../db/schema';
import { failure, success, type Result } from '../result';
import type { SessionUser } from './sessions';

export const PERMISSION_MESSAGES = {
  signedOut: 'Sign in first: this page is for signed-in accounts.',
  notSecretariat: 'Only the secretariat can do this. If you work for the secretariat, sign in with your secretariat account.',
  emailUnconfirmed: 'Confirm your email address first: open the link we emailed you, or sign in again to receive a new one.',
  noOrganisation: 'This needs the account of a representative of an accredited organisation. Create an account for your organisation, or ask its focal point to invite you.',
  pending: 'Your organisation is waiting for accreditation: the secretariat reviews it, and you can do this once it is accredited. Your account page shows its status.',
  /** Read when shown, so it names the secretariat's address as configured. */
  get rejected(): string {
    return `Your organisation was not accredited; your account page shows the reason. Update the organisation profile and write to the secretariat at ${config().SECRETARIAT_EMAIL} to ask for a new review.`;
  },
} as const;

export function requireSecretariat(actor: SessionUser | null): Result<SessionUser> {
  if (!actor) return failure('forbidden', PERMISSION_MESSAGES.signedOut);
  if (actor.role !== 'secretariat') return failure('forbidden', PERMISSION_MESSAGES.notSecretariat);
  return success(actor);
}

export interface AccreditedMember {
  actor: SessionUser;
  organisationId: string;
  organisationName: string;
}

/**
 * Signed in, email confirmed, and member of an accredited organisation: what
 * applying for meetings and sending written input need. The organisation's
 * state is read from the database, so a decision counts at once.
 */
export async function requireAccreditedOrganisation(db: Kysely<Database>, actor: SessionUser | null): Promise<Result<AccreditedMember>> {
  if (!actor) return failure('forbidden', PERMISSION_MESSAGES.signedOut);
  if (!actor.emailVerified) return failure('forbidden', PERMISSION_MESSAGES.emailUnconfirmed);
  if (!actor.organisationId || actor.role === 'secretariat') return failure('forbidden', PERMISSION_MESSAGES.noOrganisation);
  const organisation = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'accreditation'])
    .where('id', '=', actor.organisationId)
    .executeTakeFirst();
  if (!organisation) return failure('forbidden', PERMISSION_MESSAGES.noOrganisation);
  if (organisation.accreditation === 'pending') return failure('forbidden', PERMISSION_MESSAGES.pending);
  if (organisation.accreditation !== 'accredited') return failure('forbidden', PERMISSION_MESSAGES.rejected);
  return success({ actor, organisationId: organisation.id, organisationName: organisation.name });
}
