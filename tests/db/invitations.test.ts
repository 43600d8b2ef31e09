// Invitations (security note, "Learned from trying the landed portal"): only
// accredited organisations invite, and an invitation never reserves an email
// address; its owner signs up or resets a password as anyone can.
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index';
import type { DatabaseHandle } from '../../src/server/db/connection';
import type { Database } from '../../src/server/db/schema';
import { migrateToLatest } from '../../src/server/db/migrate';
import type { SessionUser } from '../../src/server/auth/sessions';
import { validateSessionToken } from '../../src/server/auth/sessions';
import { PERMISSION_MESSAGES } from '../../src/server/auth/permissions';
import { generateToken, hashToken } from '../../src/server/auth/tokens';
import { signUp } from '../../src/server/accounts/sign-up';
import { verifyEmail } from '../../src/server/accounts/email-verification';
import { requestPasswordReset } from '../../src/server/accounts/password-reset';
import {
  acceptInvitation,
  INVITATION_LIFETIME_MS,
  INVITATION_MESSAGES,
  invitationStatus,
  inviteColleague,
  listOpenInvitations,
} from '../../src/server/organisations/invitations';
import { createTestDatabase, DIALECTS, useMigratedDatabase } from '../support/databases';
import { TOPIC_SLUGS } from '../support/event-fixtures';
import { signUpFields } from '../support/forms';
import { createMember, createOrganisation } from '../support/members';
import { linkIn, mailTo, readOutbox, useTemporaryOutbox, waitForMail } from '../support/outbox';

const outbox = useTemporaryOutbox();

const NOW = new Date('2027-05-01T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const PASSWORD = 'a good long passphrase';

const mailsTo = (email: string) => readOutbox(outbox).filter((message) => message.to === email);

/** The token in the latest invitation or confirmation email to `email`, once one is delivered. */
async function tokenIn(email: string, path: '/join?token=' | '/verify-email?token='): Promise<string> {
  const subject = path === '/join?token=' ? 'Invitation to represent' : 'Confirm your email address';
  const mail = await mailTo(outbox, email, subject);
  return new URL(linkIn(mail, path)).searchParams.get('token')!;
}

let sequence = 0;
const address = (label: string) => `${label}-${Date.now().toString(36)}-${++sequence}@example.org`;

describe.each(DIALECTS)('invitations on %s', (dialect) => {
  let handle: DatabaseHandle;
  let db: Kysely<Database>;

  useMigratedDatabase(dialect, (opened) => {
    handle = opened;
    db = opened.db;
  });

  async function focalPointOf(accreditation: 'pending' | 'accredited' | 'rejected' = 'accredited'): Promise<SessionUser> {
    return createMember(db, await createOrganisation(db, { accreditation, name: 'Harbour Watch' }), 'focal-point');
  }

  async function signUpOnTheirOwn(email: string, now: Date) {
    return signUp(db, signUpFields(email, { organisationName: 'Own Organisation' }), { clientAddress: `10.2.0.${++sequence % 250}`, knownTopics: TOPIC_SLUGS, now });
  }

  it('only focal points of accredited organisations invite; a pending or rejected organisation is told why', async () => {
    const invitee = address('invitee');
    expect(await inviteColleague(db, await focalPointOf('pending'), { email: invitee }, NOW)).toEqual({ ok: false, code: 'forbidden', message: PERMISSION_MESSAGES.pending });
    expect(await inviteColleague(db, await focalPointOf('rejected'), { email: invitee }, NOW)).toEqual({ ok: false, code: 'forbidden', message: PERMISSION_MESSAGES.rejected });
    const representative = await createMember(db, await createOrganisation(db), 'representative');
    expect(await inviteColleague(db, representative, { email: invitee }, NOW)).toEqual({ ok: false, code: 'forbidden', message: INVITATION_MESSAGES.focalPointOnly });
    expect(await inviteColleague(db, null, { email: invitee }, NOW)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(mailsTo(invitee)).toEqual([]);
    expect(await db.selectFrom('invitations').selectAll().execute()).toEqual([]);

    expect(await inviteColleague(db, await focalPointOf('accredited'), { email: invitee }, NOW)).toEqual({ ok: true, value: { email: invitee } });
    expect(await waitForMail(outbox, (message) => message.to === invitee)).toHaveLength(1);
  });

  it('invitation emails name the organisation as accredited and say how to report abuse', async () => {
    const invitee = address('invitee');
    const focal = await focalPointOf();
    await inviteColleague(db, focal, { email: invitee }, NOW);
    const mail = await mailTo(outbox, invitee, 'Invitation to represent');
    // (The outbox reader decodes quoted-printable bytes one by one, so the typographic quotes are left out here.)
    expect(mail.raw).toMatch(/Harbour Watch.{1,6} is accredited by the UNODC secretariat/);
    expect(mail.raw).toMatch(new RegExp(`${focal.name}.{1,6}, focal point of .{1,6}Harbour Watch`));
    expect(mail.raw).toContain('think this invitation is abuse, write to the secretariat at civil-society@whatson.invalid');
    expect(mail.raw).toContain('does not reserve your address');
    expect(linkIn(mail, '/join?token=')).toBeTruthy();
  });

  it('an invitation creates no account; accepting it does, signs the person in, and works once', async () => {
    const invitee = address('invitee');
    const focal = await focalPointOf();
    await inviteColleague(db, focal, { email: invitee }, NOW);
    expect(await db.selectFrom('users').select('id').where('email', '=', invitee).executeTakeFirst()).toBeUndefined();
    expect(await listOpenInvitations(db, focal.organisationId!, NOW)).toEqual([{ email: invitee, createdAt: NOW.toISOString(), expiresAt: new Date(NOW.getTime() + INVITATION_LIFETIME_MS).toISOString() }]);
    const token = await tokenIn(invitee, '/join?token=');
    expect(await invitationStatus(db, token, NOW)).toEqual({ state: 'open', organisationName: 'Harbour Watch' });

    const joined = await acceptInvitation(db, { token, name: 'Chen Wei', password: PASSWORD }, NOW);
    expect(joined.ok).toBe(true);
    const session = await validateSessionToken(db, joined.ok ? joined.value.token : '', NOW);
    expect(session?.user).toMatchObject({ email: invitee, name: 'Chen Wei', role: 'representative', organisationId: focal.organisationId, emailVerified: true });
    expect(await listOpenInvitations(db, focal.organisationId!, NOW)).toEqual([]);
    expect(await acceptInvitation(db, { token, name: 'Intruder', password: PASSWORD }, NOW)).toEqual({ ok: false, code: 'not_found', message: INVITATION_MESSAGES.closed });
  });

  it('an invitation never reserves an address: its owner signs up on their own, and the invitation lapses', async () => {
    const invitee = address('invitee');
    await inviteColleague(db, await focalPointOf(), { email: invitee }, NOW);
    const token = await tokenIn(invitee, '/join?token=');

    expect(await signUpOnTheirOwn(invitee, NOW)).toEqual({ ok: true, value: { email: invitee } });
    const own = await db.selectFrom('users').select(['role', 'organisation_id']).where('email', '=', invitee).executeTakeFirstOrThrow();
    expect(own.role).toBe('focal-point');
    expect((await waitForMail(outbox, (message) => message.to === invitee, 2)).at(-1)!.subject).toBe('Confirm your email address for WhatsOn');

    expect(await invitationStatus(db, token, NOW)).toEqual({ state: 'taken', organisationName: null });
    expect(await acceptInvitation(db, { token, name: 'Chen Wei', password: PASSWORD }, NOW)).toEqual({ ok: false, code: 'conflict', message: INVITATION_MESSAGES.taken });
    expect(await db.selectFrom('users').select('organisation_id').where('email', '=', invitee).executeTakeFirstOrThrow()).toEqual({ organisation_id: own.organisation_id });
  });

  it('an invitation never reserves an address: after it expired, its owner signs up and resets a password as usual', async () => {
    const invitee = address('invitee');
    await inviteColleague(db, await focalPointOf(), { email: invitee }, NOW);
    const later = new Date(NOW.getTime() + 8 * DAY);
    expect(await invitationStatus(db, await tokenIn(invitee, '/join?token='), later)).toEqual({ state: 'closed', organisationName: null });

    await signUpOnTheirOwn(invitee, later);
    expect((await verifyEmail(db, await tokenIn(invitee, '/verify-email?token='), later)).ok).toBe(true);
    expect(await requestPasswordReset(db, { email: invitee }, { clientAddress: '10.3.0.1', now: later })).toEqual({ ok: true, value: { email: invitee } });
    const resets = await waitForMail(outbox, (message) => message.to === invitee && message.subject === 'Choose a new password for WhatsOn');
    expect(resets).toHaveLength(1);
  });

  it('accepting an invitation whose address got its own account at the same moment fails and writes nothing', async () => {
    const invitee = address('invitee');
    await inviteColleague(db, await focalPointOf(), { email: invitee }, NOW);
    // Fault injection: as the invitation is used up, another request creates an account for the address.
    const values = `('squatter', new.email, 'Own account', 'focal-point', '2027-05-01', '2027-05-01')`;
    if (handle.dialect === 'sqlite') {
      await sql.raw(`create trigger squat after update of accepted_at on invitations begin insert into users (id, email, name, role, created_at, updated_at) values ${values}; end`).execute(db);
    } else {
      await sql.raw(`create function squat() returns trigger language plpgsql as $$ begin insert into users (id, email, name, role, created_at, updated_at) values ${values}; return new; end $$`).execute(db);
      await sql.raw('create trigger squat after update of accepted_at on invitations for each row execute function squat()').execute(db);
    }
    const token = await tokenIn(invitee, '/join?token=');
    expect(await acceptInvitation(db, { token, name: 'Chen Wei', password: PASSWORD }, NOW)).toEqual({ ok: false, code: 'conflict', message: INVITATION_MESSAGES.taken });
    expect(await db.selectFrom('users').select('id').where('email', '=', invitee).execute()).toEqual([]);
    expect(await db.selectFrom('invitations').select('accepted_at').executeTakeFirstOrThrow()).toEqual({ accepted_at: null });
  });

  it('inviting an address that has an account tells its owner and creates nothing', async () => {
    const existing = await createMember(db, await createOrganisation(db), 'representative');
    expect(await inviteColleague(db, await focalPointOf(), { email: existing.email }, NOW)).toEqual({ ok: true, value: { email: existing.email } });
    const mail = await mailTo(outbox, existing.email, 'An invitation to join');
    expect(mail.raw).toContain('already has a WhatsOn account');
    expect(mail.raw).toContain('accredited by the UNODC secretariat');
    expect(mail.raw).not.toContain('/join?token=');
    expect(await db.selectFrom('invitations').selectAll().execute()).toEqual([]);
  });

  it('a new invitation to the same address replaces the earlier one', async () => {
    const invitee = address('invitee');
    const focal = await focalPointOf();
    await inviteColleague(db, focal, { email: invitee }, NOW);
    const first = await tokenIn(invitee, '/join?token=');
    await inviteColleague(db, focal, { email: invitee }, new Date(NOW.getTime() + DAY));
    await waitForMail(outbox, (message) => message.to === invitee && message.subjectText.startsWith('Invitation to represent'), 2);
    const second = await tokenIn(invitee, '/join?token=');
    expect(await invitationStatus(db, first, NOW)).toMatchObject({ state: 'closed' });
    expect(await invitationStatus(db, second, NOW)).toMatchObject({ state: 'open' });
    expect(await listOpenInvitations(db, focal.organisationId!, NOW)).toHaveLength(1);
  });

  it('an invitation cannot be accepted once expired, or once its organisation is no longer accredited', async () => {
    const expiring = address('expiring');
    const focal = await focalPointOf();
    await inviteColleague(db, focal, { email: expiring }, NOW);
    const late = new Date(NOW.getTime() + INVITATION_LIFETIME_MS + 1);
    expect(await acceptInvitation(db, { token: await tokenIn(expiring, '/join?token='), name: 'Late', password: PASSWORD }, late)).toEqual({
      ok: false,
      code: 'not_found',
      message: INVITATION_MESSAGES.closed,
    });

    const invitee = address('invitee');
    await inviteColleague(db, focal, { email: invitee }, NOW);
    await db.updateTable('organisations').set({ accreditation: 'rejected' }).where('id', '=', focal.organisationId!).execute();
    const token = await tokenIn(invitee, '/join?token=');
    expect(await invitationStatus(db, token, NOW)).toEqual({ state: 'not-accredited', organisationName: null });
    expect(await acceptInvitation(db, { token, name: 'Chen Wei', password: PASSWORD }, NOW)).toEqual({ ok: false, code: 'forbidden', message: INVITATION_MESSAGES.notAccredited });
    expect(await db.selectFrom('users').select('id').where('email', 'in', [expiring, invitee]).execute()).toEqual([]);
  });
});

describe.each(DIALECTS)('the invitations migration on %s', (dialect) => {
  it('turns the placeholder accounts of earlier invitations into invitations, freeing their addresses and keeping their links', async () => {
    const database = await createTestDatabase(dialect);
    const handle = database.open();
    try {
      const before = migrations.findIndex(([name]) => name === '2026-12-01-31-invitations');
      await migrateToLatest(handle, migrations.slice(0, before));
      const db = handle.db;
      const organisationId = await createOrganisation(db, { name: 'Harbour Watch' });
      const stamp = NOW.toISOString();
      const placeholder = (id: string, email: string) => ({
        id,
        email,
        name: email,
        job_title: null,
        organisation_id: organisationId,
        role: 'representative' as const,
        password_hash: null,
        email_verified_at: null,
        created_at: stamp,
        updated_at: stamp,
      });
      await db.insertInto('users').values([placeholder('open-one', 'open@example.org'), placeholder('expired-one', 'expired@example.org')]).execute();
      const member = await createMember(db, organisationId, 'representative');
      const token = generateToken();
      const expires = new Date(Date.now() + DAY).toISOString();
      await db
        .insertInto('one_time_tokens')
        .values([
          { id: hashToken(token), user_id: 'open-one', purpose: 'invitation', expires_at: expires, used_at: null, created_at: stamp },
          { id: hashToken(generateToken()), user_id: 'expired-one', purpose: 'invitation', expires_at: stamp, used_at: null, created_at: stamp },
        ])
        .execute();

      await migrateToLatest(handle);
      expect((await db.selectFrom('users').select('id').orderBy('id').execute()).map((row) => row.id)).toEqual([member.id]);
      expect(await db.selectFrom('invitations').select(['id', 'email', 'organisation_id', 'invited_by']).orderBy('email').execute()).toEqual([
        { id: expect.any(String), email: 'expired@example.org', organisation_id: organisationId, invited_by: null },
        { id: hashToken(token), email: 'open@example.org', organisation_id: organisationId, invited_by: null },
      ]);
      expect(await db.selectFrom('one_time_tokens').selectAll().execute()).toEqual([]);
      // The link already sent still works; the other address is free for its owner.
      expect((await acceptInvitation(db, { token, name: 'Chen Wei', password: PASSWORD })).ok).toBe(true);
      expect(await signUp(db, signUpFields('expired@example.org'), { clientAddress: '10.4.0.1', knownTopics: TOPIC_SLUGS })).toMatchObject({ ok: true });
      expect(await db.selectFrom('users').select('role').where('email', '=', 'expired@example.org').executeTakeFirstOrThrow()).toEqual({ role: 'focal-point' });
    } finally {
      await handle.close();
      await database.drop();
    }
  });
});
