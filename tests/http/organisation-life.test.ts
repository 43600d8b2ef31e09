// The focal point keeps the profile current, invites colleagues and may hand
// over the role; anyone can take their data and delete their account.
import { describe, expect, inject, it } from 'vitest';
import { useDatabaseFile } from '../support/databases';
import { postForm, signUpFields } from '../support/forms';
import { linkIn, mailTo, readOutbox } from '../support/outbox';

const baseUrl = inject('baseUrl');
const outboxDir = inject('outboxDir');
const database = useDatabaseFile(inject('databaseUrl'));
const PASSWORD = 'correct horse battery staple';

/** A signed-in focal point; its organisation accredited (straight in the database) unless said otherwise. */
async function focalPoint(email: string, organisationName: string, accreditation: 'pending' | 'accredited' = 'accredited') {
  await postForm(baseUrl, '/signup', signUpFields(email, { organisationName }));
  const token = new URL(linkIn(await mailTo(outboxDir, email, 'Confirm your email address for WhatsOn'), '/verify-email?token=')).searchParams.get('token')!;
  await postForm(baseUrl, '/verify-email', { token });
  await database.db.updateTable('organisations').set({ accreditation }).where('name', '=', organisationName).execute();
  return (await postForm(baseUrl, '/signin', { email, password: PASSWORD })).cookie!;
}

async function get(path: string, cookie: string) {
  const response = await fetch(new URL(path, baseUrl), { redirect: 'manual', headers: { Cookie: cookie } });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

async function inviteAndJoin(focalCookie: string, email: string, name: string) {
  const invited = await postForm(baseUrl, '/account/organisation', { action: 'invite', email }, focalCookie);
  expect(invited.status).toBe(303);
  const link = linkIn(await mailTo(outboxDir, email, 'Invitation to represent'), '/join?token=');
  const token = new URL(link).searchParams.get('token')!;
  expect((await get(`/join?token=${token}`, '')).body).toContain('Accept the invitation');
  const joined = await postForm(baseUrl, '/join', { token, name, jobTitle: 'Researcher', password: 'a different good passphrase' });
  expect(joined.status).toBe(303);
  expect(joined.location).toBe('/account');
  return { cookie: joined.cookie!, token };
}

describe('organisation life', () => {
  it('lets the focal point edit the profile, and re-renders bad input with 422', async () => {
    const cookie = await focalPoint('profile.fp@example.org', 'Profile Org', 'pending');
    const fields = { ...signUpFields('x@example.org', { organisationName: 'Profile Org renamed', country: 'AT', topics: ['firearms'] }), action: 'profile' };
    expect((await postForm(baseUrl, '/account/organisation', fields, cookie)).location).toBe('/account/organisation?saved=1');
    const page = await get('/account/organisation', cookie);
    expect(page.body).toContain('value="Profile Org renamed"');
    expect(page.body).toMatch(/<option value="AT" selected>Austria<\/option>/);

    const bad = await postForm(baseUrl, '/account/organisation', { ...fields, country: 'ZZ', description: '' }, cookie);
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('Choose a country from the list.');
    expect((await get('/account/organisation', cookie)).body).toContain('value="Profile Org renamed"');
  });

  it('invites a colleague who joins as a representative through the link, once', async () => {
    const focal = await focalPoint('invite.fp@example.org', 'Invite Org');
    const colleague = await inviteAndJoin(focal, 'colleague@example.org', 'Chen Wei');
    const account = await get('/account', colleague.cookie);
    expect(account.body).toContain('Chen Wei');
    expect(account.body).toContain('Representative');
    expect(account.body).toContain('Invite Org');
    const again = await postForm(baseUrl, '/join', { token: colleague.token, name: 'Intruder', password: 'another good passphrase' });
    expect(again.status).toBe(404);
    expect((await get('/account/organisation', focal)).body).toContain('colleague@example.org');
  });

  it('lists invitations not yet accepted to the focal point, and refuses to invite from an organisation still pending', async () => {
    const focal = await focalPoint('open.fp@example.org', 'Open Invitations Org');
    expect((await postForm(baseUrl, '/account/organisation', { action: 'invite', email: 'open.invitee@example.org' }, focal)).status).toBe(303);
    const page = (await get('/account/organisation', focal)).body;
    expect(page).toContain('Invitations not yet accepted');
    expect(page).toContain('<td>open.invitee@example.org</td>');

    const pending = await focalPoint('pending.inviter@example.org', 'Pending Inviters', 'pending');
    expect((await get('/account/organisation', pending)).body).not.toContain('Send the invitation');
    const refused = await postForm(baseUrl, '/account/organisation', { action: 'invite', email: 'pending.invitee@example.org' }, pending);
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('Your organisation is waiting for accreditation');
  });

  it('does not let a representative change the profile or invite', async () => {
    const focal = await focalPoint('guard.fp@example.org', 'Guard Org');
    const { cookie } = await inviteAndJoin(focal, 'guard.rep@example.org', 'Rep');
    const attempt = await postForm(baseUrl, '/account/organisation', { action: 'invite', email: 'friend@example.org' }, cookie);
    expect(attempt.status).toBe(403);
    expect(readOutbox(outboxDir).some((message) => message.to === 'friend@example.org')).toBe(false);
  });

  it('hands the focal-point role to a confirmed colleague', async () => {
    const focal = await focalPoint('handover.fp@example.org', 'Handover Org');
    const colleague = await inviteAndJoin(focal, 'handover.rep@example.org', 'Next Lead');
    const page = await get('/account/organisation', focal);
    const userId = /<option value="([a-z0-9]+)">Next Lead/.exec(page.body)?.[1];
    expect(userId).toBeTruthy();
    expect((await postForm(baseUrl, '/account/organisation', { action: 'hand-over', userId: userId! }, focal)).location).toBe('/account?handed-over=1');
    expect((await get('/account', colleague.cookie)).body).toContain('Focal point');
    expect((await get('/account', focal)).body).toContain('Representative');
    expect((await get('/account/organisation', focal)).status).toBe(403);
  });

  it('downloads the person’s data as a JSON attachment', async () => {
    const cookie = await focalPoint('data.fp@example.org', 'Data Org', 'pending');
    const download = await get('/account/data.json', cookie);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="whatson-my-data.json"');
    const data = JSON.parse(download.body);
    expect(data.person).toMatchObject({ email: 'data.fp@example.org', name: 'Amina Odhiambo', role: 'focal-point' });
    expect(data.organisation).toMatchObject({ name: 'Data Org', accreditation: 'pending', topics: ['trafficking-in-persons', 'smuggling-of-migrants'] });
    expect(JSON.stringify(data)).not.toMatch(/password|argon2/);
  });

  it('deletes an account: the person can no longer sign in, and the organisation keeps its records', async () => {
    const focal = await focalPoint('delete.fp@example.org', 'Delete Org');
    const colleague = await inviteAndJoin(focal, 'delete.rep@example.org', 'Leaving Person');

    const refused = await postForm(baseUrl, '/account/delete', { password: PASSWORD }, focal);
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('Hand the focal-point role to a colleague');

    expect((await postForm(baseUrl, '/account/delete', { password: 'not my password' }, colleague.cookie)).status).toBe(422);
    expect((await postForm(baseUrl, '/account/delete', { password: 'a different good passphrase' }, colleague.cookie)).location).toBe('/?account=deleted');
    expect((await get('/account', colleague.cookie)).status).toBe(303);
    expect((await postForm(baseUrl, '/signin', { email: 'delete.rep@example.org', password: 'a different good passphrase' })).status).toBe(422);
    const members = (await get('/account/organisation', focal)).body;
    expect(members).not.toContain('Leaving Person');
    expect(members).not.toContain('delete.rep@example.org');
  });
});
