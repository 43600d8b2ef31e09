// The secretariat accredits an organisation or rejects it with a reason. The
// decision and its audit entry (who, when, what, why) are written in one
// transaction; the focal point learns of it by email either way.
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import { z } from '../validation';
import { recordDecision } from '../audit/audit-log';
import { requireSecretariat } from '../auth/permissions';
import type { SessionUser } from '../auth/sessions';
import { config } from '../config';
import type { Database } from '../db/schema';
import { deliverMailSoon, enqueueMail } from '../mail/outgoing-mail';
import { failure, invalid, issuesFromZod, success, type Result } from '../result';
import type { AccreditationState } from './organisation-schema';
import { recordPublicDataChange } from '../public-cache/public-data-version';

export const REASON_MAX_LENGTH = 1000;
export const DECISIONS = ['accredit', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];

const STATE_OF: Record<Decision, AccreditationState> = { accredit: 'accredited', reject: 'rejected' };

export const accreditationDecisionSchema = z
  .object({
    organisationId: z.string({ error: 'Choose an organisation from the queue.' }).trim().min(1, 'Choose an organisation from the queue.').max(100),
    decision: z.enum(DECISIONS, { error: 'Choose to accredit or to reject.' }),
    reason: z
      .string()
      .trim()
      .max(REASON_MAX_LENGTH, `Use at most ${REASON_MAX_LENGTH} characters.`)
      .optional()
      .transform((value) => value || null),
  })
  .superRefine((value, ctx) => {
    if (value.decision === 'reject' && !value.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Give the reason for not accrediting: the focal point reads it and can act on it.' });
    }
  });

export interface AccreditationOutcome {
  organisationId: string;
  state: AccreditationState;
  /** False when the organisation already had this state and reason (a repeated click): nothing was written or sent. */
  changed: boolean;
}

export async function decideAccreditation(
  db: Kysely<Database>,
  actor: SessionUser | null,
  input: unknown,
  now = portalNow(),
): Promise<Result<AccreditationOutcome>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const parsed = accreditationDecisionSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const { organisationId, decision, reason } = parsed.data;
  const state = STATE_OF[decision];
  const outcome = await db.transaction().execute((trx) => applyAccreditation(trx, secretariat.value.id, organisationId, state, reason, now));
  if (!outcome) return failure('not_found', 'This organisation no longer exists; reload the queue.');
  await deliverMailSoon(db);
  return success({ organisationId, state, changed: outcome.changed });
}

/** One organisation's decision inside the caller's transaction: null when it does not exist. */
async function applyAccreditation(trx: Kysely<Database>, secretariatId: string, organisationId: string, state: AccreditationState, reason: string | null, now: Date) {
  const stamp = now.toISOString();
  const organisation = await trx
    .selectFrom('organisations')
    .select(['id', 'name', 'accreditation', 'accreditation_reason'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!organisation) return null;
  if (organisation.accreditation === state && (organisation.accreditation_reason ?? null) === reason) {
    return { name: organisation.name, changed: false };
  }
  await trx
    .updateTable('organisations')
    .set({ accreditation: state, accreditation_reason: reason, accreditation_decided_by: secretariatId, accreditation_decided_at: stamp, updated_at: stamp })
    .where('id', '=', organisationId)
    .execute();
  await recordDecision(
    trx,
    {
      actorUserId: secretariatId,
      action: `organisation.${state}`,
      subjectType: 'organisation',
      subjectId: organisationId,
      reason,
      details: { organisation: organisation.name, from: organisation.accreditation, to: state },
    },
    now,
  );
  const recipients = await trx
    .selectFrom('users')
    .select(['email', 'name'])
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'focal-point')
    .where('deleted_at', 'is', null)
    .execute();
  for (const recipient of recipients) await enqueueMail(trx, { to: recipient.email, ...decisionMail(recipient.name, organisation.name, state, reason) });
  // The directory lists accredited organisations only.
  await recordPublicDataChange(trx);
  return { name: organisation.name, changed: true };
}

export const bulkAccreditationSchema = z
  .object({
    ids: z.array(z.string().trim().min(1).max(100), { error: 'Tick at least one organisation.' }).min(1, 'Tick at least one organisation.').max(500, 'Decide on at most 500 organisations at once.'),
    decision: z.enum(DECISIONS, { error: 'Choose to accredit or to reject.' }),
    reason: z.string().trim().max(REASON_MAX_LENGTH, `Use at most ${REASON_MAX_LENGTH} characters.`).optional().transform((value) => value || null),
  })
  .superRefine((value, ctx) => {
    if (value.decision === 'reject' && !value.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Give the reason for not accrediting: each focal point reads it and can act on it.' });
    }
  });

export interface BulkAccreditationOutcome {
  state: AccreditationState;
  changed: number;
  /** Ids that name no organisation (deleted meanwhile). */
  missing: string[];
}

/** The same decision, with the same reason, for every ticked organisation: one transaction, one audit entry and one email each. */
export async function decideAccreditations(
  db: Kysely<Database>,
  actor: SessionUser | null,
  input: unknown,
  now = portalNow(),
): Promise<Result<BulkAccreditationOutcome>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const parsed = bulkAccreditationSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const { ids, decision, reason } = parsed.data;
  const state = STATE_OF[decision];
  const outcome = await db.transaction().execute(async (trx) => {
    const result: BulkAccreditationOutcome = { state, changed: 0, missing: [] };
    for (const id of new Set(ids)) {
      const applied = await applyAccreditation(trx, secretariat.value.id, id, state, reason, now);
      if (!applied) result.missing.push(id);
      else if (applied.changed) result.changed += 1;
    }
    return result;
  });
  await deliverMailSoon(db);
  return success(outcome);
}

function decisionMail(person: string, organisation: string, state: AccreditationState, reason: string | null): { subject: string; text: string } {
  const account = new URL('/account', config().PUBLIC_ORIGIN).href;
  const why = reason ? `\n\nReason given by the secretariat:\n${reason}` : '';
  if (state === 'accredited') {
    return {
      subject: `${organisation} is accredited on WhatsOn`,
      text: `Dear ${person},\n\nThe UNODC secretariat has accredited ${organisation}. Its representatives can now apply for meetings and send written input.${why}\n\nYour account: ${account}\n\nThe WhatsOn team at the UNODC Civil Society Unit`,
    };
  }
  return {
    subject: `${organisation} is not accredited on WhatsOn`,
    text: `Dear ${person},\n\nThe UNODC secretariat has not accredited ${organisation}.${why}\n\nYou can update the organisation profile and then write to the secretariat at ${config().SECRETARIAT_EMAIL} to ask for a new review. Your account: ${account}\n\nThe WhatsOn team at the UNODC Civil Society Unit`,
  };
}
