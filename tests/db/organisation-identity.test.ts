// Who an organisation is (name, acronym, type, country) changes only with the
// secretariat's review once it is accredited (security note, "Learned from
// trying the landed portal"); names that claim the UN are refused.
import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema';
import type { SessionUser } from '../../src/server/auth/sessions';
import { requireAccreditedOrganisation } from '../../src/server/auth/permissions';
import { signUp } from '../../src/server/accounts/sign-up';
import { readAuditTrail } from '../../src/server/audit/audit-trail';
import { searchDirectory } from '../../src/server/organisations/directory';
import { OFFICIAL_NAME_MESSAGES } from '../../src/server/organisations/official-names';
import { readOrganisation, updateOrganisationProfile } from '../../src/server/organisations/profile';
import { decideIdentityChange, listIdentityReviews } from '../../src/server/organisations/identity-review';
import { applyForEvent, NOT_ELIGIBLE } from '../../src/server/registrations/apply';
import { DIALECTS, useMigratedDatabase } from '../support/databases';
import { portalEvent, TOPIC_SLUGS } from '../support/event-fixtures';
import { signUpFields } from '../support/forms';
import { createMember, createOrganisation } from '../support/members';
import { awaitMail, readOutbox, useTemporaryOutbox } from '../support/outbox';
import { saying } from '../support/messages-in-english';

const outbox = useTemporaryOutbox();

const NOW = new Date('2027-05-01T12:00:00Z');
const LATER = new Date('2027-05-02T09:00:00Z');

/** The profile form as the focal point posts it, from the organisation's seed values. */
function profileForm(changes: Record<string, unknown> = {}) {
  return {
    organisationName: 'Harbour Watch',
    acronym: '',
    type: 'other',
    country: 'AT',
    website: '',
    description: 'Test organisation',
    ecosocStatus: 'none',
    topics: ['firearms'],
    listed: 'on',
    ...changes,
  };
}

const mailsTo = (email: string) => readOutbox(outbox).filter((message) => message.to === email);

describe.each(DIALECTS)('organisation identity on %s', (dialect) => {
  let db: Kysely<Database>;
  let secretariat: SessionUser;

  useMigratedDatabase(dialect, async (handle) => {
    db = handle.db;
    secretariat = await createMember(db, null, 'secretariat');
  });

  async function organisationWithFocalPoint(accreditation: 'pending' | 'accredited' | 'rejected' = 'accredited') {
    const organisationId = await createOrganisation(db, { accreditation, type: 'other', name: 'Harbour Watch' });
    const focal = await createMember(db, organisationId, 'focal-point');
    return { organisationId, focal };
  }

  const organisationRow = (id: string) => db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('identity changes of an accredited organisation wait for the secretariat; other fields change at once', async () => {
    const { organisationId, focal } = await organisationWithFocalPoint();
    const edited = await updateOrganisationProfile(
      db,
      focal,
      profileForm({ organisationName: 'Harbour Watch International', acronym: 'HWI', type: 'ngo', country: 'KE', website: 'https://harbour.example.org' }),
      TOPIC_SLUGS,
      NOW,
    );
    expect(edited).toEqual({ ok: true, value: { organisationId, identity: 'pending' } });

    const row = await organisationRow(organisationId);
    expect(row).toMatchObject({ name: 'Harbour Watch', acronym: null, type: 'other', country: 'AT', website: 'https://harbour.example.org' });
    // The directory and the checks of what the organisation may do use the values the secretariat accredited.
    const directory = await searchDirectory(db, new URLSearchParams({ q: 'Harbour' }), TOPIC_SLUGS);
    expect(directory.ok && directory.value.organisations.map((organisation) => organisation.name)).toEqual(['Harbour Watch']);
    expect(await requireAccreditedOrganisation(db, focal)).toMatchObject({ ok: true, value: { organisationName: 'Harbour Watch' } });
    const event = portalEvent('2027-07-firearms', {
      start: '2027-07-06T10:00',
      end: '2027-07-06T18:00',
      registration: { mode: 'open', opens: '2027-04-01T00:00', closes: '2027-06-15T23:59', capacityInPerson: 10, capacityOnline: 10, maxPerOrganisation: 2, waitlist: true, eligibleTypes: ['ngo'] },
    });
    expect(await applyForEvent(db, focal, event, { mode: 'online' }, NOW)).toEqual({ ok: false, code: 'forbidden', message: NOT_ELIGIBLE });

    // The focal point sees the request, with the values asked for in the form.
    const details = await readOrganisation(db, focal, NOW);
    expect(details.ok && details.value.pendingIdentity).toMatchObject({
      requestedAt: NOW.toISOString(),
      current: { organisationName: 'Harbour Watch', acronym: null, type: 'other', country: 'AT' },
      requested: { organisationName: 'Harbour Watch International', acronym: 'HWI', type: 'ngo', country: 'KE' },
    });
    expect(details.ok && details.value.profile).toMatchObject({ organisationName: 'Harbour Watch International', type: 'ngo', website: 'https://harbour.example.org' });

    const queue = await listIdentityReviews(db, secretariat);
    expect(queue.ok && queue.value).toEqual([
      expect.objectContaining({
        organisationId,
        requestedBy: { name: focal.name, email: focal.email },
        differences: [
          { field: 'organisationName', from: 'Harbour Watch', to: 'Harbour Watch International' },
          { field: 'acronym', from: null, to: 'HWI' },
          { field: 'type', from: 'other', to: 'ngo' },
          { field: 'country', from: 'AT', to: 'KE' },
        ],
      }),
    ]);
  });

  it('the secretariat approves an identity change: new values, an audit entry with old → new, the focal point emailed', async () => {
    const { organisationId, focal } = await organisationWithFocalPoint();
    await updateOrganisationProfile(db, focal, profileForm({ organisationName: 'Harbour Watch International', type: 'ngo' }), TOPIC_SLUGS, NOW);
    const queue = await listIdentityReviews(db, secretariat);
    const change = queue.ok ? queue.value[0] : undefined;

    const decided = await decideIdentityChange(db, secretariat, { changeId: change!.id, decision: 'approve', reason: '' }, LATER);
    expect(decided).toEqual({ ok: true, value: { changeId: change!.id, state: 'approved', changed: true } });
    expect(await organisationRow(organisationId)).toMatchObject({ name: 'Harbour Watch International', type: 'ngo', country: 'AT' });
    expect(await listIdentityReviews(db, secretariat)).toEqual({ ok: true, value: [] });
    const details = await readOrganisation(db, focal, LATER);
    expect(details.ok && details.value.pendingIdentity).toBeNull();

    const trail = await readAuditTrail(db, secretariat, new URLSearchParams());
    expect(trail.ok && trail.value.entries[0]).toMatchObject({
      at: LATER.toISOString(),
      action: 'organisation.identity-approved',
      actor: { name: secretariat.name, email: secretariat.email },
      subject: { type: 'organisation', id: organisationId },
      reason: null,
      changes: [
        { field: 'organisationName', from: 'Harbour Watch', to: 'Harbour Watch International' },
        { field: 'type', from: 'other', to: 'ngo' },
      ],
    });
    const mail = await awaitMail(outbox, (message) => message.to === focal.email && message.subjectText.includes('the change of name or details'));
    expect(mail.subject).toContain('approved');
    expect(mail.raw).toContain('Harbour Watch International, Non-governmental organisation, Austria');

    // A repeated click writes and sends nothing more.
    const again = await decideIdentityChange(db, secretariat, { changeId: change!.id, decision: 'approve' }, LATER);
    expect(again).toEqual({ ok: true, value: { changeId: change!.id, state: 'approved', changed: false } });
    expect(mailsTo(focal.email)).toHaveLength(1);
  });

  it('a rejected identity change keeps the old values; the reason is required, audited and emailed', async () => {
    const { organisationId, focal } = await organisationWithFocalPoint();
    await updateOrganisationProfile(db, focal, profileForm({ type: 'ngo' }), TOPIC_SLUGS, NOW);
    const queue = await listIdentityReviews(db, secretariat);
    const changeId = queue.ok ? queue.value[0]!.id : '';

    expect(await decideIdentityChange(db, secretariat, { changeId, decision: 'reject', reason: '  ' }, LATER)).toEqual({
      ok: false,
      code: 'invalid',
      issues: { reason: 'Give the reason for rejecting the change: the focal point reads it and can act on it.' },
    });
    const reason = 'Your statutes describe a network of researchers, not an NGO.';
    expect(await decideIdentityChange(db, secretariat, { changeId, decision: 'reject', reason }, LATER)).toMatchObject({ ok: true, value: { state: 'rejected' } });
    expect(await organisationRow(organisationId)).toMatchObject({ type: 'other' });
    const trail = await readAuditTrail(db, secretariat, new URLSearchParams());
    expect(trail.ok && trail.value.entries[0]).toMatchObject({ action: 'organisation.identity-rejected', reason, changes: [{ field: 'type', from: 'other', to: 'ngo' }] });
    const mail = await awaitMail(outbox, (message) => message.to === focal.email && message.subjectText.includes('the change of name or details'));
    expect(mail.subject).toContain('not approved');
    expect(mail.raw).toContain(reason);
    // Approving it afterwards is refused: the decision stands.
    expect(await decideIdentityChange(db, secretariat, { changeId, decision: 'approve' }, LATER)).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('only the secretariat sees and decides identity changes', async () => {
    const { focal } = await organisationWithFocalPoint();
    await updateOrganisationProfile(db, focal, profileForm({ country: 'KE' }), TOPIC_SLUGS, NOW);
    expect(await listIdentityReviews(db, focal)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await listIdentityReviews(db, null)).toMatchObject({ ok: false, code: 'forbidden' });
    const changeId = (await db.selectFrom('identity_changes').select('id').executeTakeFirstOrThrow()).id;
    expect(await decideIdentityChange(db, focal, { changeId, decision: 'approve' }, LATER)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await decideIdentityChange(db, secretariat, { changeId: 'no-such-change', decision: 'approve' }, LATER)).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('an organisation not yet accredited edits its identity freely', async () => {
    for (const accreditation of ['pending', 'rejected'] as const) {
      const { organisationId, focal } = await organisationWithFocalPoint(accreditation);
      const edited = await updateOrganisationProfile(db, focal, profileForm({ organisationName: 'Harbour Watch Kenya', type: 'ngo', country: 'KE' }), TOPIC_SLUGS, NOW);
      expect(edited).toEqual({ ok: true, value: { organisationId, identity: 'applied' } });
      expect(await organisationRow(organisationId)).toMatchObject({ name: 'Harbour Watch Kenya', type: 'ngo', country: 'KE' });
    }
    expect(await db.selectFrom('identity_changes').selectAll().execute()).toEqual([]);
  });

  it('saving the current values withdraws a pending change; other values replace it, and a decision on the replaced one is refused', async () => {
    const { organisationId, focal } = await organisationWithFocalPoint();
    await updateOrganisationProfile(db, focal, profileForm({ type: 'ngo' }), TOPIC_SLUGS, NOW);
    const first = (await db.selectFrom('identity_changes').select('id').executeTakeFirstOrThrow()).id;

    // The same request again (the form is saved for another field) changes nothing.
    expect(await updateOrganisationProfile(db, focal, profileForm({ type: 'ngo', description: 'New work' }), TOPIC_SLUGS, NOW)).toMatchObject({ value: { identity: 'pending' } });
    expect(await db.selectFrom('identity_changes').select(['id', 'state']).execute()).toEqual([{ id: first, state: 'pending' }]);

    expect(await updateOrganisationProfile(db, focal, profileForm({ type: 'network' }), TOPIC_SLUGS, LATER)).toMatchObject({ value: { identity: 'pending' } });
    expect(await decideIdentityChange(db, secretariat, { changeId: first, decision: 'approve' }, LATER)).toEqual({
      ok: false,
      code: 'conflict',
      message: saying('withdrew or replaced'),
    });
    const pending = await listIdentityReviews(db, secretariat);
    expect(pending.ok && pending.value.map((change) => change.requested.type)).toEqual(['network']);

    expect(await updateOrganisationProfile(db, focal, profileForm(), TOPIC_SLUGS, LATER)).toMatchObject({ value: { identity: 'unchanged' } });
    expect(await listIdentityReviews(db, secretariat)).toEqual({ ok: true, value: [] });
    expect(await organisationRow(organisationId)).toMatchObject({ type: 'other' });
  });

  it('names that claim the UN, UNODC or the secretariat are refused on edit and at sign-up, next to the field', async () => {
    const { organisationId, focal } = await organisationWithFocalPoint();
    const claim = profileForm({ organisationName: 'UNODC Civil Society Unit (official secretariat)', acronym: 'U.N.' });
    expect(await updateOrganisationProfile(db, focal, claim, TOPIC_SLUGS, NOW)).toEqual({
      ok: false,
      code: 'invalid',
      issues: { organisationName: OFFICIAL_NAME_MESSAGES.organisationName, acronym: OFFICIAL_NAME_MESSAGES.acronym },
    });
    expect(await db.selectFrom('identity_changes').selectAll().execute()).toEqual([]);
    expect(await organisationRow(organisationId)).toMatchObject({ name: 'Harbour Watch' });

    const signedUp = await signUp(db, signUpFields('claimant@example.org', { organisationName: 'United Nations Civil Society Desk' }), {
      clientAddress: '10.9.9.9',
      knownTopics: TOPIC_SLUGS,
      now: NOW,
    });
    expect(signedUp).toEqual({ ok: false, code: 'invalid', issues: { organisationName: OFFICIAL_NAME_MESSAGES.organisationName } });
    expect(await db.selectFrom('users').select('id').where('email', '=', 'claimant@example.org').executeTakeFirst()).toBeUndefined();
  });

  it('a name accepted before the rule may stay while the organisation edits other fields', async () => {
    const organisationId = await createOrganisation(db, { name: 'Official Harbour Watch', type: 'other' });
    const focal = await createMember(db, organisationId, 'focal-point');
    const edited = await updateOrganisationProfile(db, focal, profileForm({ organisationName: 'Official Harbour Watch', description: 'Renewed work' }), TOPIC_SLUGS, NOW);
    expect(edited).toEqual({ ok: true, value: { organisationId, identity: 'unchanged' } });
    expect(await organisationRow(organisationId)).toMatchObject({ description: 'Renewed work' });
  });
});
