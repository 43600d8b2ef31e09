// The secretariat reviews identity changes of accredited organisations: the
// queue (oldest request first, current and requested values side by side),
// and the decision. Approving writes the new values; rejecting keeps the old
// ones. Either way the decision and its audit entry (who, when, old → new,
// why) are written in one transaction, and the focal point is emailed.
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import { z } from '../validation';
import { recordDecision } from '../audit/audit-log';
import { requireSecretariat } from '../auth/permissions';
import type { SessionUser } from '../auth/sessions';
import { config } from '../config';
import { messagesFor, DEFAULT_LOCALE } from '../../i18n';
import { countryName } from '../../i18n/format';
import type { Database } from '../db/schema';
import { deliverMailSoon, enqueueMail } from '../mail/outgoing-mail';
import { recordPublicDataChange } from '../public-cache/public-data-version';
import { failure, invalid, issuesFromZod, success, type Result } from '../result';
import { identityDifferences, identityOf, identityRecord, type IdentityDifference, type OrganisationIdentity } from './identity-changes';

export const IDENTITY_REASON_MAX_LENGTH = 1000;
export const IDENTITY_DECISIONS = ['approve', 'reject'] as const;
export type IdentityDecision = (typeof IDENTITY_DECISIONS)[number];

const STATE_OF = { approve: 'approved', reject: 'rejected' } as const;

export const identityDecisionSchema = z
  .object({
    changeId: z.string({ error: 'Choose a change from the queue.' }).trim().min(1, 'Choose a change from the queue.').max(100),
    decision: z.enum(IDENTITY_DECISIONS, { error: 'Choose to approve or to reject the change.' }),
    reason: z
      .string()
      .trim()
      .max(IDENTITY_REASON_MAX_LENGTH, `Use at most ${IDENTITY_REASON_MAX_LENGTH} characters.`)
      .optional()
      .transform((value) => value || null),
  })
  .superRefine((value, ctx) => {
    if (value.decision === 'reject' && !value.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Give the reason for rejecting the change: the focal point reads it and can act on it.' });
    }
  });

export interface IdentityReview {
  id: string;
  organisationId: string;
  accreditation: string;
  current: OrganisationIdentity;
  requested: OrganisationIdentity;
  differences: IdentityDifference[];
  requestedAt: string;
  requestedBy: { name: string; email: string } | null;
}

/** The pending changes, oldest first. */
export async function listIdentityReviews(db: Kysely<Database>, actor: SessionUser | null): Promise<Result<IdentityReview[]>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const rows = await db
    .selectFrom('identity_changes')
    .innerJoin('organisations', 'organisations.id', 'identity_changes.organisation_id')
    .leftJoin('users as requester', 'requester.id', 'identity_changes.requested_by')
    .select([
      'identity_changes.id',
      'identity_changes.organisation_id',
      'identity_changes.name',
      'identity_changes.acronym',
      'identity_changes.type',
      'identity_changes.country',
      'identity_changes.requested_at',
      'organisations.name as current_name',
      'organisations.acronym as current_acronym',
      'organisations.type as current_type',
      'organisations.country as current_country',
      'organisations.accreditation',
      'requester.name as requester_name',
      'requester.email as requester_email',
    ])
    .where('identity_changes.state', '=', 'pending')
    .orderBy('identity_changes.requested_at', 'asc')
    .orderBy('identity_changes.id', 'asc')
    .execute();
  return success(
    rows.map((row) => {
      const current = identityOf({ name: row.current_name, acronym: row.current_acronym, type: row.current_type, country: row.current_country });
      const requested = identityOf(row);
      return {
        id: row.id,
        organisationId: row.organisation_id,
        accreditation: row.accreditation,
        current,
        requested,
        differences: identityDifferences(current, requested),
        requestedAt: row.requested_at,
        requestedBy: row.requester_name !== null && row.requester_email !== null ? { name: row.requester_name, email: row.requester_email } : null,
      };
    }),
  );
}

export interface IdentityDecisionOutcome {
  changeId: string;
  state: 'approved' | 'rejected';
  /** False when the change already had this decision (a repeated click): nothing was written or sent. */
  changed: boolean;
}

export async function decideIdentityChange(
  db: Kysely<Database>,
  actor: SessionUser | null,
  input: unknown,
  now = portalNow(),
): Promise<Result<IdentityDecisionOutcome>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const parsed = identityDecisionSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const { changeId, decision, reason } = parsed.data;
  const state = STATE_OF[decision];
  const stamp = now.toISOString();

  const outcome = await db.transaction().execute(async (trx) => {
    const change = await trx.selectFrom('identity_changes').select('organisation_id').where('id', '=', changeId).executeTakeFirst();
    if (!change) return 'not_found' as const;
    // The organisation's row first, as an edit of the profile takes it, so the two take turns.
    const organisation = await trx
      .updateTable('organisations')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('id', '=', change.organisation_id)
      .returning(['name', 'acronym', 'type', 'country'])
      .executeTakeFirstOrThrow();
    const decided = await trx
      .updateTable('identity_changes')
      .set({ state, decided_by: secretariat.value.id, decided_at: stamp, reason })
      .where('id', '=', changeId)
      .where('state', '=', 'pending')
      .returning(['name', 'acronym', 'type', 'country', 'requested_by', 'requested_at'])
      .executeTakeFirst();
    if (!decided) {
      const earlier = await trx.selectFrom('identity_changes').select('state').where('id', '=', changeId).executeTakeFirstOrThrow();
      return earlier.state === state ? ('repeated' as const) : ('gone' as const);
    }
    const from = identityOf(organisation);
    const to = identityOf(decided);
    if (state === 'approved') {
      await trx
        .updateTable('organisations')
        .set({ name: to.organisationName, acronym: to.acronym, type: to.type, country: to.country, updated_at: stamp })
        .where('id', '=', change.organisation_id)
        .execute();
    }
    await recordDecision(
      trx,
      {
        actorUserId: secretariat.value.id,
        action: `organisation.identity-${state}`,
        subjectType: 'organisation',
        subjectId: change.organisation_id,
        reason,
        details: { organisation: from.organisationName, from: identityRecord(from), to: identityRecord(to), requestedBy: decided.requested_by, requestedAt: decided.requested_at },
      },
      now,
    );
    const recipients = await trx
      .selectFrom('users')
      .select(['email', 'name'])
      .where('organisation_id', '=', change.organisation_id)
      .where('role', '=', 'focal-point')
      .where('deleted_at', 'is', null)
      .execute();
    for (const recipient of recipients) await enqueueMail(trx, { to: recipient.email, ...decisionMail(recipient.name, from, to, state, reason) });
    // The directory and published input show the organisation's name.
    if (state === 'approved') await recordPublicDataChange(trx);
    return 'decided' as const;
  });
  if (outcome === 'not_found') return failure('not_found', 'This change no longer exists; reload the queue.');
  if (outcome === 'gone') return failure('conflict', 'This change was already decided, or the focal point withdrew or replaced it; reload the queue.');
  if (outcome === 'decided') await deliverMailSoon(db);
  return success({ changeId, state, changed: outcome === 'decided' });
}

/** "Name (ACRONYM), kind, country", as the email says it. */
function describe(identity: OrganisationIdentity): string {
  const kind = messagesFor(DEFAULT_LOCALE).directory.typeNames[identity.type] ?? identity.type;
  return `${identity.organisationName}${identity.acronym ? ` (${identity.acronym})` : ''}, ${kind}, ${countryName(identity.country, DEFAULT_LOCALE)}`;
}

function decisionMail(person: string, from: OrganisationIdentity, to: OrganisationIdentity, state: 'approved' | 'rejected', reason: string | null) {
  const profile = new URL('/account/organisation', config().PUBLIC_ORIGIN).href;
  const why = reason ? `\n\nReason given by the secretariat:\n${reason}` : '';
  if (state === 'approved') {
    return {
      subject: `${from.organisationName}: the change of name or details is approved`,
      text: `Dear ${person},\n\nThe UNODC secretariat has approved the change you asked for. The organisation is now shown as:\n${describe(to)}${why}\n\nThe profile: ${profile}\n\n${SIGNATURE}`,
    };
  }
  return {
    subject: `${from.organisationName}: the change of name or details is not approved`,
    text: `Dear ${person},\n\nThe UNODC secretariat has not approved the change you asked for (${describe(to)}). The organisation stays as:\n${describe(from)}${why}\n\nYou can ask again from the profile: ${profile}\n\n${SIGNATURE}`,
  };
}

const SIGNATURE = 'The WhatsOn team at the UNODC Civil Society Unit';
