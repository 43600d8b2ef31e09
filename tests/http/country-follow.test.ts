// Naming States in written input and following a country, over HTTP: the
// form's States field (422 with the message beside it for a State not on
// the list), the archive's filter by State, the country page's published
// input and follow button, and signing in from there and coming back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/connection';
import { createSession } from '../../src/server/auth/sessions';
import { hashPassword } from '../../src/server/auth/passwords';
import { createMember, createOrganisation } from '../support/members';
import { insertPublishedInput } from '../support/published-input';
import { postForm } from '../support/forms';
import { startServer, type RunningServer } from '../support/server';

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe('States in written input, and following a country, over HTTP', () => {
  let folder: string;
  let server: RunningServer;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'whatson-country-follow-'));
    const file = join(folder, 'db.sqlite');
    server = await startServer({ DATABASE_URL: file, OUTBOX_DIR: join(folder, 'outbox'), ATTACHMENTS_DIR: join(folder, 'attachments') });
    handle = openDatabase({ kind: 'sqlite', file });
  });
  afterAll(async () => {
    await handle.close();
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  async function cookieFor(organisationId: string | null) {
    const person = await createMember(handle.db, organisationId);
    return { person, cookie: `whatson_session=${(await createSession(handle.db, person.id)).token}` };
  }

  const get = async (path: string, cookie?: string) => {
    const response = await fetch(new URL(path, server.baseUrl), { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
    return { status: response.status, location: response.headers.get('location'), html: await response.text() };
  };

  const input = (states: string[]) => ({ title: 'Witness protection', topics: 'organized-crime', body: 'Text.', consent: 'on', intent: 'save', states });

  it('offers the States as a list on the form, refuses one not on it beside the field (422), and shows those named on the input', async () => {
    const { cookie } = await cookieFor(await createOrganisation(handle.db));
    const form = await get('/submissions/new', cookie);
    expect(form.html).toMatch(/<select id="field-states" name="states" multiple[^>]*aria-describedby="field-states-hint"/);
    expect(form.html).toContain('<option value="KE">Kenya</option>');

    const refused = await postForm(server.baseUrl, '/submissions/new', input(['KE', 'XX']), cookie);
    expect(refused.status).toBe(422);
    expect(refused.html).toMatch(/aria-invalid="true" aria-describedby="field-states-hint field-states-error"/);
    expect(refused.html).toContain('<p class="field-error" id="field-states-error">Choose the States from the list.</p>');
    // What was chosen stays chosen.
    expect(refused.html).toContain('<option value="KE" selected>Kenya</option>');

    const saved = await postForm(server.baseUrl, '/submissions/new', input(['KE', 'PE']), cookie);
    expect(saved.status).toBe(303);
    const id = /\/submissions\/([a-z2-7]{32})\/edit/.exec(saved.location!)![1]!;
    const edit = await get(`/submissions/${id}/edit`, cookie);
    expect(edit.html).toContain('<option value="PE" selected>Peru</option>');
    await handle.db.updateTable('submissions').set({ state: 'published', published_at: new Date().toISOString() }).where('id', '=', id).execute();
    const shown = await get(`/submissions/${id}`);
    expect(textOf(shown.html)).toContain('States concerned Kenya , Peru');
    expect(shown.html).toContain('href="/countries/ke"');
  });

  it('filters the archive by a State from the list, and lists input that names a State on its country page', async () => {
    const organisationId = await createOrganisation(handle.db, { name: 'Andes Observatory' });
    const author = await createMember(handle.db, organisationId);
    await insertPublishedInput(handle.db, { organisationId, authorId: author.id, title: 'Courts in Bolivia', states: ['BO'] });
    await insertPublishedInput(handle.db, { organisationId, authorId: author.id, title: 'Ports in Ecuador', states: ['EC'] });
    const filtered = await get('/submissions?country=BO');
    expect(filtered.html).toContain('Courts in Bolivia');
    expect(filtered.html).not.toContain('Ports in Ecuador');
    expect(filtered.html).toMatch(/<select id="field-country" name="country"/);
    expect(filtered.html).toContain('<option value="BO" selected>');
    // Not a code on the list: no filter, rather than an error or nothing.
    expect((await get('/submissions?country=%25')).html).toContain('Ports in Ecuador');

    const country = await get('/countries/bo');
    expect(country.status).toBe(200);
    expect(textOf(country.html)).toContain('Published input that names Bolivia (Plurinational State of)');
    expect(country.html).toContain('Courts in Bolivia');
    expect(country.html).not.toContain('Ports in Ecuador');
    expect(country.html).toContain('href="/submissions?country=BO"');
    expect(textOf((await get('/countries/cl')).html)).toContain('No published written input names this State yet.');
  });

  it('follows and unfollows a country from its page, signed in; signed out, the page offers to sign in and come back', async () => {
    const signedOut = await get('/countries/uy');
    expect(signedOut.html).toContain('href="/signin?next=%2Fcountries%2Fuy"');
    expect(signedOut.html).not.toContain('Follow this country');
    const asked = await postForm(server.baseUrl, '/countries/uy/follow', { follow: 'true' });
    expect(asked.status).toBe(303);
    expect(asked.location).toBe('/signin?next=%2Fcountries%2Fuy');

    const { person, cookie } = await cookieFor(null);
    expect((await get('/countries/uy', cookie)).html).toContain('Follow this country');
    const followed = await postForm(server.baseUrl, '/countries/uy/follow', { follow: 'true' }, cookie);
    expect(followed).toMatchObject({ status: 303, location: '/countries/uy' });
    expect(textOf((await get('/countries/uy', cookie)).html)).toContain('You follow this country');
    expect(textOf((await get('/account/calendar', cookie)).html)).toContain('Countries you follow Uruguay');
    expect(await handle.db.selectFrom('followed_countries').select('country').where('user_id', '=', person.id).execute()).toEqual([{ country: 'UY' }]);

    const stopped = await postForm(server.baseUrl, '/account/calendar', { action: 'unfollow-country', country: 'UY' }, cookie);
    expect(stopped.status).toBe(303);
    expect(await handle.db.selectFrom('followed_countries').select('country').where('user_id', '=', person.id).execute()).toEqual([]);
    expect((await postForm(server.baseUrl, '/countries/xx/follow', { follow: 'true' }, cookie)).status).toBe(404);
  });

  it('returns to the page that asked for sign-in, and never to another site', async () => {
    const person = await createMember(handle.db, null);
    const password = 'a long passphrase for signing in';
    await handle.db.updateTable('users').set({ password_hash: await hashPassword(password) }).where('id', '=', person.id).execute();
    expect((await get('/signin?next=%2Fcountries%2Fuy')).html).toContain('<input type="hidden" name="next" value="/countries/uy">');
    const back = await postForm(server.baseUrl, '/signin', { email: person.email, password, next: '/countries/uy' });
    expect(back).toMatchObject({ status: 303, location: '/countries/uy' });
    for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      expect(await postForm(server.baseUrl, '/signin', { email: person.email, password, next })).toMatchObject({ status: 303, location: '/account' });
    }
  });
});
