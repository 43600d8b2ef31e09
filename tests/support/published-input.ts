// Published written input written straight into a test database: text as it
// may already be stored (for instance from before the input rules), which
// the forms of today could refuse. Published as the secretariat's decision
// would: the public data version moves with it.
import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema';
import { generateToken } from '../../src/server/auth/tokens';
import { recordPublicDataChange } from '../../src/server/public-cache/public-data-version';

export interface PublishedInput {
  organisationId: string;
  authorId: string;
  title?: string;
  body?: string;
  topics?: string[];
  /** Codes of the States it names. */
  states?: string[];
  callKey?: string | null;
  publishedAt?: string;
}

export async function insertPublishedInput(db: Kysely<Database>, input: PublishedInput): Promise<string> {
  const id = generateToken();
  const stamp = input.publishedAt ?? '2027-01-10T09:00:00.000Z';
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('submissions')
      .values({
        id,
        organisation_id: input.organisationId,
        author_id: input.authorId,
        title: input.title ?? 'Findings on tracing',
        topics: JSON.stringify(input.topics ?? ['firearms']),
        states: JSON.stringify(input.states ?? []),
        call_event_key: input.callKey ?? null,
        body: input.body ?? 'What we found.',
        answers: '[]',
        consent_to_publish: 1,
        state: 'published',
        secretariat_note: null,
        attachment_stored_name: null,
        attachment_name: null,
        attachment_size: null,
        created_at: stamp,
        updated_at: stamp,
        submitted_at: stamp,
        decided_at: stamp,
        decided_by: null,
        published_at: stamp,
      })
      .execute();
    // As publishing does: servers answering from their page cache see the change.
    await recordPublicDataChange(trx);
  });
  return id;
}
