// The permission checks every domain function starts with (security note,
// "Requests": authorisation happens in the domain function, which takes the
// acting user). Each refusal says why and what the person can do about it.
import type { Kysely } from 'kysely';
import { prepare } from '../db/prepared-query';
import { config } from '../config';
import type { Database, OrganisationsTable } from '../db/schema';
import { success, type Failure, type Result } from '../result';
import type { SessionUser } from './sessions';
import { message, type Message } from '../../i18n/message';

export const PERMISSION_MESSAGES = {
  signedOut: message('permission.signedOut'),
  notSecretariat: message('permission.notSecretariat'),
  emailUnconfirmed: message('permission.emailUnconfirmed'),
  noOrganisation: message('permission.noOrganisation'),
  pending: message('permission.pending'),
  /** Read when shown, so it names the secretariat's address as configured. */
  get rejected(): Message {
    return message('permission.rejected', { address: config().SECRETARIAT_EMAIL });
  },
} as const;

function refused(why: Message): Failure {
  return { ok: false, code: 'forbidden', message: why };
}

export function requireSecretariat(actor: SessionUser | null): Result<SessionUser> {
  if (!actor) return refused(PERMISSION_MESSAGES.signedOut);
  if (actor.role !== 'secretariat') return refused(PERMISSION_MESSAGES.notSecretariat);
  return success(actor);
}

export interface AccreditedMember {
  actor: SessionUser;
  organisationId: string;
  organisationName: string;
  /** NGO, academic institution, private sector… (what an event's eligibility names). */
  organisationType: OrganisationsTable['type'];
}

const organisationStanding = prepare(['id'], (db, { id }: { id: string }) => db.selectFrom('organisations').select(['id', 'name', 'type', 'accreditation']).where('id', '=', id));

/**
 * Signed in, email confirmed, and member of an accredited organisation: what
 * applying for meetings and sending written input need. The organisation's
 * state is read from the database, so a decision counts at once.
 */
export async function requireAccreditedOrganisation(db: Kysely<Database>, actor: SessionUser | null): Promise<Result<AccreditedMember>> {
  if (!actor) return refused(PERMISSION_MESSAGES.signedOut);
  if (!actor.emailVerified) return refused(PERMISSION_MESSAGES.emailUnconfirmed);
  if (!actor.organisationId || actor.role === 'secretariat') return refused(PERMISSION_MESSAGES.noOrganisation);
  const organisation = await organisationStanding.first(db, { id: actor.organisationId });
  if (!organisation) return refused(PERMISSION_MESSAGES.noOrganisation);
  if (organisation.accreditation === 'pending') return refused(PERMISSION_MESSAGES.pending);
  if (organisation.accreditation !== 'accredited') return refused(PERMISSION_MESSAGES.rejected);
  return success({ actor, organisationId: organisation.id, organisationName: organisation.name, organisationType: organisation.type });
}
