// The secretariat's workspace and topic digests through the built portal: one
// server on SQLite, two sharing PostgreSQL. Pages answer as the house rules
// say (403 to others, 422 with the message next to the field), CSVs take the
// page's filters, and a digest's one-click unsubscribe works without signing
// in and without an Origin header (RFC 8058).
import { describe, expect, it } from 'vitest';
import { unsubscribeUrl } from '../../src/server/digests/digest-preferences';
import { DIALECTS } from '../support/databases';
import { postForm } from '../support/forms';
import { createMember, createOrganisation, signedInMember } from '../support/members';
import { readOutbox, waitForMail } from '../support/outbox';
import { usePortal } from '../support/portal';
import { workspaceFr } from '../../src/i18n/workspace-fr';
import { seedRegistration } from '../support/workspace-seeds';

// Demo content, used for its address only: a hybrid dialogue taking reviewed registrations.
const EVENT = 'dialogues/2027-07-trafficking-in-persons';

describe.each(DIALECTS)('the secretariat’s workspace over HTTP on %s', (dialect) => {
  const portal = usePortal(dialect);
  const base = (index = 0) => portal.servers[index % portal.servers.length]!.baseUrl;

  async function get(path: string, cookie = '', index = 0) {
    const response = await fetch(new URL(path, base(index)), { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
    return { status: response.status, headers: response.headers, body: await response.text() };
  }

  it('shows the overview on /admin, and decides several organisations at once with a reason', async () => {
    const staff = await signedInMember(portal.handle.db, null, 'secretariat');
    const ids = [await createOrganisation(portal.handle.db, { name: 'Bulk One', accreditation: 'pending' }), await createOrganisation(portal.handle.db, { name: 'Bulk Two', accreditation: 'pending' })];
    const page = await get('/admin', staff.cookie);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1>What waits for the secretariat</h1>');
    expect(page.body).toMatch(/<a href="\/admin\?state=pending">\d+ organisations await accreditation<\/a>/);
    expect(page.body).toContain(`form="bulk-accreditation"`);

    const refused = await postForm(base(), '/admin', { bulk: '1', ids, decision: 'reject', reason: ' ' }, staff.cookie);
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('Give the reason for not accrediting');
    const decided = await postForm(base(), '/admin', { bulk: '1', ids, decision: 'accredit', reason: 'Known to the Unit.' }, staff.cookie);
    expect(decided).toMatchObject({ status: 303, location: '/admin?decided=accredited&changed=2&missing=0' });
    const rows = await portal.handle.db.selectFrom('organisations').select('accreditation').where('id', 'in', ids).execute();
    expect(rows.map((row) => row.accreditation)).toEqual(['accredited', 'accredited']);

    const { cookie } = await signedInMember(portal.handle.db, ids[0]!);
    expect((await get('/admin', cookie)).status).toBe(403);
    expect((await postForm(base(), '/admin', { bulk: '1', ids, decision: 'reject', reason: 'x' }, cookie)).status).toBe(403);
  });

  it('filters the audit log, names subjects with links, and exports the same filter as CSV', async () => {
    const staff = await signedInMember(portal.handle.db, null, 'secretariat');
    const organisationId = await createOrganisation(portal.handle.db, { name: '=Formula Friends', accreditation: 'pending' });
    expect((await postForm(base(), '/admin', { organisationId, decision: 'reject', reason: '+1 not in scope' }, staff.cookie)).status).toBe(303);
    const filtered = await get(`/admin/audit?actor=${staff.person.id}&action=organisation.rejected`, staff.cookie, 1);
    expect(filtered.status).toBe(200);
    expect(filtered.body).toContain(`<a href="/admin/audit?subjectType=organisation&amp;subject=${organisationId}">=Formula Friends</a>`);
    expect(filtered.body).toContain(`href="/admin/audit.csv?actor=${staff.person.id}&amp;action=organisation.rejected"`);
    const csv = await get(`/admin/audit.csv?actor=${staff.person.id}&action=organisation.rejected`, staff.cookie);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`,"'=Formula Friends","'+1 not in scope",`);
    const bad = await get('/admin/audit?from=2027-02-30&subjectType=planet', staff.cookie);
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('Choose a kind of subject from the list.');
    expect((await get('/admin/audit.csv?to=soon', staff.cookie)).status).toBe(422);
    const { cookie } = await signedInMember(portal.handle.db, organisationId);
    expect((await get('/admin/audit.csv', cookie)).status).toBe(403);
  });

  it('shows an event’s places left, applications a page at a time with countries from a list, and writes to its participants', async () => {
    const staff = await signedInMember(portal.handle.db, null, 'secretariat');
    const organisationId = await createOrganisation(portal.handle.db, { name: 'Participants Org' });
    const people = [await createMember(portal.handle.db, organisationId), await createMember(portal.handle.db, organisationId)];
    for (const person of people) await seedRegistration(portal.handle.db, { eventKey: EVENT, person, organisationId, state: 'approved' });
    const page = await get(`/admin/events/${EVENT}`, staff.cookie);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h2 id="places-heading">Places left</h2>');
    expect(page.body).toMatch(/data-mode="in-person">\d+ of 80 left/);
    expect(page.body).toContain('<select id="field-country" name="country"');
    expect(page.body).toContain('<option value="KE">Kenya</option>');
    const wrong = await get(`/admin/events/${EVENT}?country=Kenya`, staff.cookie);
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain('Choose a country from the list.');
    expect((await get('/admin/events', staff.cookie)).body).toContain('<h1>Registrations per event</h1>');

    const sent = await postForm(base(), `/admin/events/${EVENT}/message`, { audience: 'approved', subject: 'Room change', body: 'Boardroom B.' }, staff.cookie);
    expect(sent).toMatchObject({ status: 303, location: `/admin/events/${EVENT}/message?sent=2` });
    const again = await postForm(base(1), `/admin/events/${EVENT}/message`, { audience: 'approved', subject: 'Room change', body: 'Boardroom B.' }, staff.cookie);
    expect(again.location).toBe(`/admin/events/${EVENT}/message?repeated=1`);
    // The subject starts with the event's title, which a header may carry encoded: the body says which message it is.
    const roomChange = (message: { raw: string }) => message.raw.includes('Boardroom B.');
    const mails = await waitForMail(portal.outbox, roomChange, 2);
    expect(mails.map((message) => message.to).sort()).toEqual(people.map((person) => person.email).sort());
    expect(readOutbox(portal.outbox).filter(roomChange)).toHaveLength(2);
    expect((await get(`/admin/events/${EVENT}/message`, staff.cookie)).body).toContain('Boardroom B.');
    const empty = await postForm(base(), `/admin/events/${EVENT}/message`, { audience: 'everyone', subject: '', body: '' }, staff.cookie);
    expect(empty.status).toBe(422);
    expect(empty.html).toContain('Write a subject.');
  });

  it('shows participation figures as tables and SVG charts, and as CSV', async () => {
    const staff = await signedInMember(portal.handle.db, null, 'secretariat');
    const page = await get('/admin/figures?from=2027-01-01&to=2027-12-31&by=topic', staff.cookie);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h2 id="figures-by-region-m49-">By region (M49)</h2>');
    expect(page.body).not.toContain('<script');
    const csv = await get('/admin/figures.csv?from=2027-01-01&to=2027-12-31&by=topic', staff.cookie);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="participation-2027-01-01-to-2027-12-31-per-topic.csv"');
    expect(csv.body.split('\r\n')[0]).toBe('table,group,code,applied: organisations,applied: people,approved: organisations,approved: people,took part: organisations,took part: people,attendance,attendance not recorded: events');
    expect((await get('/admin/figures?from=2027-13-01', staff.cookie)).status).toBe(422);
    const { cookie } = await signedInMember(portal.handle.db, await createOrganisation(portal.handle.db));
    expect((await get('/admin/figures', cookie)).status).toBe(403);
  });

  it('lets a person choose a weekly digest per followed topic, and stop it with one click without signing in', async () => {
    const reader = await signedInMember(portal.handle.db, await createOrganisation(portal.handle.db));
    expect((await postForm(base(), '/topics/firearms/follow', {}, reader.cookie)).status).toBe(303);
    const chosen = await postForm(base(), '/account/calendar', { action: 'digest', topic: 'firearms', digest: 'weekly' }, reader.cookie);
    expect(chosen).toMatchObject({ status: 303, location: '/account/calendar?topic=firearms&digest=weekly#digests' });
    expect((await postForm(base(), '/account/calendar', { action: 'digest', topic: 'firearms', digest: 'hourly' }, reader.cookie)).status).toBe(422);
    const digestOf = async () => (await portal.handle.db.selectFrom('followed_topics').select('digest').where('user_id', '=', reader.person.id).executeTakeFirstOrThrow()).digest;
    expect(await digestOf()).toBe('weekly');

    const link = new URL(await unsubscribeUrl(portal.handle.db, reader.person.id, 'weekly'));
    const address = `${link.pathname}${link.search}`;
    const shown = await get(address);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('cache-control')).toBe('no-store');
    expect(await digestOf()).toBe('weekly');
    const forged = new URL(address, base());
    forged.searchParams.set('signature', 'x'.repeat(43));
    expect((await fetch(forged, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).status).toBe(404);
    const crossSite = await fetch(new URL(address, base()), { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    // What a mail program sends (RFC 8058): no Origin, no cookie.
    const oneClick = await fetch(new URL(address, base(1)), { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('no more weekly digests will be sent');
    expect(await digestOf()).toBe('none');

    // A French reader's digest links to the French page; the mail program's one-click POST works there too.
    const french = await signedInMember(portal.handle.db, await createOrganisation(portal.handle.db));
    await portal.handle.db.updateTable('users').set({ locale: 'fr' }).where('id', '=', french.person.id).execute();
    expect((await postForm(base(), '/account/calendar', { action: 'digest', topic: 'firearms', digest: 'daily' }, french.cookie)).status).toBe(303);
    const frenchLink = new URL(await unsubscribeUrl(portal.handle.db, french.person.id, 'daily', 'fr'));
    expect(frenchLink.pathname).toBe('/fr/digests/unsubscribe');
    const frenchClick = await fetch(new URL(`${frenchLink.pathname}${frenchLink.search}`, base(1)), { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(frenchClick.status).toBe(200);
    expect(await frenchClick.text()).toContain(workspaceFr.digests.unsubscribed(workspaceFr.digests.frequencyNames.daily!));
    const frenchDigest = await portal.handle.db.selectFrom('followed_topics').select('digest').where('user_id', '=', french.person.id).executeTakeFirstOrThrow();
    expect(frenchDigest.digest).toBe('none');
  });
});
