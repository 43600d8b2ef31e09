// Organisations, people and registrations for the secretariat's workspace
// tests, written straight into a test database with the fields those tests
// vary (country, ECOSOC status, state, arrival time).
import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema';
import type { SessionUser } from '../../src/server/auth/sessions';
import { createMember, createOrganisation } from './members';

export async function seedOrganisation(
  db: Kysely<Database>,
  seed: { name: string; type?: string; country?: string; ecosoc?: string; accreditation?: string; createdAt?: string },
): Promise<string> {
  const id = await createOrganisation(db, { name: seed.name, type: seed.type, accreditation: seed.accreditation });
  await db
    .updateTable('organisations')
    .set({ country: seed.country ?? 'AT', ecosoc_status: seed.ecosoc ?? 'none', ...(seed.createdAt ? { created_at: seed.createdAt } : {}) })
    .where('id', '=', id)
    .execute();
  return id;
}

let queue = 0;

export async function seedRegistration(
  db: Kysely<Database>,
  seed: { eventKey: string; person: SessionUser; organisationId: string; state?: string; mode?: string; createdAt?: string },
): Promise<string> {
  queue += 1;
  const id = `reg${queue}${Math.random().toString(36).slice(2, 8)}`;
  const stamp = seed.createdAt ?? new Date(Date.UTC(2027, 0, 1, 0, 0, queue)).toISOString();
  await db
    .insertInto('registrations')
    .values({
      id,
      event_key: seed.eventKey,
      user_id: seed.person.id,
      organisation_id: seed.organisationId,
      mode: seed.mode ?? 'in-person',
      state: seed.state ?? 'pending',
      queue_number: queue,
      statement: null,
      travel_support: 0,
      wants_to_speak: 0,
      accessibility_needs: null,
      decision_reason: null,
      decided_by: null,
      decided_at: null,
      created_at: stamp,
      updated_at: stamp,
    })
    .execute();
  return id;
}

/** A person of a new organisation with the given profile. */
export async function seedPerson(db: Kysely<Database>, organisation: Parameters<typeof seedOrganisation>[1]): Promise<{ person: SessionUser; organisationId: string }> {
  const organisationId = await seedOrganisation(db, organisation);
  return { person: await createMember(db, organisationId), organisationId };
}
