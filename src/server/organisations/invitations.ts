// The focal point of an accredited organisation invites colleagues by email;
// they join as representatives through a one-time link. An invitation never
// reserves the address (issue 14): no account exists until it is accepted, so
// the address's owner can sign up or reset a password as anyone can, and an
// invitation whose address meanwhile got its own account simply lapses. Only
// accredited organisations invite, since the email quotes their name from the
// portal's own sender. The answer does not say whether the address has an account.
import { portalNow } from '../clock';
import type { Kysely } from 'kysely';
import { z } from '../validation';
import { config } from '../config';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { hashPassword, passwordSchema } from '../auth/passwords';
import { requireAccreditedOrganisation } from '../auth/permissions';
import { hitRateLimit, RATE_LIMITS } from '../auth/rate-limits';
import { createSession } from '../auth/sessions';
import { generateId, generateToken, hashToken } from '../auth/tokens';
import { emailSchema } from '../accounts/person-schema';
import { deliverMailSoon, enqueueMail } from '../mail/outgoing-mail';
import { failure, invalid, issuesFromZod, success, type Result } from '../result';

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

const TOKEN_PATTERN = /^[a-z2-7]{32}$/;

export const INVITATION_MESSAGES = {
  focalPointOnly: 'Only the organisation’s focal point can invite colleagues; ask them, or the secretariat.',
  closed: 'This invitation has expired or was already used. Ask your focal point for a new one.',
  notAccredited: 'This invitation can no longer be used: the organisation is not accredited at the moment. Ask your focal point, or the secretariat.',
  taken: 'This address now has its own WhatsOn account, so the invitation cannot be used. Sign in with that account; a person belongs to one organisation, so ask the secretariat if you are moving to this one.',
} as const;

export const invitationSchema = z.object({ email: emailSchema });

export interface OpenInvitation {
  email: string;
  createdAt: string;
  expiresAt: string;
}

/** The organisation's invitations not yet accepted or expired, for its focal point. */
export async function listOpenInvitations(db: Kysely<Database>, organisationId: string, now = portalNow()): Promise<OpenInvitation[]> {
  const rows = await db
    .selectFrom('invitations')
    .select(['email', 'created_at', 'expires_at'])
    .where('organisation_id', '=', organisationId)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((row) => ({ email: row.email, createdAt: row.created_at, expiresAt: row.expires_at }));
}

export async function inviteColleague(db: Kysely<Database>, actor: SessionUser | null, input: unknown, now = portalNow()): Promise<Result<{ email: string }>> {
  if (actor && actor.role !== 'focal-point') return failure('forbidden', INVITATION_MESSAGES.focalPointOnly);
  // A pending or rejected organisation is refused with the reason (accreditation pending, or not accredited).
  const member = await requireAccreditedOrganisation(db, actor);
  if (!member.ok) return member;
  const parsed = invitationSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const { email } = parsed.data;
  const inviter = member.value.actor;
  const limited = await hitRateLimit(db, RATE_LIMITS.invitePerUser, inviter.id, now);
  if (!limited.allowed) return { ok: false, code: 'rate_limited', retryAfterSeconds: limited.retryAfterSeconds };

  const stamp = now.toISOString();
  const token = generateToken();
  await db.transaction().execute(async (trx) => {
    const organisation = await trx.selectFrom('organisations').select('name').where('id', '=', member.value.organisationId).executeTakeFirstOrThrow();
    const existing = await trx.selectFrom('users').select('id').where('email', '=', email).where('deleted_at', 'is', null).executeTakeFirst();
    // The owner of an existing account learns of the attempt; the focal point learns nothing.
    if (existing) return enqueueMail(trx, existingAccountMail(email, inviter.name, organisation.name));
    // A new invitation to the same address replaces the earlier one: only the newest link works.
    await trx
      .deleteFrom('invitations')
      .where('organisation_id', '=', member.value.organisationId)
      .where('email', '=', email)
      .where('accepted_at', 'is', null)
      .execute();
    await trx
      .insertInto('invitations')
      .values({
        id: hashToken(token),
        organisation_id: member.value.organisationId,
        email,
        invited_by: inviter.id,
        expires_at: new Date(now.getTime() + INVITATION_LIFETIME_MS).toISOString(),
        accepted_at: null,
        created_at: stamp,
      })
      .execute();
    await enqueueMail(trx, invitationMail(email, inviter.name, organisation.name, token));
  });
  await deliverMailSoon(db);
  return success({ email });
}

/** Where to report an abusive invitation: the secretariat's contact address (SECRETARIAT_EMAIL). */
export function abuseContact(): string {
  return `write to the secretariat at ${config().SECRETARIAT_EMAIL}`;
}

const SIGNATURE = 'The WhatsOn team at the UNODC Civil Society Unit';

function existingAccountMail(email: string, inviter: string, organisation: string) {
  return {
    to: email,
    subject: `An invitation to join “${organisation}” on WhatsOn`,
    text:
      `“${inviter}”, focal point of “${organisation}”, an organisation accredited by the UNODC secretariat on WhatsOn, tried to invite this address to join it. ` +
      'This address already has a WhatsOn account, and a person belongs to one organisation: nothing has changed for you. If you are moving to this organisation, ask the secretariat.\n\n' +
      `If you think this invitation is abuse, ${abuseContact()} and include this message.\n\n${SIGNATURE}`,
  };
}

function invitationMail(email: string, inviter: string, organisation: string, token: string) {
  const link = new URL('/join', config().PUBLIC_ORIGIN);
  link.searchParams.set('token', token);
  return {
    to: email,
    subject: `Invitation to represent “${organisation}” on WhatsOn`,
    text:
      `“${inviter}”, focal point of “${organisation}”, invites you to represent that organisation on WhatsOn, the civil-society portal for the UN Convention against Transnational Organized Crime. ` +
      `“${organisation}” is accredited by the UNODC secretariat; the focal point wrote the names quoted here, the secretariat did not.\n\n` +
      `Accept within 7 days by choosing your password here:\n\n${link.href}\n\n` +
      'This invitation does not reserve your address: you can ignore it, and you can still create your own WhatsOn account with it at any time (the invitation then lapses).\n\n' +
      `If you do not know “${inviter}” or think this invitation is abuse, ${abuseContact()} and include this message.\n\n${SIGNATURE}`,
  };
}

export const acceptInvitationSchema = z.object({
  token: z.string({ error: 'This invitation link is not valid.' }).regex(TOKEN_PATTERN, 'This invitation link is not valid.'),
  name: z.string({ error: 'Enter your name.' }).trim().min(1, 'Enter your name.').max(120, 'Use at most 120 characters.'),
  jobTitle: z.string().trim().max(120, 'Use at most 120 characters.').optional().transform((value) => value || null),
  password: passwordSchema,
});

export type InvitationState = 'open' | 'closed' | 'not-accredited' | 'taken';

export interface InvitationStatus {
  state: InvitationState;
  /** The organisation's name, when the invitation can be accepted. */
  organisationName: string | null;
}

/** Whether the link can be accepted, and if not why; read in the caller's transaction when it has one. */
async function readInvitation(db: Kysely<Database>, token: string, now: Date) {
  const invitation = await db
    .selectFrom('invitations')
    .innerJoin('organisations', 'organisations.id', 'invitations.organisation_id')
    .select(['invitations.id', 'invitations.organisation_id', 'invitations.email', 'invitations.expires_at', 'invitations.accepted_at', 'organisations.name', 'organisations.accreditation'])
    .where('invitations.id', '=', hashToken(token))
    .executeTakeFirst();
  if (!invitation || invitation.accepted_at || invitation.expires_at <= now.toISOString()) return { state: 'closed' as const, invitation: null };
  if (invitation.accreditation !== 'accredited') return { state: 'not-accredited' as const, invitation: null };
  const owner = await db.selectFrom('users').select('id').where('email', '=', invitation.email).executeTakeFirst();
  if (owner) return { state: 'taken' as const, invitation: null };
  return { state: 'open' as const, invitation };
}

export async function invitationStatus(db: Kysely<Database>, token: string, now = portalNow()): Promise<InvitationStatus> {
  if (!TOKEN_PATTERN.test(token)) return { state: 'closed', organisationName: null };
  const { state, invitation } = await readInvitation(db, token, now);
  return { state, organisationName: invitation?.name ?? null };
}

const REFUSALS = {
  closed: failure('not_found', INVITATION_MESSAGES.closed),
  'not-accredited': failure('forbidden', INVITATION_MESSAGES.notAccredited),
  taken: failure('conflict', INVITATION_MESSAGES.taken),
} as const;

/** Thrown inside the transaction to undo it: the address got its own account at the same moment. */
class AddressTaken extends Error {}

/** Creates the newcomer's account (the link proved the address), uses the invitation up and signs them in. */
export async function acceptInvitation(db: Kysely<Database>, input: unknown, now = portalNow()): Promise<Result<{ token: string; expiresAt: Date }>> {
  const parsed = acceptInvitationSchema.safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const { token, name, jobTitle, password } = parsed.data;
  // Hashing takes a while: never inside the transaction (it would hold SQLite's only connection).
  const passwordHash = await hashPassword(password);
  const stamp = now.toISOString();
  let outcome: { state: Exclude<InvitationState, 'open'> } | { state: 'open'; userId: string };
  try {
    outcome = await db.transaction().execute(async (trx) => {
      const { state, invitation } = await readInvitation(trx, token, now);
      if (!invitation) return { state: state as Exclude<InvitationState, 'open'> };
      // A conditional update, so two concurrent uses of a link cannot both succeed.
      const used = await trx
        .updateTable('invitations')
        .set({ accepted_at: stamp })
        .where('id', '=', invitation.id)
        .where('accepted_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!used) return { state: 'closed' as const };
      const userId = generateId();
      // Addresses are unique: an account made for this address meanwhile wins.
      const created = await trx
        .insertInto('users')
        .values({
          id: userId,
          email: invitation.email,
          name,
          job_title: jobTitle,
          organisation_id: invitation.organisation_id,
          role: 'representative',
          password_hash: passwordHash,
          email_verified_at: stamp,
          created_at: stamp,
          updated_at: stamp,
        })
        .onConflict((conflict) => conflict.column('email').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!created) throw new AddressTaken();
      return { state: 'open' as const, userId };
    });
  } catch (error) {
    if (!(error instanceof AddressTaken)) throw error;
    outcome = { state: 'taken' };
  }
  if (outcome.state !== 'open') return REFUSALS[outcome.state];
  return success(await createSession(db, outcome.userId, now));
}
