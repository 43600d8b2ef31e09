// Who an organisation is, and whom it invites, over HTTP on each database:
// an accredited organisation's identity change waits for the secretariat
// (edit → pending → approve or reject), names claiming the UN are refused,
// only accredited organisations invite, and an invitation reserves nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSION_MESSAGES } from '../../src/server/auth/permissions';
import { INVITATION_MESSAGES } from '../../src/server/organisations/invitations';
import { OFFICIAL_NAME_MESSAGES } from '../../src/server/organisations/official-names';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases';
import { postForm, signUpFields } from '../support/forms';
import { linkIn, mailTo, readOutbox, waitForMail } from '../support/outbox';
import { signInSecretariat } from '../support/secretariat';
import { startServer, type RunningServer } from '../support/server';
import { translate } from '../../src/i18n/translate';

const PASSWORD = 'correct horse battery staple';

/** What Astro writes for text in HTML (quotes and apostrophes escaped). */
const html = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

describe.each(DIALECTS)('organisation identity and invitations over HTTP on %s', (dialect) => {
  let database: TestDatabase;
  let outbox: string;
  let server: RunningServer;
  let secretariat: string;

  async function get(path: string, cookie?: string) {
    const response = await fetch(new URL(path, server.baseUrl), { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
    return { status: response.status, location: response.headers.get('location'), html: await response.text() };
  }

  const mailsTo = (email: string) => readOutbox(outbox).filter((message) => message.to === email);
  const tokenIn = async (email: string, subject: string, path: string) => new URL(linkIn(await mailTo(outbox, email, subject), path)).searchParams.get('token')!;

  async function withDatabase<T>(work: (db: ReturnType<TestDatabase['open']>['db']) => Promise<T>): Promise<T> {
    const handle = database.open();
    try {
      return await work(handle.db);
    } finally {
      await handle.close();
    }
  }

  /** Signs up an organisation (type `other`), confirms the focal point's address and signs in; the secretariat accredits it if asked. */
  async function focalPoint(email: string, organisationName: string, accredit = true) {
    expect((await postForm(server.baseUrl, '/signup', signUpFields(email, { organisationName, acronym: '', type: 'other', country: 'AT' }))).location).toBe('/signup/sent');
    expect((await postForm(server.baseUrl, '/verify-email', { token: await tokenIn(email, 'Confirm your email address', '/verify-email?token=') })).location).toBe('/signin?verified=1');
    const signIn = await postForm(server.baseUrl, '/signin', { email, password: PASSWORD });
    const organisationId = await withDatabase(async (db) => (await db.selectFrom('organisations').select('id').where('name', '=', organisationName).executeTakeFirstOrThrow()).id);
    if (accredit) expect((await postForm(server.baseUrl, '/admin', { organisationId, decision: 'accredit' }, secretariat)).status).toBe(303);
    return { cookie: signIn.cookie!, organisationId };
  }

  const profile = (changes: Record<string, string | string[]>) => ({ ...signUpFields('unused@example.org', { acronym: '', type: 'other', country: 'AT', ...changes }), action: 'profile' });

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    outbox = mkdtempSync(join(tmpdir(), 'whatson-outbox-'));
    server = await startServer({ DATABASE_URL: database.url, OUTBOX_DIR: outbox });
    secretariat = await signInSecretariat(server.baseUrl, database, outbox);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    rmSync(outbox, { recursive: true, force: true });
  });

  it('identity changes of an accredited organisation wait for the secretariat: edit, pending, approve', async () => {
    const focal = await focalPoint('identity.fp@example.org', 'Harbour Watch');
    const edited = await postForm(
      server.baseUrl,
      '/account/organisation',
      profile({ organisationName: 'Harbour Watch International', type: 'ngo', website: 'https://harbour.example.org' }),
      focal.cookie,
    );
    expect(edited).toMatchObject({ status: 303, location: '/account/organisation?saved=pending' });

    const own = (await get('/account/organisation?saved=pending', focal.cookie)).html;
    expect(own).toContain('data-identity-pending');
    expect(own).toContain('waits for the secretariat');
    expect(own).toContain('value="Harbour Watch International"');
    // Meanwhile the public sees what the secretariat accredited, and the other fields at once.
    const directory = (await get('/organisations?q=Harbour')).html;
    expect(directory).toContain('Harbour Watch');
    expect(directory).not.toContain('Harbour Watch International');
    expect(directory).toContain('https://harbour.example.org');

    expect((await get('/admin/identity', focal.cookie)).status).toBe(403);
    expect((await postForm(server.baseUrl, '/admin/identity', { changeId: 'x', decision: 'approve' }, focal.cookie)).status).toBe(403);
    const queue = await get('/admin/identity', secretariat);
    expect(queue.status).toBe(200);
    expect(queue.html).toContain('Harbour Watch International');
    expect(queue.html).toContain('identity.fp@example.org');
    const changeId = /name="changeId" value="([^"]+)"/.exec(queue.html)![1]!;

    const decided = await postForm(server.baseUrl, '/admin/identity', { changeId, decision: 'approve', reason: '' }, secretariat);
    expect(decided).toMatchObject({ status: 303, location: '/admin/identity?decided=approved' });
    expect((await get(decided.location!, secretariat)).html).toContain('The decision is saved (approved)');
    expect((await get('/organisations?q=Harbour')).html).toContain('Harbour Watch International');
    expect((await get('/account/organisation', focal.cookie)).html).not.toContain('data-identity-pending');
    await waitForMail(outbox, (message) => message.to === 'identity.fp@example.org' && message.subject.includes('is approved'));

    const audit = (await get('/admin/audit', secretariat)).html;
    expect(audit).toContain('Approved a change of the organisation’s identity');
    expect(audit).toContain('Name: Harbour Watch → Harbour Watch International');
    expect(audit).toContain('Kind of organisation: Other organisation → Non-governmental organisation');
  });

  it('the secretariat rejects an identity change with a reason (422 without one); the old values stay', async () => {
    const focal = await focalPoint('reject.identity@example.org', 'Quay Observers');
    expect((await postForm(server.baseUrl, '/account/organisation', profile({ organisationName: 'Quay Observers', country: 'KE' }), focal.cookie)).location).toBe(
      '/account/organisation?saved=pending',
    );
    const queue = (await get('/admin/identity', secretariat)).html;
    expect(queue).toContain('Quay Observers');
    const changeId = /name="changeId" value="([^"]+)"/.exec(queue)![1]!;

    const empty = await postForm(server.baseUrl, '/admin/identity', { changeId, decision: 'reject', reason: '' }, secretariat);
    expect(empty.status).toBe(422);
    expect(empty.html).toContain(`id="change-${changeId}-reason-error">Give the reason for rejecting the change`);

    const reason = 'The organisation is registered in Austria.';
    expect((await postForm(server.baseUrl, '/admin/identity', { changeId, decision: 'reject', reason }, secretariat)).location).toBe('/admin/identity?decided=rejected');
    expect(await withDatabase((db) => db.selectFrom('organisations').select('country').where('id', '=', focal.organisationId).executeTakeFirstOrThrow())).toEqual({ country: 'AT' });
    const [mail] = await waitForMail(outbox, (message) => message.to === 'reject.identity@example.org' && message.subject.includes('not approved'));
    expect(mail!.raw).toContain(reason);
    expect((await get('/admin/audit', secretariat)).html).toContain(reason);
  });

  it('names that claim the UN, UNODC or the secretariat are refused with 422 next to the field, at sign-up and on edit', async () => {
    const signUp = await postForm(server.baseUrl, '/signup', signUpFields('claimant@example.org', { organisationName: 'UNODC Civil Society Unit (official secretariat)', acronym: 'U.N.' }));
    expect(signUp.status).toBe(422);
    expect(signUp.html).toContain(`id="field-organisationName-error">${html(translate('en', OFFICIAL_NAME_MESSAGES.organisationName))}</p>`);
    expect(signUp.html).toContain(`id="field-acronym-error">${html(translate('en', OFFICIAL_NAME_MESSAGES.acronym))}</p>`);

    const focal = await focalPoint('claim.fp@example.org', 'Claim Watch', false);
    const edit = await postForm(server.baseUrl, '/account/organisation', profile({ organisationName: 'United Nations Civil Society Desk' }), focal.cookie);
    expect(edit.status).toBe(422);
    expect(edit.html).toContain(`id="field-organisationName-error">${html(translate('en', OFFICIAL_NAME_MESSAGES.organisationName))}</p>`);
    const fine = await postForm(server.baseUrl, '/account/organisation', profile({ organisationName: 'Unity Network' }), focal.cookie);
    expect(fine).toMatchObject({ status: 303, location: '/account/organisation?saved=1' });
  });

  it('only accredited organisations invite; an invitation reserves nothing: the invited person signs up and resets a password, and the invitation lapses', async () => {
    const pending = await focalPoint('pending.inviter@example.org', 'Pending Inviters', false);
    const refused = await postForm(server.baseUrl, '/account/organisation', { action: 'invite', email: 'newcomer@example.org' }, pending.cookie);
    expect(refused.status).toBe(403);
    expect(refused.html).toContain(html(translate('en', PERMISSION_MESSAGES.pending)));
    expect(mailsTo('newcomer@example.org')).toEqual([]);

    const focal = await focalPoint('inviter@example.org', 'Accredited Inviters');
    expect((await postForm(server.baseUrl, '/account/organisation', { action: 'invite', email: 'newcomer@example.org' }, focal.cookie)).status).toBe(303);
    const invitation = await mailTo(outbox, 'newcomer@example.org', 'Invitation to represent');
    expect(invitation.raw).toContain('is accredited by the UNODC secretariat');
    expect(invitation.raw).toContain('think this invitation is abuse, write to the secretariat at civil-society@whatson.invalid');
    const token = await tokenIn('newcomer@example.org', 'Invitation to represent', '/join?token=');
    expect((await get(`/join?token=${token}`)).html).toContain('Accept the invitation');

    // The invited person makes an account of their own: it is created, and can reset its password.
    expect((await postForm(server.baseUrl, '/signup', signUpFields('newcomer@example.org', { organisationName: 'Newcomer Collective' }))).location).toBe('/signup/sent');
    expect((await postForm(server.baseUrl, '/verify-email', { token: await tokenIn('newcomer@example.org', 'Confirm your email address', '/verify-email?token=') })).location).toBe('/signin?verified=1');
    expect((await postForm(server.baseUrl, '/forgot-password', { email: 'newcomer@example.org' })).status).toBe(303);
    expect(await waitForMail(outbox, (message) => message.to === 'newcomer@example.org' && message.subject === 'Choose a new password for WhatsOn')).toHaveLength(1);

    // The invitation has lapsed, and says why.
    const page = await get(`/join?token=${token}`);
    expect(page.status).toBe(409);
    expect(page.html).toContain(html(translate('en', INVITATION_MESSAGES.taken)));
    const accepted = await postForm(server.baseUrl, '/join', { token, name: 'Newcomer', password: 'another good passphrase' });
    expect(accepted.status).toBe(409);
    expect(accepted.html).toContain(html(translate('en', INVITATION_MESSAGES.taken)));
    const account = await withDatabase((db) => db.selectFrom('users').innerJoin('organisations', 'organisations.id', 'users.organisation_id').select(['organisations.name', 'users.role']).where('email', '=', 'newcomer@example.org').executeTakeFirstOrThrow());
    expect(account).toEqual({ name: 'Newcomer Collective', role: 'focal-point' });
  });
});
