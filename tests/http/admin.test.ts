// The secretariat accredits an organisation through the portal, as a browser
// does it, on each database dialect: queue, decision, audit log, directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases';
import { postForm, signUpFields } from '../support/forms';
import { awaitMail, linkIn, mailTo, waitForMail } from '../support/outbox';
import { signInSecretariat, SECRETARIAT_EMAIL } from '../support/secretariat';
import { startServer, type RunningServer } from '../support/server';

const PASSWORD = 'correct horse battery staple';

describe.each(DIALECTS)('secretariat over HTTP on %s', (dialect) => {
  let database: TestDatabase;
  let outbox: string;
  let server: RunningServer;
  let secretariat: string;

  async function get(path: string, cookie?: string) {
    const response = await fetch(new URL(path, server.baseUrl), { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
    return { status: response.status, location: response.headers.get('location'), html: await response.text() };
  }

  /** Signs up an organisation, confirms the focal point's address and signs in. */
  async function focalPoint(email: string, organisationName: string) {
    expect((await postForm(server.baseUrl, '/signup', signUpFields(email, { organisationName }))).location).toBe('/signup/sent');
    const mail = await mailTo(outbox, email, 'Confirm your email address for WhatsOn');
    const token = new URL(linkIn(mail, '/verify-email?token=')).searchParams.get('token')!;
    expect((await postForm(server.baseUrl, '/verify-email', { token })).location).toBe('/signin?verified=1');
    const signIn = await postForm(server.baseUrl, '/signin', { email, password: PASSWORD });
    expect(signIn.status).toBe(303);
    const handle = database.open();
    try {
      const row = await handle.db.selectFrom('organisations').select('id').where('name', '=', organisationName).executeTakeFirstOrThrow();
      return { cookie: signIn.cookie!, organisationId: row.id };
    } finally {
      await handle.close();
    }
  }

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

  it('accredits an organisation: the focal point sees it and is emailed, the audit log and the directory show it', async () => {
    const focal = await focalPoint('accredit.fp@example.org', 'Coastal Migrant Rights');
    expect((await get('/organisations?q=Coastal')).html).not.toContain('Coastal Migrant Rights');

    const queue = await get('/admin', secretariat);
    expect(queue.status).toBe(200);
    expect(queue.html).toContain('Coastal Migrant Rights');
    expect(queue.html).toContain('accredit.fp@example.org');
    expect(queue.html).toContain(`<label for="org-${focal.organisationId}-reason">`);

    const decided = await postForm(server.baseUrl, '/admin', { organisationId: focal.organisationId, decision: 'accredit', reason: '' }, secretariat);
    expect(decided.status).toBe(303);
    expect(decided.location).toBe('/admin?decided=accredited');
    expect((await get(decided.location!, secretariat)).html).toContain('The decision is saved (Accredited)');

    expect((await get('/account', focal.cookie)).html).toContain('data-accreditation="accredited"');
    const mail = await awaitMail(outbox, (message) => message.to === 'accredit.fp@example.org' && message.subjectText.endsWith('accredited on WhatsOn'));
    expect(mail.subject).toBe('Coastal Migrant Rights is accredited on WhatsOn');

    const audit = await get('/admin/audit', secretariat);
    expect(audit.status).toBe(200);
    expect(audit.html).toMatch(/<caption>Decisions 1 to \d+ of \d+<\/caption>/);
    expect(audit.html).toContain('<th scope="col">Who</th>');
    expect(audit.html).toContain('Accredited the organisation');
    expect(audit.html).toMatch(/Organisation: <a href="\/admin\/audit\?subjectType=organisation&amp;subject=[^"]+">Coastal Migrant Rights<\/a>/);
    expect(audit.html).toContain(SECRETARIAT_EMAIL);

    const directory = await get('/organisations?q=coastal&country=KE&topic=smuggling-of-migrants&type=ngo');
    expect(directory.status).toBe(200);
    expect(directory.html).toContain('Coastal Migrant Rights');
    expect(directory.html).not.toContain('accredit.fp@example.org');
    expect((await get('/organisations?country=AT')).html).not.toContain('Coastal Migrant Rights');
  });

  it('rejects with a reason that reaches the focal point; an empty reason is refused with 422 next to the field', async () => {
    const focal = await focalPoint('reject.fp@example.org', 'Unclear Purposes Ltd');
    const empty = await postForm(server.baseUrl, '/admin', { organisationId: focal.organisationId, decision: 'reject', reason: ' ' }, secretariat);
    expect(empty.status).toBe(422);
    expect(empty.html).toContain(`<p class="field-error" id="org-${focal.organisationId}-reason-error">Give the reason for not accrediting`);
    expect(empty.html).toContain('aria-invalid="true"');
    expect((await get('/account', focal.cookie)).html).toContain('data-accreditation="pending"');

    const reason = 'Please send the registration certificate to the Civil Society Unit.';
    const rejected = await postForm(server.baseUrl, '/admin?state=pending', { organisationId: focal.organisationId, decision: 'reject', reason }, secretariat);
    expect(rejected.location).toBe('/admin?state=pending&decided=rejected');
    const account = (await get('/account', focal.cookie)).html;
    expect(account).toContain('data-accreditation="rejected"');
    expect(account).toContain(reason);
    const mail = await awaitMail(outbox, (message) => message.to === 'reject.fp@example.org' && message.subjectText.endsWith('accredited on WhatsOn'));
    expect(mail.subject).toBe('Unclear Purposes Ltd is not accredited on WhatsOn');
    expect(mail.raw.replace(/\s+/g, ' ')).toContain(reason);
    expect((await get('/organisations?q=Unclear')).html).not.toContain('Unclear Purposes Ltd');
    expect((await get('/admin?state=rejected', secretariat)).html).toContain('Unclear Purposes Ltd');
  });

  it('only the secretariat: a focal point gets 403 and changes nothing, a visitor is sent to sign in', async () => {
    const focal = await focalPoint('intruder.fp@example.org', 'Self Accrediting Society');
    const attempt = await postForm(server.baseUrl, '/admin', { organisationId: focal.organisationId, decision: 'accredit' }, focal.cookie);
    expect(attempt.status).toBe(403);
    expect(attempt.html).toContain('Only the secretariat can do this');
    expect((await get('/account', focal.cookie)).html).toContain('data-accreditation="pending"');
    expect((await get('/admin', focal.cookie)).status).toBe(403);
    expect((await get('/admin/audit', focal.cookie)).status).toBe(403);
    expect(await get('/admin')).toMatchObject({ status: 303, location: '/signin' });
    expect(await get('/admin/audit')).toMatchObject({ status: 303, location: '/signin' });
    expect((await postForm(server.baseUrl, '/admin', { organisationId: focal.organisationId, decision: 'accredit' })).status).toBe(303);
    expect((await get('/account', focal.cookie)).html).toContain('data-accreditation="pending"');
  });

  it('answers bad filters with 422 and the message next to the field, never 500', async () => {
    const directory = await get('/organisations?country=ZZ&topic=gardening');
    expect(directory.status).toBe(422);
    expect(directory.html).toContain('<p class="field-error" id="field-country-error">Choose a country from the list.</p>');
    expect(directory.html).toContain('<p class="field-error" id="field-topic-error">Choose a topic from the list.</p>');

    const queue = await get('/admin?country=ZZ&state=maybe&page=-1', secretariat);
    expect(queue.status).toBe(422);
    expect(queue.html).toContain('<p class="field-error" id="field-country-error">Choose a country from the list.</p>');
    expect(queue.html).toContain('id="field-state-error"');

    expect((await get('/admin/audit?page=abc', secretariat)).status).toBe(422);
    const unknown = await postForm(server.baseUrl, '/admin', { organisationId: 'no-such-organisation', decision: 'accredit' }, secretariat);
    expect(unknown.status).toBe(404);
    const garbage = await postForm(server.baseUrl, '/admin', { decision: 'maybe' }, secretariat);
    expect(garbage.status).toBe(422);
  });

  it('shows emails that could not be delivered, with the error, and sends them again when asked; for the secretariat only', async () => {
    const handle = database.open();
    try {
      const stamp = new Date().toISOString();
      await handle.db
        .insertInto('outgoing_mail')
        .values({ id: '00000000000001-000001-failedxx', recipient: 'unreachable@example.org', subject: 'Your place is confirmed', body: 'See you.', attachments: null, state: 'failed', attempts: 8, next_attempt_at: stamp, claimed_by: null, claimed_until: null, last_error: '550 mailbox unavailable', created_at: stamp, sent_at: null })
        .execute();
    } finally {
      await handle.close();
    }
    const page = await get('/admin/mail', secretariat);
    expect(page.status).toBe(200);
    expect(page.html).toContain('1 could not be delivered');
    expect(page.html).toContain('unreachable@example.org');
    expect(page.html).toContain('550 mailbox unavailable');

    const focal = await focalPoint('mail.fp@example.org', 'Curious Observers');
    expect((await get('/admin/mail', focal.cookie)).status).toBe(403);
    expect((await postForm(server.baseUrl, '/admin/mail', { id: '00000000000001-000001-failedxx' }, focal.cookie)).status).toBe(403);

    const retried = await postForm(server.baseUrl, '/admin/mail', { id: '00000000000001-000001-failedxx' }, secretariat);
    expect(retried).toMatchObject({ status: 303, location: '/admin/mail?queued=1' });
    expect(await waitForMail(outbox, (message) => message.to === 'unreachable@example.org')).toHaveLength(1);
    expect((await get('/admin/mail', secretariat)).html).toContain('0 could not be delivered');
  });

});
