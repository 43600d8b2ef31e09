// A person's own calendar at a secret address: registrations with their
// state, followed topics, rotation and revocation.
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/connection';
import { createSession } from '../../src/server/auth/sessions';
import { postForm } from '../support/forms';
import { createMember, createOrganisation } from '../support/members';

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');

describe('private calendar feeds', () => {
  let handle: DatabaseHandle;
  beforeAll(() => {
    handle = openDatabase({ kind: 'sqlite', file: databaseUrl });
  });
  afterAll(() => handle.close());

  async function person() {
    const member = await createMember(handle.db, await createOrganisation(handle.db));
    return { member, cookie: `whatson_session=${(await createSession(handle.db, member.id)).token}` };
  }

  async function makeAddress(cookie: string): Promise<string> {
    const page = await postForm(baseUrl, '/account/calendar', { action: 'rotate' }, cookie);
    expect(page.status).toBe(200);
    return new URL(/data-calendar-address>([^<]+)</.exec(page.html)![1]!).pathname;
  }

  it('holds the person’s registrations with their state and the topics they follow', async () => {
    const { member, cookie } = await person();
    const stamp = new Date().toISOString();
    await handle.db
      .insertInto('registrations')
      .values({ id: `cal-${member.id}`, event_key: 'side-events/2027-05-ccpcj-supply-chains-forced-labour', user_id: member.id, organisation_id: member.organisationId!, mode: 'online', state: 'waitlisted', queue_number: 9000, statement: null, travel_support: 0, wants_to_speak: 0, accessibility_needs: null, decision_reason: null, decided_by: null, decided_at: null, created_at: stamp, updated_at: stamp })
      .execute();
    expect((await postForm(baseUrl, '/topics/firearms/follow', { follow: 'true' }, cookie)).location).toBe('/topics/firearms');

    const address = await makeAddress(cookie);
    expect(address).toMatch(/^\/calendar\/[a-z2-7]{32}\.ics$/);
    const response = await fetch(new URL(address, baseUrl));
    expect(response.headers.get('cache-control')).toMatch(/^private/);
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('WhatsOn - My calendar');
    const events = calendar.getAllSubcomponents('vevent');
    const registered = events.find((event) => String(event.getFirstPropertyValue('url')).endsWith('/side-events/2027-05-ccpcj-supply-chains-forced-labour'))!;
    expect(registered.getFirstPropertyValue('summary')).toMatch(/\(waitlisted\)$/);
    expect(registered.getFirstPropertyValue('status')).toBe('TENTATIVE');
    const firearms = events.filter((event) => (event.getFirstProperty('categories')!.getValues() as string[]).includes('firearms'));
    expect(firearms.length).toBeGreaterThanOrEqual(4);

    // The token is stored hashed: the database does not hold the address.
    const token = address.slice('/calendar/'.length, -'.ics'.length);
    expect(JSON.stringify(await handle.db.selectFrom('calendar_tokens').selectAll().execute())).not.toContain(token);
  });

  it('stops answering an address once it is rotated or revoked, and answers unknown ones 404', async () => {
    const { cookie } = await person();
    const first = await makeAddress(cookie);
    const second = await makeAddress(cookie);
    expect((await fetch(new URL(first, baseUrl))).status).toBe(404);
    expect((await fetch(new URL(second, baseUrl))).status).toBe(200);
    expect((await postForm(baseUrl, '/account/calendar', { action: 'revoke' }, cookie)).location).toBe('/account/calendar?revoked=1');
    expect((await fetch(new URL(second, baseUrl))).status).toBe(404);
    expect((await fetch(new URL('/calendar/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics', baseUrl))).status).toBe(404);
    expect((await fetch(new URL('/calendar/not-a-token.ics', baseUrl))).status).toBe(404);
  });

  it('answers a conditional poll of a private feed with 304', async () => {
    const { cookie } = await person();
    const address = await makeAddress(cookie);
    const first = await fetch(new URL(address, baseUrl));
    const again = await fetch(new URL(address, baseUrl), { headers: { 'If-None-Match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('lets a person unfollow a topic', async () => {
    const { cookie } = await person();
    await postForm(baseUrl, '/topics/firearms/follow', { follow: 'true' }, cookie);
    await postForm(baseUrl, '/topics/firearms/follow', { follow: 'false' }, cookie);
    const page = await (await fetch(new URL('/account/calendar', baseUrl), { headers: { Cookie: cookie } })).text();
    expect(page).toContain('You follow no topics yet');
  });
});
