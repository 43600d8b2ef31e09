// Accreditation by the secretariat, the permission checks later features rely
// on, the audit trail and the public directory, on every database dialect.
import type { OrganisationType } from '../../src/server/organisations/organisation-schema';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema';
import type { SessionUser } from '../../src/server/auth/sessions';
import { PERMISSION_MESSAGES, requireAccreditedOrganisation, requireSecretariat } from '../../src/server/auth/permissions';
import { decideAccreditation } from '../../src/server/organisations/accreditation';
import { listAccreditationQueue } from '../../src/server/organisations/accreditation-queue';
import { searchDirectory } from '../../src/server/organisations/directory';
import { readAuditTrail } from '../../src/server/audit/audit-trail';
import { saying } from '../support/messages-in-english';
import type { EcosocStatus } from '../../src/server/db/schema';
import { describeAccount } from '../../src/server/accounts/account-overview';
import { DIALECTS, useMigratedDatabase } from '../support/databases';
import { awaitMail, readOutbox, useTemporaryOutbox, waitForMail } from '../support/outbox';
import { TOPIC_SLUGS } from '../support/event-fixtures';

const outbox = useTemporaryOutbox();

let sequence = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++sequence}`;

interface OrganisationSeed {
  name?: string;
  acronym?: string | null;
  type?: OrganisationType;
  country?: string;
  ecosoc?: EcosocStatus;
  topics?: string[];
  accreditation?: 'pending' | 'accredited' | 'rejected';
  listed?: boolean;
  createdAt?: string;
}

async function addOrganisation(db: Kysely<Database>, seed: OrganisationSeed = {}): Promise<string> {
  const id = unique('org');
  const stamp = seed.createdAt ?? new Date().toISOString();
  await db
    .insertInto('organisations')
    .values({
      id,
      name: seed.name ?? 'Survivor Voices Alliance',
      acronym: seed.acronym === undefined ? 'SVA' : seed.acronym,
      type: seed.type ?? 'ngo',
      country: seed.country ?? 'KE',
      website: 'https://survivor-voices.example.org',
      description: 'Survivor-led organisation supporting victims of trafficking.',
      ecosoc_status: seed.ecosoc ?? 'special',
      topics: JSON.stringify(seed.topics ?? ['trafficking-in-persons']),
      accreditation: seed.accreditation ?? 'pending',
      accreditation_reason: null,
      accreditation_decided_by: null,
      accreditation_decided_at: null,
      listed: seed.listed === false ? 0 : 1,
      created_at: stamp,
      updated_at: stamp,
    })
    .execute();
  return id;
}

async function addUser(
  db: Kysely<Database>,
  role: SessionUser['role'],
  organisationId: string | null,
  options: { verified?: boolean; name?: string } = {},
): Promise<SessionUser> {
  const id = unique('user');
  const email = `${id}@example.org`;
  const name = options.name ?? `Person ${sequence}`;
  const stamp = new Date().toISOString();
  const verified = options.verified ?? true;
  await db
    .insertInto('users')
    .values({ id, email, name, job_title: null, organisation_id: organisationId, role, password_hash: null, email_verified_at: verified ? stamp : null, created_at: stamp, updated_at: stamp })
    .execute();
  return { id, email, name, role, organisationId, emailVerified: verified, locale: 'en' };
}

const mailsTo = (email: string) => readOutbox(outbox).filter((message) => message.to === email);
const params = (query: Record<string, string> = {}) => new URLSearchParams(query);

describe.each(DIALECTS)('accreditation on %s', (dialect) => {
  let db: Kysely<Database>;
  let secretariat: SessionUser;

  useMigratedDatabase(dialect, async (handle) => {
    db = handle.db;
    secretariat = await addUser(db, 'secretariat', null, { name: 'Ana Ruiz' });
  });

  describe('permissions', () => {
    it('requireSecretariat: refuses the signed-out and other roles, saying why', async () => {
      const organisationId = await addOrganisation(db);
      const focal = await addUser(db, 'focal-point', organisationId);
      expect(requireSecretariat(null)).toEqual({ ok: false, code: 'forbidden', message: PERMISSION_MESSAGES.signedOut });
      expect(requireSecretariat(focal)).toEqual({ ok: false, code: 'forbidden', message: PERMISSION_MESSAGES.notSecretariat });
      expect(requireSecretariat(secretariat)).toEqual({ ok: true, value: secretariat });
    });

    it('requireAccreditedOrganisation: not signed in', async () => {
      expect(await requireAccreditedOrganisation(db, null)).toMatchObject({ ok: false, code: 'forbidden', message: saying('Sign in') });
    });

    it('requireAccreditedOrganisation: email not confirmed', async () => {
      const organisationId = await addOrganisation(db, { accreditation: 'accredited' });
      const person = await addUser(db, 'representative', organisationId, { verified: false });
      expect(await requireAccreditedOrganisation(db, person)).toMatchObject({ ok: false, code: 'forbidden', message: saying('Confirm your email address') });
    });

    it('requireAccreditedOrganisation: organisation pending', async () => {
      const person = await addUser(db, 'focal-point', await addOrganisation(db));
      expect(await requireAccreditedOrganisation(db, person)).toEqual({ ok: false, code: 'forbidden', message: PERMISSION_MESSAGES.pending });
    });

    it('requireAccreditedOrganisation: organisation rejected', async () => {
      const person = await addUser(db, 'representative', await addOrganisation(db, { accreditation: 'rejected' }));
      const result = await requireAccreditedOrganisation(db, person);
      expect(result).toEqual({ ok: false, code: 'forbidden', message: PERMISSION_MESSAGES.rejected });
      expect(PERMISSION_MESSAGES.rejected).toEqual(saying('reason'));
    });

    it('requireAccreditedOrganisation: no organisation (the secretariat is not a member of one)', async () => {
      expect(await requireAccreditedOrganisation(db, secretariat)).toEqual({ ok: false, code: 'forbidden', message: PERMISSION_MESSAGES.noOrganisation });
    });

    it('requireAccreditedOrganisation: a member of an accredited organisation passes, as soon as it is accredited', async () => {
      const organisationId = await addOrganisation(db, { name: 'Firearms Watch' });
      const person = await addUser(db, 'representative', organisationId);
      expect((await requireAccreditedOrganisation(db, person)).ok).toBe(false);
      expect((await decideAccreditation(db, secretariat, { organisationId, decision: 'accredit' })).ok).toBe(true);
      // The same session user: the state is read from the database, not from the session.
      expect(await requireAccreditedOrganisation(db, person)).toEqual({ ok: true, value: { actor: person, organisationId, organisationName: 'Firearms Watch', organisationType: 'ngo' } });
    });
  });

  describe('decisions', () => {
    it('a representative or a focal point cannot accredit; nothing is written or sent', async () => {
      const organisationId = await addOrganisation(db);
      const focal = await addUser(db, 'focal-point', organisationId);
      const representative = await addUser(db, 'representative', organisationId);
      for (const actor of [representative, focal, null]) {
        const result = await decideAccreditation(db, actor, { organisationId, decision: 'accredit' });
        expect(result).toMatchObject({ ok: false, code: 'forbidden' });
      }
      const row = await db.selectFrom('organisations').select('accreditation').where('id', '=', organisationId).executeTakeFirstOrThrow();
      expect(row.accreditation).toBe('pending');
      expect(await db.selectFrom('audit_log').selectAll().where('subject_type', '=', 'organisation').execute()).toEqual([]);
      expect(mailsTo(focal.email)).toEqual([]);
    });

    it('the secretariat accredits: state, who and when are stored, the audit log says who, what and when, the focal point is emailed', async () => {
      const organisationId = await addOrganisation(db, { name: 'Survivor Voices Alliance' });
      const focal = await addUser(db, 'focal-point', organisationId, { name: 'Amina Odhiambo' });
      const now = new Date('2027-02-01T09:30:00Z');
      const result = await decideAccreditation(db, secretariat, { organisationId, decision: 'accredit', reason: '' }, now);
      expect(result).toEqual({ ok: true, value: { organisationId, state: 'accredited', changed: true } });

      const row = await db.selectFrom('organisations').selectAll().where('id', '=', organisationId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ accreditation: 'accredited', accreditation_reason: null, accreditation_decided_by: secretariat.id, accreditation_decided_at: now.toISOString() });

      const audit = await db.selectFrom('audit_log').selectAll().where('subject_id', '=', organisationId).execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ at: now.toISOString(), actor_user_id: secretariat.id, action: 'organisation.accredited', subject_type: 'organisation', reason: null });
      expect(JSON.parse(audit[0]!.details!)).toEqual({ organisation: 'Survivor Voices Alliance', from: 'pending', to: 'accredited' });

      const mail = await awaitMail(outbox, (message) => message.to === focal.email && message.subjectText.endsWith('accredited on WhatsOn'));
      expect(mail?.subject).toBe('Survivor Voices Alliance is accredited on WhatsOn');
      expect(mail?.raw).toContain('Dear Amina Odhiambo');
      expect(mail?.raw).toContain('/account');

      const overview = await describeAccount(db, focal);
      expect(overview.organisation).toMatchObject({ accreditation: 'accredited', reason: null });
    });

    it('the secretariat rejects with a reason: stored, audited (why) and emailed to the focal point, and shown on the account', async () => {
      const organisationId = await addOrganisation(db, { name: 'Shadow Trade Council' });
      const focal = await addUser(db, 'focal-point', organisationId);
      const reason = 'The organisation’s statutes could not be verified. Please send them to the Civil Society Unit.';
      const result = await decideAccreditation(db, secretariat, { organisationId, decision: 'reject', reason: `  ${reason} ` });
      expect(result).toMatchObject({ ok: true, value: { state: 'rejected' } });

      const row = await db.selectFrom('organisations').selectAll().where('id', '=', organisationId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ accreditation: 'rejected', accreditation_reason: reason, accreditation_decided_by: secretariat.id });
      const audit = await db.selectFrom('audit_log').selectAll().where('subject_id', '=', organisationId).executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ actor_user_id: secretariat.id, action: 'organisation.rejected', reason });

      const mail = await awaitMail(outbox, (message) => message.to === focal.email && message.subjectText.endsWith('accredited on WhatsOn'));
      expect(mail?.subject).toBe('Shadow Trade Council is not accredited on WhatsOn');
      expect(mail?.raw.replace(/\s+/g, ' ')).toContain('statutes could not be verified');

      expect((await describeAccount(db, focal)).organisation).toMatchObject({ accreditation: 'rejected', reason });
      expect(await requireAccreditedOrganisation(db, focal)).toMatchObject({ ok: false, message: PERMISSION_MESSAGES.rejected });
    });

    it('reject without a reason, or with one over 1000 characters, is invalid and changes nothing', async () => {
      const organisationId = await addOrganisation(db);
      const focal = await addUser(db, 'focal-point', organisationId);
      expect(await decideAccreditation(db, secretariat, { organisationId, decision: 'reject', reason: '   ' })).toEqual({
        ok: false,
        code: 'invalid',
        issues: { reason: saying('Give the reason') },
      });
      expect(await decideAccreditation(db, secretariat, { organisationId, decision: 'reject', reason: 'x'.repeat(1001) })).toMatchObject({
        code: 'invalid',
        issues: { reason: 'Use at most 1000 characters.' },
      });
      expect(await decideAccreditation(db, secretariat, { organisationId, decision: 'approve' })).toMatchObject({ code: 'invalid', issues: { decision: saying('Choose to accredit or to reject') } });
      expect((await db.selectFrom('organisations').select('accreditation').where('id', '=', organisationId).executeTakeFirstOrThrow()).accreditation).toBe('pending');
      expect(await db.selectFrom('audit_log').selectAll().where('subject_id', '=', organisationId).execute()).toEqual([]);
      expect(mailsTo(focal.email)).toEqual([]);
      expect((await decideAccreditation(db, secretariat, { organisationId, decision: 'reject', reason: 'x'.repeat(1000) })).ok).toBe(true);
    });

    it('an unknown organisation is not found', async () => {
      expect(await decideAccreditation(db, secretariat, { organisationId: 'no-such-org', decision: 'accredit' })).toMatchObject({ ok: false, code: 'not_found' });
    });

    it('a repeated click records and sends the decision once; a changed decision is recorded again', async () => {
      const organisationId = await addOrganisation(db);
      const focal = await addUser(db, 'focal-point', organisationId);
      await decideAccreditation(db, secretariat, { organisationId, decision: 'accredit' });
      expect(await decideAccreditation(db, secretariat, { organisationId, decision: 'accredit' })).toMatchObject({ ok: true, value: { changed: false } });
      expect(await db.selectFrom('audit_log').select('action').where('subject_id', '=', organisationId).execute()).toHaveLength(1);
      expect(await waitForMail(outbox, (message) => message.to === focal.email)).toHaveLength(1);
      await decideAccreditation(db, secretariat, { organisationId, decision: 'reject', reason: 'Accredited by mistake.' });
      expect(await db.selectFrom('audit_log').select('action').where('subject_id', '=', organisationId).orderBy('at').execute()).toHaveLength(2);
      expect(await waitForMail(outbox, (message) => message.to === focal.email, 2)).toHaveLength(2);
    });
  });

  describe('the queue', () => {
    it('is for the secretariat only', async () => {
      const focal = await addUser(db, 'focal-point', await addOrganisation(db));
      expect(await listAccreditationQueue(db, focal, params())).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await listAccreditationQueue(db, null, params())).toMatchObject({ ok: false, code: 'forbidden' });
    });

    it('lists pending organisations by default, oldest first, with the focal point, and filters by state, type, country and ECOSOC status', async () => {
      const older = await addOrganisation(db, { name: 'Older', createdAt: '2027-01-01T00:00:00.000Z', country: 'AT', type: 'academia', ecosoc: 'none' });
      const newer = await addOrganisation(db, { name: 'Newer', createdAt: '2027-01-02T00:00:00.000Z' });
      const done = await addOrganisation(db, { name: 'Done', accreditation: 'accredited' });
      const focal = await addUser(db, 'focal-point', newer, { name: 'Amina Odhiambo' });
      const names = async (query: Record<string, string>) => {
        const result = await listAccreditationQueue(db, secretariat, params(query));
        if (!result.ok) throw new Error(result.code);
        return result.value.organisations.map((organisation) => organisation.name);
      };
      expect(await names({})).toEqual(['Older', 'Newer']);
      expect(await names({ state: 'accredited' })).toEqual(['Done']);
      expect((await names({ state: 'all' })).sort()).toEqual(['Done', 'Newer', 'Older']);
      expect(await names({ type: 'academia' })).toEqual(['Older']);
      expect(await names({ country: 'at' })).toEqual(['Older']);
      expect(await names({ ecosoc: 'special' })).toEqual(['Newer']);

      const queue = await listAccreditationQueue(db, secretariat, params());
      const entry = queue.ok ? queue.value.organisations.find((organisation) => organisation.id === newer) : undefined;
      expect(entry).toMatchObject({ type: 'ngo', country: 'KE', ecosocStatus: 'special', topics: ['trafficking-in-persons'], focalPoints: [{ name: 'Amina Odhiambo', email: focal.email }] });
      expect(older && done).toBeTruthy();
    });

    it('reports an unknown filter value next to its field and ignores it', async () => {
      await addOrganisation(db, { name: 'Still listed' });
      const result = await listAccreditationQueue(db, secretariat, params({ country: 'ZZ', state: 'maybe', ecosoc: 'super' }));
      expect(result.ok && result.value.issues).toEqual({
        country: 'Choose a country from the list.',
        state: saying('Choose pending'),
        ecosoc: 'Choose an ECOSOC status from the list.',
      });
      expect(result.ok && result.value.organisations.map((organisation) => organisation.name)).toEqual(['Still listed']);
    });
  });

  describe('the audit trail', () => {
    it('shows the secretariat every decision newest first, 50 to a page, with who, what, on what and why', async () => {
      const first = await addOrganisation(db, { name: 'First Org' });
      const second = await addOrganisation(db, { name: 'Second Org' });
      await decideAccreditation(db, secretariat, { organisationId: first, decision: 'accredit' }, new Date('2027-03-01T10:00:00Z'));
      await decideAccreditation(db, secretariat, { organisationId: second, decision: 'reject', reason: 'Out of scope.' }, new Date('2027-03-02T10:00:00Z'));
      const trail = await readAuditTrail(db, secretariat, params());
      if (!trail.ok) throw new Error(trail.code);
      expect(trail.value.entries.slice(0, 2)).toEqual([
        expect.objectContaining({ at: '2027-03-02T10:00:00.000Z', action: 'organisation.rejected', actor: { id: secretariat.id, name: 'Ana Ruiz', email: secretariat.email }, subject: expect.objectContaining({ type: 'organisation', name: 'Second Org' }), reason: 'Out of scope.' }),
        expect.objectContaining({ at: '2027-03-01T10:00:00.000Z', action: 'organisation.accredited', subject: expect.objectContaining({ name: 'First Org' }), reason: null }),
      ]);

      for (let index = 0; index < 55; index++) {
        await decideAccreditation(db, secretariat, { organisationId: first, decision: index % 2 ? 'accredit' : 'reject', reason: `Round ${index}` }, new Date(Date.UTC(2027, 3, 1, 0, index)));
      }
      const pageOne = await readAuditTrail(db, secretariat, params());
      const pageTwo = await readAuditTrail(db, secretariat, params({ page: '2' }));
      expect(pageOne.ok && [pageOne.value.entries.length, pageOne.value.pageCount, pageOne.value.total]).toEqual([50, 2, 57]);
      expect(pageOne.ok && pageOne.value.entries[0]!.reason).toBe('Round 54');
      expect(pageTwo.ok && pageTwo.value.entries.length).toBe(7);
      expect(pageTwo.ok && pageTwo.value.entries.at(-1)!.subject.name).toBe('First Org');
    });

    it('is for the secretariat only', async () => {
      const person = await addUser(db, 'representative', await addOrganisation(db));
      expect(await readAuditTrail(db, person, params())).toMatchObject({ ok: false, code: 'forbidden' });
    });
  });

  describe('the public directory', () => {
    const search = async (query: Record<string, string> = {}) => {
      const result = await searchDirectory(db, params(query), TOPIC_SLUGS);
      if (!result.ok) throw new Error(result.code);
      return result.value;
    };
    const names = async (query: Record<string, string> = {}) => (await search(query)).organisations.map((organisation) => organisation.name);

    beforeEach(async () => {
      await addOrganisation(db, { name: 'Survivor Voices Alliance', acronym: 'SVA', accreditation: 'accredited', country: 'KE', type: 'ngo', topics: ['trafficking-in-persons', 'smuggling-of-migrants'] });
      await addOrganisation(db, { name: 'Institute for Firearms Research', acronym: 'IFR', accreditation: 'accredited', country: 'AT', type: 'academia', topics: ['firearms'] });
      await addOrganisation(db, { name: '100%_Transparency Network', acronym: null, accreditation: 'accredited', country: 'BR', type: 'network', topics: ['organized-crime'] });
      await addOrganisation(db, { name: 'Pending Partners', accreditation: 'pending' });
      await addOrganisation(db, { name: 'Rejected Ring', accreditation: 'rejected' });
      await addOrganisation(db, { name: 'Quiet Accredited', accreditation: 'accredited', listed: false });
    });

    it('lists only accredited organisations that consented to be listed, by name', async () => {
      expect(await names()).toEqual(['100%_Transparency Network', 'Institute for Firearms Research', 'Survivor Voices Alliance']);
      for (const hidden of ['Pending Partners', 'Rejected Ring', 'Quiet Accredited']) expect(await names({ q: hidden })).toEqual([]);
    });

    it('filters by name or acronym, ignoring case, with LIKE wildcards taken literally', async () => {
      expect(await names({ q: 'survivor' })).toEqual(['Survivor Voices Alliance']);
      expect(await names({ q: 'ifr' })).toEqual(['Institute for Firearms Research']);
      expect(await names({ q: '%_' })).toEqual(['100%_Transparency Network']);
      expect(await names({ q: '_' })).toEqual(['100%_Transparency Network']);
      expect(await names({ q: 'nobody' })).toEqual([]);
    });

    it('filters by type, country and topic, and combines them', async () => {
      expect(await names({ type: 'academia' })).toEqual(['Institute for Firearms Research']);
      expect(await names({ country: 'KE' })).toEqual(['Survivor Voices Alliance']);
      expect(await names({ topic: 'smuggling-of-migrants' })).toEqual(['Survivor Voices Alliance']);
      expect(await names({ topic: 'firearms', country: 'AT', type: 'academia' })).toEqual(['Institute for Firearms Research']);
      expect(await names({ topic: 'firearms', country: 'KE' })).toEqual([]);
    });

    it('reports an unknown country, type or topic next to its field, and still lists', async () => {
      const result = await search({ country: 'XX', type: 'cartel', topic: 'gardening', q: 'a'.repeat(201) });
      expect(result.issues).toEqual({
        country: 'Choose a country from the list.',
        type: 'Choose a kind of organisation from the list.',
        topic: 'Choose a topic from the list.',
        q: 'Use at most 200 characters.',
      });
      expect(result.organisations).toHaveLength(3);
    });

    it('pages through a long directory', async () => {
      for (let index = 0; index < 26; index++) await addOrganisation(db, { name: `Bulk ${String(index).padStart(2, '0')}`, accreditation: 'accredited' });
      const first = await search();
      expect([first.total, first.pageCount, first.organisations.length]).toEqual([29, 2, 25]);
      const last = await search({ page: '9' });
      expect([last.page, last.organisations.length]).toEqual([2, 4]);
    });
  });
});
