// Accredited organisations and their people, written straight into a test
// database (the sign-up flow has its own tests).
import type { Kysely } from 'kysely';
import type { AccreditationState, Database } from '../../src/server/db/schema';
import type { OrganisationType } from '../../src/server/organisations/organisation-schema';
import { createSession, type SessionUser } from '../../src/server/auth/sessions';

let counter = 0;

export async function createOrganisation(db: Kysely<Database>, options: { accreditation?: AccreditationState; type?: OrganisationType; name?: string } = {}): Promise<string> {
  counter += 1;
  const id = `org${counter}${Math.random().toString(36).slice(2, 8)}`;
  const stamp = new Date().toISOString();
  await db
    .insertInto('organisations')
    .values({
      id,
      name: options.name ?? `Organisation ${counter}`,
      acronym: null,
      type: options.type ?? 'ngo',
      country: 'AT',
      website: null,
      description: 'Test organisation',
      ecosoc_status: 'none',
      topics: '["firearms"]',
      accreditation: options.accreditation ?? 'accredited',
      accreditation_reason: null,
      accreditation_decided_by: null,
      accreditation_decided_at: null,
      listed: 1,
      created_at: stamp,
      updated_at: stamp,
    })
    .execute();
  return id;
}

export async function createMember(
  db: Kysely<Database>,
  organisationId: string | null,
  role: SessionUser['role'] = 'representative',
): Promise<SessionUser> {
  counter += 1;
  const id = `user${counter}${Math.random().toString(36).slice(2, 8)}`;
  const email = `${id}@example.org`;
  const stamp = new Date().toISOString();
  await db
    .insertInto('users')
    .values({ id, email, name: `Person ${counter}`, job_title: null, organisation_id: organisationId, role, password_hash: null, email_verified_at: stamp, created_at: stamp, updated_at: stamp })
    .execute();
  return { id, email, name: `Person ${counter}`, role, organisationId, emailVerified: true, locale: 'en' };
}

/** A new member (or secretariat) with a session: the person and the cookie their browser sends. */
export async function signedInMember(db: Kysely<Database>, organisationId: string | null, role: SessionUser['role'] = 'representative'): Promise<{ person: SessionUser; cookie: string }> {
  const person = await createMember(db, organisationId, role);
  return { person, cookie: `whatson_session=${(await createSession(db, person.id)).token}` };
}
