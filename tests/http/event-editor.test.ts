// The secretariat publishes in the browser: two instances on one database,
// a change made through one is on every public page and feed of the other
// within a second, with no build and no restart.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases';
import { postForm, randomClientAddress } from '../support/forms';
import { benign, hostile } from '../support/hostile-pdfs';
import { uploadedFile } from '../support/pdf-samples';
import { createOrganisation, signedInMember } from '../support/members';
import { usePortal } from '../support/portal';

async function get(baseUrl: string, path: string, cookie?: string) {
  const response = await fetch(new URL(path, baseUrl), { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
  return { status: response.status, location: response.headers.get('location'), body: await response.text() };
}

/** YYYY-MM-DDTHH:mm in UTC, `days` from now: the tests' events live in UTC so no zone arithmetic is needed. */
function wallClock(days: number, hour = 10): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return `${date.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
}

function dialogueFields(slug: string, title: string, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    collection: 'dialogues',
    slug,
    title,
    summary: 'Civil society and States discuss the Protocol.',
    body: 'We will **discuss** what works.',
    start: wallClock(30),
    end: wallClock(30, 17),
    timezone: 'UTC',
    status: 'scheduled',
    format: 'hybrid',
    'venue.site': 'Vienna International Centre',
    'venue.room': 'Boardroom D',
    'venue.city': 'Vienna',
    'venue.country': 'AT',
    topics: ['smuggling-of-migrants'],
    organisers: 'UNODC Civil Society Unit',
    languages: 'en, fr',
    workingGroup: 'smuggling-of-migrants',
    'documents.0.title': 'Concept note',
    'documents.0.kind': 'concept-note',
    'documents.0.url': 'https://www.unodc.org/concept-note.pdf',
    'documents.0.language': 'en',
    'registration.mode': 'open',
    'registration.opens': wallClock(-1),
    'registration.closes': wallClock(20),
    'registration.capacityInPerson': '30',
    'registration.capacityOnline': '200',
    'registration.maxPerOrganisation': '2',
    'registration.waitlist': 'on',
    'registration.eligibleTypes': ['ngo', 'academia'],
    'callForInput.opens': wallClock(-1),
    'callForInput.closes': wallClock(15),
    'callForInput.questions': 'What has worked?\nWhat has not?',
    'callForInput.wordLimit': '1000',
    action: 'publish',
    ...overrides,
  };
}

const unescape = (text: string) => text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');

/** What a browser would post from the editor's form as rendered (its first form). */
function formFieldsOf(html: string): Record<string, string | string[]> {
  const form = html.slice(html.indexOf('<form method="post"'), html.indexOf('</form>'));
  const fields: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const previous = fields[name];
    fields[name] = previous === undefined ? value : [previous, value].flat();
  };
  // An attribute's quoted text may hold '>' (a preview carries what was typed in hidden fields).
  for (const [tag] of form.matchAll(/<input (?:[^>"]|"[^"]*")*>/g)) {
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    const value = unescape(/value="([^"]*)"/.exec(tag)?.[1] ?? '');
    if (!name) continue;
    if (/type="checkbox"/.test(tag)) {
      if (/ checked/.test(tag)) add(name, value || 'on');
    } else add(name, value);
  }
  for (const [, name, options] of form.matchAll(/<select [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) add(name!, unescape(/<option value="([^"]*)" selected/.exec(options!)?.[1] ?? ''));
  for (const [, name, text] of form.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) add(name!, unescape(text!));
  // Posted as lists even with one value ticked.
  for (const name of ['topics', 'registration.eligibleTypes']) fields[name] = [fields[name] ?? []].flat();
  return fields;
}

/** Posts the editor's form as a browser does when a PDF is chosen in a document row (multipart). */
async function postWithFiles(baseUrl: string, path: string, fields: Record<string, string | string[]>, files: Record<string, File>, cookie: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) form.append(name, item);
  for (const [name, file] of Object.entries(files)) form.append(name, file);
  const response = await fetch(new URL(path, baseUrl), { method: 'POST', redirect: 'manual', headers: { Origin: baseUrl, Cookie: cookie, 'X-Forwarded-For': randomClientAddress() }, body: form });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

/** Polls `path` on `baseUrl` until `until` holds, at most `ms`; returns the last body and how long it took. */
async function waitFor(baseUrl: string, path: string, until: (body: string) => boolean, ms = 1_500) {
  const started = Date.now();
  for (;;) {
    const { body } = await get(baseUrl, path);
    if (until(body) || Date.now() - started > ms) return { body, after: Date.now() - started };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(DIALECTS)('the secretariat publishes in the browser on %s, two instances', (dialect) => {
  const portal = usePortal(dialect, { instances: 2, env: (outbox) => ({ ATTACHMENTS_DIR: join(outbox, 'attachments') }) });
  const base = (index: number) => portal.servers[index]!.baseUrl;
  let secretariat: string;

  beforeAll(async () => {
    secretariat = (await signedInMember(portal.handle.db, null, 'secretariat')).cookie;
  });

  it('sends visitors to sign in and refuses members of organisations (403), storing nothing', async () => {
    for (const path of ['/admin/events/new?collection=dialogues', '/admin/events/editor', '/admin/events/dialogues/2027-03-firearms/edit', '/admin/events/dialogues/2027-03-firearms/history']) {
      const anonymous = await get(base(0), path);
      expect([anonymous.status, anonymous.location], path).toEqual([303, '/signin']);
    }
    const { cookie } = await signedInMember(portal.handle.db, await createOrganisation(portal.handle.db), 'focal-point');
    for (const path of ['/admin/events/new', '/admin/events/new?collection=dialogues', '/admin/events/editor', '/admin/events/dialogues/2027-03-firearms/edit', '/admin/events/dialogues/2027-03-firearms/history']) {
      expect((await get(base(0), path, cookie)).status, path).toBe(403);
    }
    for (const action of ['save', 'publish', 'preview', 'unpublish']) {
      const edit = await postForm(base(0), '/admin/events/dialogues/2027-03-firearms/edit', { ...dialogueFields('2027-03-firearms', 'Not allowed'), action, reason: 'No.' }, cookie);
      expect(edit.status, action).toBe(403);
      expect(edit.html, action).not.toContain('Preview (not saved)');
    }
    expect((await postForm(base(0), '/admin/events/dialogues/2027-03-firearms/history', { version: '1' }, cookie)).status).toBe(403);
    const posted = await postForm(base(0), '/admin/events/new?collection=dialogues', dialogueFields('member-attempt', 'Not allowed'), cookie);
    expect(posted.status).toBe(403);
    expect(posted.html).not.toContain('name="title"');
    const stored = await portal.handle.db.selectFrom('stored_events').select('event_key').execute();
    expect(stored).toEqual([]);
  });

  it('answers 422 with each message next to its field and every typed value kept', async () => {
    const response = await postForm(base(0), '/admin/events/new?collection=dialogues', dialogueFields('Bad Slug', '', {
      'venue.country': 'Austria',
      'documents.0.url': 'ftp://example.org/x',
      'registration.capacityOnline': 'many',
      'callForInput.wordLimit': '10',
      summary: 'Kept summary text',
    }), secretariat);
    expect(response.status).toBe(422);
    const errorOf = (field: string) => new RegExp(`id="field-${field}-error">([^<]+)<`).exec(response.html)?.[1];
    expect(errorOf('slug')).toContain('lower-case');
    expect(errorOf('title')).toBeTruthy();
    expect(errorOf('venue-country')).toContain('two-letter');
    expect(errorOf('documents-0-url')).toContain('http');
    expect(errorOf('registration-capacityOnline')).toBeTruthy();
    expect(errorOf('callForInput-wordLimit')).toBeTruthy();
    expect(response.html).toContain('Kept summary text');
    expect(response.html).toContain('value="Austria"');
    expect(response.html).toContain('value="many"');
    expect(response.html).toContain('What has worked?\nWhat has not?');

    // Rules across fields are checked once each field is right on its own.
    const ends = await postForm(base(0), '/admin/events/new?collection=dialogues', dialogueFields('ends-before-it-starts', 'Backwards', { end: wallClock(29) }), secretariat);
    expect(ends.status).toBe(422);
    expect(/id="field-end-error">([^<]+)</.exec(ends.html)?.[1]).toBe('must be after start');
  });

  it('publishes a dialogue through one instance that the other shows within a second on its page, listing, topic page, feeds, sitemap and RSS', async () => {
    const slug = 'browser-dialogue-smuggling';
    const title = 'Browser-made dialogue on smuggling';
    const watched = ['/dialogues?q=browser-made', '/topics/smuggling-of-migrants', '/calendar.ics', '/dialogues/calendar.ics', '/sitemap.xml', '/rss.xml', `/dialogues/${slug}`];
    for (const path of watched) {
      await get(base(1), path);
      await get(base(1), path);
    }
    const created = await postForm(base(0), '/admin/events/new?collection=dialogues', dialogueFields(slug, title), secretariat);
    expect(created.status).toBe(303);
    expect(created.location).toBe(`/admin/events/dialogues/${slug}/edit?published=1&told=0`);
    for (const path of watched) {
      const seen = await waitFor(base(1), path, (body) => body.includes(slug));
      expect(seen.after, path).toBeLessThan(1_500);
    }
    const page = (await get(base(1), `/dialogues/${slug}`)).body;
    expect(page).toContain(`<h1 dir="auto">${title}</h1>`);
    expect(page).toContain('We will <strong>discuss</strong> what works.');
    expect(page).toContain('What has worked?');
    expect(page).toContain('Concept note');
    expect(page).toContain('Sign in to apply');
    expect((await get(base(1), `/dialogues/${slug}.ics`)).body).toContain('SEQUENCE:0');

    // Moved by a day: the feeds show a higher SEQUENCE everywhere.
    const moved = await postForm(base(0), `/admin/events/dialogues/${slug}/edit`, dialogueFields(slug, title, { start: wallClock(31), end: wallClock(31, 17) }), secretariat);
    expect(moved.status).toBe(303);
    const feed = await waitFor(base(1), '/dialogues/calendar.ics', (body) => new RegExp(`UID:dialogues-${slug}@[^\\r\\n]+\\r\\nSEQUENCE:1`).test(body));
    expect(feed.after).toBeLessThan(1_500);
  });

  it('chooses an address once: creating another event at a used address is refused', async () => {
    const again = await postForm(base(0), '/admin/events/new?collection=dialogues', dialogueFields('2027-03-firearms', 'Same address as a file'), secretariat);
    expect(again.status).toBe(422);
    expect(again.html).toContain('already used by another event');
  });

  it('keeps a draft off the site until it is published', async () => {
    const slug = 'draft-only-dialogue';
    const saved = await postForm(base(0), '/admin/events/new?collection=dialogues', dialogueFields(slug, 'A draft', { action: 'save' }), secretariat);
    expect(saved.location).toBe(`/admin/events/dialogues/${slug}/edit?saved=1`);
    expect((await get(base(1), `/dialogues/${slug}`)).status).toBe(404);
    const editor = await get(base(0), `/admin/events/dialogues/${slug}/edit`, secretariat);
    expect(editor.body).toContain('Draft, not on the site');
    const preview = await postForm(base(0), `/admin/events/dialogues/${slug}/edit`, dialogueFields(slug, 'A draft', { action: 'preview', body: '# Heading\n\n<script>alert(1)</script>' }), secretariat);
    expect(preview.status).toBe(200);
    expect(preview.html).toContain('Preview (not saved)');
    expect(preview.html).toContain('<h2>Heading</h2>');
    // The page shows it sanitised; the form that carries it back holds it as an attribute's text.
    expect(preview.html.slice(preview.html.indexOf('<article>'))).not.toContain('<script>alert(1)</script>');
    expect(preview.html).toContain('<input type="hidden" name="body" value="# Heading\n\n<script>alert(1)</script>">');
    // The whole public page, layout included, marked as a preview: not stored by caches, not indexed.
    expect(preview.html).toContain('<header class="site-header">');
    expect(preview.html).toContain('<h1 dir="auto">A draft</h1>');
    // The box at the top of the public page (dates, applications, calendar links).
    expect(preview.html).toContain('<section class="action-box" aria-labelledby="box-heading">');
    expect(preview.html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(preview.headers.get('cache-control')).toContain('no-store');
    expect(preview.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    // What was typed travels with the preview, back to the editor with nothing lost.
    const carried = formFieldsOf(preview.html);
    expect(carried).toMatchObject({ title: 'A draft', 'venue.room': 'Boardroom D', 'registration.eligibleTypes': ['ngo', 'academia'], body: '# Heading\n\n<script>alert(1)</script>' });
    const back = await postForm(base(0), `/admin/events/dialogues/${slug}/edit`, { ...carried, action: 'edit' }, secretariat);
    expect(back.status).toBe(200);
    expect(back.html).toContain('id="field-title" name="title" value="A draft"');
    expect(back.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;</textarea>');
    expect((await get(base(1), `/dialogues/${slug}`)).status).toBe(404);
  });

  it('takes PDFs as documents: a hostile one is refused next to its field, a benign one is listed on the event page and served from its address', async () => {
    const slug = 'dialogue-with-programme';
    const refused = await postWithFiles(base(0), '/admin/events/new?collection=dialogues', dialogueFields(slug, 'With a programme', { summary: 'Typed before the upload' }), {
      'documents.1.file': uploadedFile(hostile.scriptInAnnotationAction(), 'programme.pdf'),
    }, secretariat);
    expect(refused.status).toBe(422);
    expect(/id="field-documents-1-file-error">([^<]+)</.exec(refused.html)?.[1]).toContain('active content');
    expect(refused.html).toContain('Typed before the upload');
    expect(await portal.handle.db.selectFrom('event_documents').select('id').execute()).toEqual([]);

    const bytes = await benign.multiPageText();
    const created = await postWithFiles(base(0), '/admin/events/new?collection=dialogues', dialogueFields(slug, 'With a programme', { 'documents.1.kind': 'programme', 'documents.1.title': 'Programme' }), {
      'documents.1.file': uploadedFile(bytes, 'programme-2027.pdf'),
    }, secretariat);
    expect(created.status, created.html.match(/id="field-[^"]+-error">[^<]+/g)?.join('; ')).toBe(303);
    const page = await waitFor(base(1), `/dialogues/${slug}`, (body) => body.includes('Programme</a>'));
    const link = /<a href="(\/documents\/[0-9a-f-]{36}\.pdf)" hreflang="en">Programme<\/a>/.exec(page.body)?.[1];
    expect(link, page.body.slice(page.body.indexOf('documents-heading'), page.body.indexOf('documents-heading') + 600)).toBeTruthy();
    expect(page.body).toContain('Concept note</a>');
    const served = await fetch(new URL(link!, base(1)));
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(served.headers.get('content-disposition')).toBe(`attachment; filename="programme-2027.pdf"; filename*=UTF-8''programme-2027.pdf`);
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    expect((await fetch(new URL('/documents/00000000-0000-4000-8000-000000000000.pdf', base(1)))).status).toBe(404);
  });

  it('edits an event that came from a file: from then on the stored version wins, and the editor says so', async () => {
    const path = '/dialogues/2027-03-firearms';
    const before = await get(base(0), '/admin/events/dialogues/2027-03-firearms/edit', secretariat);
    expect(before.status).toBe(200);
    expect(before.body).toContain('comes from a Markdown file. Saving it here');
    const fields = formFieldsOf(before.body);
    const posted = { ...fields, title: 'Firearms dialogue, edited in the browser', action: 'publish' };
    const saved = await postForm(base(0), '/admin/events/dialogues/2027-03-firearms/edit', posted, secretariat);
    expect(saved.status, [...saved.html.matchAll(/id="(field-[^"]+-error)">([^<]+)</g)].map((match) => `${match[1]}: ${match[2]}`).join('; ')).toBe(303);
    const seen = await waitFor(base(1), path, (body) => body.includes('Firearms dialogue, edited in the browser'));
    expect(seen.after).toBeLessThan(1_500);
    const after = await get(base(0), '/admin/events/dialogues/2027-03-firearms/edit', secretariat);
    expect(after.body).toContain('the version stored here is what the site shows');
    const history = await get(base(0), '/admin/events/dialogues/2027-03-firearms/history?from=1&to=2', secretariat);
    expect(history.body).toContain('From the Markdown file');
    expect(history.body).toMatch(/<th scope="row">title<\/th><td><del>[^<]+<\/del><\/td><td><ins>Firearms dialogue, edited in the browser<\/ins>/);
  });

  it('unpublishes with a reason: gone from both instances, the reason in the audit log', async () => {
    const slug = 'to-be-unpublished';
    await postForm(base(0), '/admin/events/new?collection=dialogues', dialogueFields(slug, 'Soon gone'), secretariat);
    await waitFor(base(1), `/dialogues/${slug}`, (body) => body.includes('Soon gone'));
    const noReason = await postForm(base(0), `/admin/events/dialogues/${slug}/edit`, { action: 'unpublish', reason: '' }, secretariat);
    expect(noReason.status).toBe(422);
    expect(noReason.html).toContain('id="field-reason-error"');
    const done = await postForm(base(0), `/admin/events/dialogues/${slug}/edit`, { action: 'unpublish', reason: 'Merged into another session.' }, secretariat);
    expect(done.location).toBe(`/admin/events/dialogues/${slug}/edit?unpublished=1`);
    const started = Date.now();
    while ((await get(base(1), `/dialogues/${slug}`)).status !== 404 && Date.now() - started < 1_500) await new Promise((resolve) => setTimeout(resolve, 25));
    expect((await get(base(1), `/dialogues/${slug}`)).status).toBe(404);
    const audit = await get(base(0), '/admin/audit', secretariat);
    expect(audit.body).toContain('Took an event off the site');
    expect(audit.body).toContain('Merged into another session.');
  });
});
