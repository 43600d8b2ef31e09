// Written input over HTTP: forms, guessing ids, attachments as downloads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/connection';
import { createSession } from '../../src/server/auth/sessions';
import { createMember, createOrganisation } from '../support/members';
import { startServer, type RunningServer } from '../support/server';

const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

describe('written input over HTTP', () => {
  let folder: string;
  let server: RunningServer;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'whatson-input-'));
    const file = join(folder, 'db.sqlite');
    server = await startServer({ DATABASE_URL: file, OUTBOX_DIR: join(folder, 'outbox'), ATTACHMENTS_DIR: join(folder, 'attachments') });
    handle = openDatabase({ kind: 'sqlite', file });
  });
  afterAll(async () => {
    await handle.close();
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  async function cookieFor(organisationId: string | null, role: 'representative' | 'secretariat' = 'representative') {
    const person = await createMember(handle.db, organisationId, role);
    return `whatson_session=${(await createSession(handle.db, person.id)).token}`;
  }

  async function post(path: string, form: FormData, cookie: string) {
    const response = await fetch(new URL(path, server.baseUrl), { method: 'POST', redirect: 'manual', headers: { Origin: server.baseUrl, Cookie: cookie }, body: form });
    return { status: response.status, location: response.headers.get('location'), html: await response.text() };
  }

  function inputForm(fields: Record<string, string>, attachment?: Blob, name = 'findings.pdf') {
    const form = new FormData();
    for (const [key, value] of Object.entries({ title: 'Findings', topics: 'firearms', body: 'Text.', consent: 'on', intent: 'save', ...fields })) form.append(key, value);
    if (attachment) form.append('attachment', attachment, name);
    return form;
  }

  it('saves a draft with a PDF, which is served only as an attachment, only to its organisation', async () => {
    const organisationId = await createOrganisation(handle.db);
    const cookie = await cookieFor(organisationId);
    const saved = await post('/submissions/new', inputForm({}, new Blob([PDF], { type: 'application/pdf' })), cookie);
    expect(saved.status).toBe(303);
    const id = /\/submissions\/([a-z2-7]{32})\/edit/.exec(saved.location!)![1]!;

    const download = await fetch(new URL(`/submissions/${id}/attachment`, server.baseUrl), { headers: { Cookie: cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="findings.pdf"/);
    expect(download.headers.get('content-security-policy')).toContain('sandbox');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await download.text()).toBe(PDF);

    const stranger = await cookieFor(await createOrganisation(handle.db));
    expect((await fetch(new URL(`/submissions/${id}/attachment`, server.baseUrl), { headers: { Cookie: stranger } })).status).toBe(404);
    expect((await fetch(new URL(`/submissions/${id}`, server.baseUrl), { headers: { Cookie: stranger } })).status).toBe(404);
    expect((await fetch(new URL(`/submissions/${id}/edit`, server.baseUrl), { headers: { Cookie: stranger }, redirect: 'manual' })).status).toBe(404);
    expect((await fetch(new URL(`/submissions/${id}`, server.baseUrl))).status).toBe(404);
  });

  it('refuses a renamed executable with a message next to the file field', async () => {
    const cookie = await cookieFor(await createOrganisation(handle.db));
    const result = await post('/submissions/new', inputForm({}, new Blob([new Uint8Array([0x4d, 0x5a, 0x90, 0x00])], { type: 'application/pdf' }), 'report.pdf'), cookie);
    expect(result.status).toBe(422);
    expect(result.html).toMatch(/<p class="field-error" id="field-attachment-error">[^<]+<\/p>/);
    expect(result.html).toContain('value="Findings"');
  });

  it('refuses an upload over the limit before reading it', async () => {
    const cookie = await cookieFor(await createOrganisation(handle.db));
    const result = await post('/submissions/new', inputForm({}, new Blob([new Uint8Array(12 * 1024 * 1024)]), 'huge.pdf'), cookie);
    expect(result.status).toBe(413);
  });

  it('re-renders the form with 422 and messages on bad input', async () => {
    const cookie = await cookieFor(await createOrganisation(handle.db));
    const form = inputForm({ title: '', topics: 'piracy' });
    const result = await post('/submissions/new', form, cookie);
    expect(result.status).toBe(422);
    expect(result.html).toContain('<p class="field-error" id="field-title-error">Give the input a title.</p>');
  });

  it('does not let a representative publish, nor reach the moderation queue', async () => {
    const cookie = await cookieFor(await createOrganisation(handle.db));
    expect((await fetch(new URL('/admin/submissions', server.baseUrl), { headers: { Cookie: cookie } })).status).toBe(403);
    const form = new FormData();
    form.append('id', 'x');
    form.append('decision', 'publish');
    expect((await post('/admin/submissions', form, cookie)).status).toBe(403);
  });
});
