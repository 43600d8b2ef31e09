// The focal point may hand the role to a confirmed colleague; there is one
// focal point per organisation at any time.
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import { z } from '../validation';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { invalid, issuesFromZod, success, type Result } from '../result';
import { requireFocalPoint } from './profile';

export const handOverSchema = z.object({ userId: z.string({ error: 'Choose a colleague.' }).min(1, 'Choose a colleague.') });

export async function handOverFocalPoint(db: Kysely<Database>, actor: SessionUser | null, input: unknown, now = portalNow()): Promise<Result<{ newFocalPointId: string }>> {
  const focal = requireFocalPoint(actor);
  if ('ok' in focal) return focal;
  const parsed = handOverSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const { userId } = parsed.data;
  return db.transaction().execute(async (trx) => {
    const colleague = await trx
      .selectFrom('users')
      .select(['id', 'email_verified_at'])
      .where('id', '=', userId)
      .where('organisation_id', '=', focal.organisationId)
      .where('role', '=', 'representative')
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!colleague) return invalid({ userId: 'Choose a colleague of your organisation.' });
    if (!colleague.email_verified_at) return invalid({ userId: 'This colleague has not accepted the invitation yet.' });
    const stamp = now.toISOString();
    await trx.updateTable('users').set({ role: 'focal-point', updated_at: stamp }).where('id', '=', colleague.id).execute();
    await trx.updateTable('users').set({ role: 'representative', updated_at: stamp }).where('id', '=', focal.actor.id).execute();
    return success({ newFocalPointId: colleague.id });
  });
}

