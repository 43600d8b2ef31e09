// Feeds and files that stay well-formed, and published input the secretariat
// takes down, through the built portal: one server on SQLite, two sharing
// PostgreSQL (so a takedown through one reaches the other's page cache).
import ICAL from 'ical.js';
import { describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../support/databases';
import { postForm } from '../support/forms';
import { HOSTILE_TEXT } from '../support/hostile-text';
import { createOrganisation, signedInMember } from '../support/members';
import { waitForMail } from '../support/outbox';
import { insertPublishedInput } from '../support/published-input';
import { elementsNamed, parseStrictXml, strictUtf8 } from '../support/strict-xml';
import { usePortal } from '../support/portal';

// Demo content, used for its addresses only: a dialogue that calls for input, and a topic.
const CALL = 'dialogues/2027-03-firearms';
const TOPIC = 'firearms';
// Where the take-down form posts: the re-rendered page lists published input, so a refused form shows its message.
const TAKE_DOWN = '/admin/submissions?state=published';

describe.each(DIALECTS)('feeds and takedown over HTTP on %s', (dialect) => {
  const portal = usePortal(dialect);
  const base = (index = 0) => portal.servers[index % portal.servers.length]!.baseUrl;

  async function get(path: string, cookie = '', index = 0) {
    const response = await fetch(new URL(path, base(index)), { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
    return { status: response.status, headers: response.headers, body: strictUtf8(await response.arrayBuffer()) };
  }

  it('feeds stay well-formed XML after hostile input', async () => {
    const organisationId = await createOrganisation(portal.handle.db, { name: 'Watch \x0c\x01 <script>alert(1)</script> ]]> &amp;lt;' });
    const { person } = await signedInMember(portal.handle.db, organisationId);
    for (const hostile of HOSTILE_TEXT) {
      await insertPublishedInput(portal.handle.db, { organisationId, authorId: person.id, title: hostile, body: `\x01\x0b ${hostile}`, topics: [TOPIC], callKey: CALL });
    }
    const rss = await get('/submissions/rss.xml');
    expect(rss.status).toBe(200);
    const items = elementsNamed(parseStrictXml(rss.body), 'item');
    expect(items.length).toBeGreaterThanOrEqual(HOSTILE_TEXT.length);
    // A description is HTML to a reader: after the XML is read, markup the author typed is still escaped.
    for (const item of items) expect(elementsNamed(item, 'description')[0]!.text).not.toContain('<');

    for (const path of ['/rss.xml', '/sitemap.xml']) {
      const feed = await get(path);
      expect(feed.status, path).toBe(200);
      expect(() => parseStrictXml(feed.body), path).not.toThrow();
    }
    const calendar = await get('/calendar.ics');
    expect(calendar.status).toBe(200);
    expect(new ICAL.Component(ICAL.parse(calendar.body)).getAllSubcomponents('vevent').length).toBeGreaterThan(0);
  });

  it('the secretariat takes published input down with a reason', async () => {
    const organisationId = await createOrganisation(portal.handle.db, { name: 'Coalition against Trafficking' });
    const focalPoint = await signedInMember(portal.handle.db, organisationId, 'focal-point');
    const author = await signedInMember(portal.handle.db, organisationId);
    const id = await insertPublishedInput(portal.handle.db, { organisationId, authorId: author.person.id, title: 'Shelters that work', topics: [TOPIC], callKey: CALL, publishedAt: '2027-01-20T09:00:00.000Z' });
    const staff = await signedInMember(portal.handle.db, null, 'secretariat');
    const publicPlaces = ['/submissions', `/topics/${TOPIC}`, `/${CALL}`, '/submissions/rss.xml', '/sitemap.xml'];

    // Published: public everywhere, on every instance (whose page caches look at the data version at most once a second).
    for (const index of [0, 1]) {
      await vi.waitFor(
        async () => {
          expect((await get(`/submissions/${id}`, '', index)).status).toBe(200);
          for (const path of publicPlaces) expect((await get(path, '', index)).body, path).toContain(`/submissions/${id}`);
        },
        { timeout: 5_000, interval: 250 },
      );
    }
    expect((await get('/sitemap.xml')).body).toContain(`/submissions/${id}</loc><lastmod>2027-01-20T09:00:00.000Z</lastmod>`);
    expect((await get('/admin/submissions?state=published', staff.cookie)).body).toContain(`id="reason-${id}"`);

    // Only the secretariat, and only with a reason.
    expect((await postForm(base(), TAKE_DOWN, { id, action: 'take-down', reason: 'Mine.' }, author.cookie)).status).toBe(403);
    const noReason = await postForm(base(), TAKE_DOWN, { id, action: 'take-down', reason: ' ' }, staff.cookie);
    expect(noReason.status).toBe(422);
    expect(noReason.html).toContain(`id="reason-${id}-error"`);

    const taken = await postForm(base(1), TAKE_DOWN, { id, action: 'take-down', reason: 'It names a survivor.' }, staff.cookie);
    expect(taken.status).toBe(303);
    expect(taken.location).toBe('/admin/submissions?decided=taken-down');

    // Gone from every public place, on every instance.
    for (const index of [0, 1]) {
      await vi.waitFor(
        async () => {
          const page = await get(`/submissions/${id}`, '', index);
          expect(page.status).toBe(410);
          expect(page.body).toContain('taken down');
          expect(page.body).not.toContain('Shelters that work');
          for (const path of publicPlaces) expect((await get(path, '', index)).body, path).not.toContain(`/submissions/${id}`);
        },
        { timeout: 5_000, interval: 250 },
      );
    }
    expect((await get(`/submissions/${id}/attachment`)).status).toBe(410);

    // Its organisation still reads it, with the reason; the audit log and the organisation's email say why.
    const own = await get(`/submissions/${id}`, author.cookie);
    expect(own.status).toBe(200);
    expect(own.body).toContain('It names a survivor.');
    expect((await get('/admin/audit', staff.cookie)).body).toContain('data-action="submission.taken-down"');
    const mails = await waitForMail(portal.outbox, (mail) => mail.subject === 'Your written input has been taken down: Shelters that work', 2);
    expect(mails.map((mail) => mail.to).sort()).toEqual([author.person.email, focalPoint.person.email].sort());
    expect(mails[0]!.raw).toContain('It names a survivor.');

    // Taken down once.
    expect((await postForm(base(), TAKE_DOWN, { id, action: 'take-down', reason: 'Again.' }, staff.cookie)).status).toBe(409);
  });

  it('answers an unknown event’s registrations CSV with 404, whatever the address holds', async () => {
    const staff = await signedInMember(portal.handle.db, null, 'secretariat');
    for (const path of ['/admin/events/events/no-such-event.csv', '/admin/events/events/a%0D%0ASet-Cookie:%20x=1.csv', '/admin/events/events/%E4%BC%9A%E8%AE%AE.csv', '/admin/events/nothing/x.csv']) {
      expect((await get(path, staff.cookie)).status, path).toBe(404);
    }
    const csv = await get(`/admin/events/${CALL}.csv`, staff.cookie);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="registrations-${CALL.replace('/', '-')}.csv"; filename*=UTF-8''registrations-${CALL.replace('/', '-')}.csv`);
  });
});
