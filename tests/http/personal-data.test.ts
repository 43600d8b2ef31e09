// Issue 14, point 7, through the built server: who sees accessibility and
// similar needs, the privacy notice, and the data download. Registrations are
// written straight into the test server's database (no application window,
// so no dependence on the demo content's dates beyond the moved end of one event).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/connection';
import { createSession } from '../../src/server/auth/sessions';
import { createMember, createOrganisation } from '../support/members';
import { fixtureInstant } from '../support/fixture-dates';
import { healthDataErasureDate } from '../../src/server/privacy/erase-health-data';

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const EVENT_KEY = 'side-events/2027-05-ccpcj-ammunition-diversion';

describe('personal data over HTTP', () => {
  let handle: DatabaseHandle;
  beforeAll(() => {
    handle = openDatabase({ kind: 'sqlite', file: databaseUrl });
  });
  afterAll(() => handle.close());

  async function signedIn(organisationId: string | null, role: 'representative' | 'focal-point' | 'secretariat' = 'representative') {
    const person = await createMember(handle.db, organisationId, role);
    return { person, cookie: `whatson_session=${(await createSession(handle.db, person.id)).token}` };
  }

  async function get(path: string, cookie = '') {
    const response = await fetch(new URL(path, baseUrl), { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
    return { status: response.status, body: await response.text() };
  }

  async function register(person: { id: string; organisationId: string | null }, needs: string) {
    const stamp = new Date().toISOString();
    await handle.db
      .insertInto('registrations')
      .values({ id: `pd-${person.id}`, event_key: EVENT_KEY, user_id: person.id, organisation_id: person.organisationId!, mode: 'in-person', state: 'approved', queue_number: 9500, statement: 'Field research on diversion.', travel_support: 0, wants_to_speak: 1, accessibility_needs: needs, decision_reason: null, decided_by: null, decided_at: stamp, created_at: stamp, updated_at: stamp })
      .execute();
  }

  it('health-adjacent requests are visible only to the secretariat', async () => {
    const organisationId = await createOrganisation(handle.db);
    const focal = await signedIn(organisationId, 'focal-point');
    const member = await signedIn(organisationId);
    await register(member.person, 'Needs a hearing loop');
    const secretariat = await signedIn(null, 'secretariat');

    const organisationList = await get('/account/registrations', focal.cookie);
    expect(organisationList.status).toBe(200);
    expect(organisationList.body).toContain(member.person.name);
    expect(organisationList.body).not.toContain('hearing loop');
    expect((await get(`/${EVENT_KEY}`, focal.cookie)).body).not.toContain('hearing loop');
    expect((await get(`/${EVENT_KEY}`)).body).not.toContain('hearing loop');
    for (const path of [`/admin/events/${EVENT_KEY}`, `/admin/events/${EVENT_KEY}.csv`]) {
      expect((await get(path, focal.cookie)).status).toBe(403);
      expect((await get(path, member.cookie)).status).toBe(403);
      expect((await get(path, secretariat.cookie)).body).toContain('Needs a hearing loop');
    }
  });

  it('the account page says who sees such needs and when they are erased', async () => {
    const { cookie } = await signedIn(await createOrganisation(handle.db));
    expect((await get('/account', cookie)).body).toContain('are seen only by the secretariat, and erased 30 days after the event ends.');
  });

  it('the data download holds the person’s registrations with their needs and when those are erased', async () => {
    const { person, cookie } = await signedIn(await createOrganisation(handle.db));
    await register(person, 'Wheelchair access to the room');
    const data = JSON.parse((await get('/account/data.json', cookie)).body);
    expect(data.registrations).toEqual([
      expect.objectContaining({ event: EVENT_KEY, eventTitle: expect.any(String), statement: 'Field research on diversion.', wantsToSpeak: true, accessibilityNeeds: 'Wheelchair access to the room', accessibilityNeedsErasedAfter: healthDataErasureDate(fixtureInstant('2027-05-19T14:00', 'Europe/Vienna'), 30).toISOString() }),
    ]);
    for (const part of ['writtenInput', 'followedTopics', 'privateCalendarFeed', 'sessions', 'links', 'emails', 'invitations', 'identityChangesRequested', 'decisionsAboutYou', 'limits']) expect(data).toHaveProperty(part);
  });
});
