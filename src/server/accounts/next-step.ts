// The home page's "your next step": where the visitor stands on the way from
// arriving to taking part (register → accreditation → apply and write).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';

export const NEXT_STEPS = ['signed-out', 'unconfirmed', 'no-organisation', 'pending', 'rejected', 'accredited', 'secretariat'] as const;
export type NextStep = (typeof NEXT_STEPS)[number];

/** Which of the three steps the visitor has reached (0: none yet), and what to do next. */
export async function describeNextStep(db: Kysely<Database>, actor: SessionUser | null): Promise<{ step: NextStep; reached: 0 | 1 | 2 | 3 }> {
  if (!actor) return { step: 'signed-out', reached: 0 };
  if (actor.role === 'secretariat') return { step: 'secretariat', reached: 3 };
  if (!actor.emailVerified) return { step: 'unconfirmed', reached: 0 };
  if (!actor.organisationId) return { step: 'no-organisation', reached: 0 };
  const organisation = await db.selectFrom('organisations').select('accreditation').where('id', '=', actor.organisationId).executeTakeFirst();
  if (!organisation) return { step: 'no-organisation', reached: 0 };
  if (organisation.accreditation === 'accredited') return { step: 'accredited', reached: 3 };
  if (organisation.accreditation === 'pending') return { step: 'pending', reached: 1 };
  return { step: 'rejected', reached: 1 };
}
