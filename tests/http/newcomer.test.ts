// What a newcomer meets over HTTP: the home page's next step by state, the
// contact address and service pages, the event page's box with actions only
// for those who can use them, forms that say why before anything is typed,
// answering a call with its topics and questions, the knowledge hub, search
// across everything, robots.txt, the sitemap and dated RSS items.
// Its own server, so the configured retention and contact address are ours.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/server/auth/sessions';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { startServer, type RunningServer } from '../support/server';
import { createMember, createOrganisation } from '../support/members';
import { insertPublishedInput } from '../support/published-input';

const CONTACT = 'cso-unit@unodc.example.org';
const RETENTION_DAYS = '45';
// Demo content, moved to the test run's date: a reviewed dialogue open for applications with an open call;
// a dialogue whose applications open later but whose call is open; a cancelled briefing with open registration.
const OPEN_DIALOGUE = '/dialogues/2027-03-firearms';
const LATER_DIALOGUE = '/dialogues/2027-07-trafficking-in-persons';
const CANCELLED = '/events/2027-02-briefing-mutual-legal-assistance-model-law';

let database: TestDatabase;
let handle: DatabaseHandle;
let server: RunningServer;
let outbox: string;

beforeAll(async () => {
  database = await createTestDatabase('sqlite');
  outbox = mkdtempSync(join(tmpdir(), 'whatson-outbox-'));
  server = await startServer({ DATABASE_URL: database.url, OUTBOX_DIR: outbox, SECRETARIAT_EMAIL: CONTACT, HEALTH_DATA_RETENTION_DAYS: RETENTION_DAYS });
  handle = database.open();
}, 60_000);

afterAll(async () => {
  await handle?.close();
  await server?.stop();
  await database?.drop();
  rmSync(outbox, { recursive: true, force: true });
});

async function signedIn(options: Parameters<typeof createOrganisation>[1] | null, role: 'representative' | 'focal-point' | 'secretariat' = 'representative') {
  const organisationId = options ? await createOrganisation(handle.db, options) : null;
  const person = await createMember(handle.db, organisationId, role);
  const { token } = await createSession(handle.db, person.id);
  return { person, organisationId, cookie: `whatson_session=${token}` };
}

async function get(path: string, cookie = '') {
  const response = await fetch(new URL(path, server.baseUrl), { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** The event page's box at the top, as HTML. */
function boxOf(html: string): string {
  const match = /<section class="action-box"[\s\S]*?<\/section>/.exec(html);
  expect(match, 'the event page has its box').toBeTruthy();
  return match![0];
}

describe('orientation', () => {
  it('tells a visitor the three steps and, as next step, to create an account; sign-up and sign-in are in the header', async () => {
    const { body } = await get('/');
    expect(body).toContain('How to take part');
    for (const step of ['Register your organisation', 'Accreditation by the secretariat', 'Apply to events and send written input']) expect(body).toContain(step);
    expect(body).toMatch(/<h3>Your next step<\/h3>\s*<p>Create an account for your organisation/);
    const header = /<header[\s\S]*?<\/header>/.exec(body)![0];
    expect(header).toContain('href="/signup"');
    expect(header).toContain('href="/signin"');
  });

  it('tells a pending organisation to wait, a rejected one to write to the secretariat, an accredited one to find a dialogue', async () => {
    expect((await get('/', (await signedIn({ accreditation: 'pending' })).cookie)).body).toContain('Your organisation is waiting for accreditation');
    const rejected = (await get('/', (await signedIn({ accreditation: 'rejected' })).cookie)).body;
    expect(rejected).toContain('write to the secretariat to ask for a new review');
    expect(rejected).toMatch(new RegExp(`<h3>Your next step</h3>[\\s\\S]*Contact the secretariat: <a href="mailto:${CONTACT}">`));
    const accredited = (await get('/', (await signedIn({})).cookie)).body;
    expect(accredited).toContain('Your organisation is accredited');
    expect(accredited).toContain('<a class="button" href="/dialogues">Find a dialogue</a>');
  });

  it('shows the secretariat’s configured address in the footer and in the refusal a rejected organisation reads', async () => {
    expect((await get('/')).body).toContain(`<a href="mailto:${CONTACT}">${CONTACT}</a>`);
    const rejected = await signedIn({ accreditation: 'rejected' });
    const refused = await get(`${OPEN_DIALOGUE}/apply`, rejected.cookie);
    expect(refused.body).toContain(`write to the secretariat at ${CONTACT}`);
  });

  it('serves the privacy notice with the configured retention, the accessibility statement and the page about the Review Mechanism', async () => {
    const privacy = await get('/privacy');
    expect(privacy.status).toBe(200);
    expect(privacy.body).toContain(`erased <strong data-retention-days="${RETENTION_DAYS}">${RETENTION_DAYS} days</strong> after the event ends`);
    for (const heading of ['What is stored, and why', 'For how long', 'Who sees it', 'How to get it or delete it']) expect(privacy.body).toContain(heading);
    const accessibility = await get('/accessibility');
    expect(accessibility.status).toBe(200);
    for (const heading of ['Standard', 'How it is tested', 'Known limits', 'Report a barrier']) expect(accessibility.body).toContain(`<h2>${heading}</h2>`);
    expect(accessibility.body).toContain(CONTACT);
    const about = await get('/about');
    expect(about.status).toBe(200);
    expect(about.body).toContain('Constructive dialogues');
  });
});

describe('event pages that act', () => {
  it('puts the application state, the places left and the Apply button in the box at the top for an accredited member', async () => {
    const { cookie } = await signedIn({ type: 'ngo' });
    const box = boxOf((await get(OPEN_DIALOGUE, cookie)).body);
    expect(box).toMatch(/Applications open until [^<]+ · 50 of 50 places left in person, 350 of 350 online<\/span> · <a class="button" href="\/dialogues\/2027-03-firearms\/apply">Apply<\/a>/);
    expect(box).toMatch(/Call for input open until [^<]+<\/span> · <a class="button" href="\/submissions\/new\?call=dialogues%2F2027-03-firearms">Write input<\/a>/);
    expect(box).toContain('Add to your calendar');
  });

  it('shows the secretariat neither Apply nor Write input, but why not', async () => {
    const { cookie } = await signedIn(null, 'secretariat');
    const box = boxOf((await get(OPEN_DIALOGUE, cookie)).body);
    expect(box).not.toContain('>Apply<');
    expect(box).not.toContain('>Write input<');
    expect(box).toContain('This needs the account of a representative of an accredited organisation');
  });

  it('tells an organisation of a kind the event is not open to why it cannot apply, and a visitor to sign in', async () => {
    const other = await signedIn({ type: 'other' });
    const box = boxOf((await get(OPEN_DIALOGUE, other.cookie)).body);
    expect(box).not.toContain('>Apply<');
    expect(box).toContain('This event is not open to your kind of organisation.');
    expect(boxOf((await get(OPEN_DIALOGUE)).body)).toContain('Sign in to apply');
  });

  it('says when applications open, and offers no Apply before then', async () => {
    const { cookie } = await signedIn({});
    const box = boxOf((await get(LATER_DIALOGUE, cookie)).body);
    expect(box).toMatch(/Applications open on /);
    expect(box).not.toContain('>Apply<');
  });

  it('states the same window on the listing card in one line', async () => {
    const { body } = await get('/dialogues');
    const card = new RegExp(`<a href="${OPEN_DIALOGUE}"[^>]*>[\\s\\S]*?<p class="state-line">([^<]+)</p>`).exec(body);
    expect(card?.[1]).toMatch(/^Applications open until .+ · Call for input open until .+$/);
  });

  it('says why before anything is typed when the apply form is opened anyway, and shows no form', async () => {
    const { cookie } = await signedIn({});
    for (const [path, why] of [
      [`${CANCELLED}/apply`, 'This event has been cancelled.'],
      [`${LATER_DIALOGUE}/apply`, 'Applications are not open yet.'],
    ] as const) {
      const page = await get(path, cookie);
      expect(page.status).toBe(403);
      expect(page.body).toContain(why);
      expect(page.body).not.toContain('<form class="form"');
    }
    const pending = await get(`${OPEN_DIALOGUE}/apply`, (await signedIn({ accreditation: 'pending' })).cookie);
    expect(pending.status).toBe(403);
    expect(pending.body).toContain('waiting for accreditation');
    expect(pending.body).not.toContain('<form class="form"');
    const open = await get(`${OPEN_DIALOGUE}/apply`, cookie);
    expect(open.status).toBe(200);
    expect(open.body).toContain('<form class="form"');
  });

  it('answers a call with its event’s topics ticked and its questions shown, and lists the calls when none is chosen', async () => {
    const { cookie } = await signedIn({});
    const { status, body } = await get(`/submissions/new?call=${encodeURIComponent('dialogues/2027-07-trafficking-in-persons')}`, cookie);
    expect(status).toBe(200);
    expect(body).toMatch(/<input type="checkbox" id="topic-trafficking-in-persons" name="topics" value="trafficking-in-persons" checked/);
    expect(body).not.toMatch(/id="topic-firearms"[^>]*checked/);
    expect(body).toContain('Which measures have proved effective in identifying victims of trafficking early');
    const none = await get('/submissions/new', cookie);
    expect(none.body).toContain(`href="/submissions/new?call=${encodeURIComponent('dialogues/2027-07-trafficking-in-persons')}"`);
  });

  it('offers "Write input" on the archive only to those who can send it', async () => {
    expect((await get('/submissions', (await signedIn({})).cookie)).body).toContain('<a href="/submissions/new">Write input</a>');
    const secretariat = (await get('/submissions', (await signedIn(null, 'secretariat')).cookie)).body;
    expect(secretariat).not.toContain('href="/submissions/new"');
    expect(secretariat).toContain('This needs the account of a representative of an accredited organisation');
    const visitor = (await get('/submissions')).body;
    expect(visitor).not.toContain('href="/submissions/new"');
    expect(visitor).toContain('<a href="/signin?next=%2Fsubmissions%2Fnew">Sign in to write input</a>');
  });

  it('tells the secretariat why it cannot write input, before the form', async () => {
    const { status, body } = await get('/submissions/new', (await signedIn(null, 'secretariat')).cookie);
    expect(status).toBe(403);
    expect(body).toContain('This needs the account of a representative of an accredited organisation');
    expect(body).not.toContain('enctype="multipart/form-data"');
  });
});

describe('knowledge hub and search', () => {
  it('lists the toolkit and its chapters, filters them, and names a filter that does not exist', async () => {
    const all = await get('/resources');
    expect(all.status).toBe(200);
    expect(all.body).toContain('Toolkit on Stakeholder Engagement');
    expect(all.body).toContain('href="/resources/toolkit-stakeholder-engagement.txt"');
    const chapters = await get('/resources?type=chapter');
    expect(chapters.body).toContain('3 resources');
    expect(chapters.body).toContain('Part of: Toolkit on Stakeholder Engagement');
    const bad = await get('/resources?type=poster');
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('Choose a type from the list.');
    expect((await get('/resources/toolkit-stakeholder-engagement.txt')).status).toBe(200);
  });

  it('lists linked resources on topic and event pages', async () => {
    expect((await get('/topics/trafficking-in-persons')).body).toContain('Toolkit, chapter 2: Preparing for a constructive dialogue');
    expect((await get(LATER_DIALOGUE)).body).toContain('Toolkit, chapter 2: Preparing for a constructive dialogue');
  });

  it('finds events, topics, resources and published input, highlighted, despite accents and a typo, without JavaScript', async () => {
    const { person, organisationId } = await signedIn({});
    await insertPublishedInput(handle.db, { organisationId: organisationId!, authorId: person.id, title: 'Observatorio: trazabilidad de armas', body: 'Our tracing work.', topics: ['firearms'] });
    const found = await get('/search?q=trafficing');
    expect(found.status).toBe(200);
    expect(found.body).toContain(`<a href="${LATER_DIALOGUE}">Constructive dialogue on <mark>trafficking</mark> in persons (July 2027)</a>`);
    expect(found.body).toContain('<a href="/topics/trafficking-in-persons">');
    expect((await get('/search?q=stakeholder%20toolkit&kind=resource')).body).toContain('<mark>Toolkit</mark> on <mark>Stakeholder</mark> Engagement');
    expect((await get('/search?q=trazabilidad')).body).toContain('Observatorio: <mark>trazabilidad</mark> de armas');
    expect((await get('/search?q=OBSERVATORIO&kind=input&topic=firearms')).body).toContain('1 result for “OBSERVATORIO”');
    expect((await get('/search?q=observatorio&topic=smuggling-of-migrants')).body).toContain('Nothing matches');
    expect(found.body).not.toMatch(/<script(?![^>]*application\/ld\+json)[^>]*src=/);
  });

  it('names an unknown kind instead of failing', async () => {
    const bad = await get('/search?q=arms&kind=planets');
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('Choose a kind from the list.');
  });
});

describe('for robots and readers', () => {
  it('serves robots.txt naming the sitemap and keeping crawlers out of accounts and the secretariat’s pages', async () => {
    const robots = await get('/robots.txt');
    expect(robots.status).toBe(200);
    expect(robots.headers.get('content-type')).toContain('text/plain');
    expect(robots.body).toContain('Disallow: /account');
    expect(robots.body).toContain('Disallow: /admin');
    expect(robots.body).toMatch(/^Sitemap: http:\/\/.+\/sitemap\.xml$/m);
  });

  it('lists the knowledge hub, its files and published input in the sitemap', async () => {
    const { person, organisationId } = await signedIn({});
    const id = await insertPublishedInput(handle.db, { organisationId: organisationId!, authorId: person.id });
    const sitemap = (await get('/sitemap.xml')).body;
    for (const path of ['/resources', '/search', '/privacy', '/accessibility', '/about', '/resources/toolkit-stakeholder-engagement.txt', `/submissions/${id}`]) {
      expect(sitemap).toContain(`${path}</loc>`);
    }
  });

  it('dates every item of both RSS feeds', async () => {
    for (const feed of ['/rss.xml', '/submissions/rss.xml']) {
      const xml = (await get(feed)).body;
      const items = xml.match(/<item>[\s\S]*?<\/item>/g) ?? [];
      expect(items.length, feed).toBeGreaterThan(0);
      for (const item of items) expect(item, feed).toMatch(/<pubDate>\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT<\/pubDate>/);
    }
  });
});
