// Browsing in Arabic and subscribing: the listing, an event and a topic page
// right to left, their calendar subscriptions in Arabic, and following a topic.
import { describe, expect, it } from 'vitest';
import { usePortal } from '../support/portal';
import { createMember, createOrganisation } from '../support/members';
import { createSession } from '../../src/server/auth/sessions';

const DIALOGUE = '/dialogues/2027-07-trafficking-in-persons';

describe('a journey in Arabic', () => {
  const portal = usePortal('sqlite');
  const get = async (path: string, cookie?: string) => {
    const response = await fetch(new URL(path, portal.servers[0]!.baseUrl), { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
    return { response, body: await response.text() };
  };

  it('browses right to left and subscribes to calendars in Arabic', async () => {
    const listing = await get('/ar/dialogues');
    expect(listing.body).toContain('<html lang="ar" dir="rtl">');
    expect(listing.body).toContain('href="/ar/dialogues/2027-');
    const webcal = /href="(webcal:\/\/[^"]+\/ar\/dialogues\/calendar\.ics)"/.exec(listing.body)?.[1];
    expect(webcal, 'the listing offers its calendar in Arabic').toBeTruthy();
    const feed = await get(new URL(webcal!.replace(/^webcal:/, 'http:')).pathname);
    expect(feed.response.status).toBe(200);
    expect(feed.body).toContain(`X-WR-CALNAME:WhatsOn - ${'الحوارات البنّاءة'}`);

    const event = await get(`/ar${DIALOGUE}`);
    // The demo dialogues carry an Arabic translation: the page shows it, in the page's language (no lang of its own).
    expect(event.body).toMatch(/<h1 dir="auto">الحوار البنّاء بشأن الاتجار بالأشخاص/);
    expect(event.body).toContain(`webcal://`);
    expect(event.body).toMatch(/href="webcal:\/\/[^"]+\/ar\/dialogues\/calendar\.ics"/);
    const single = await get(`/ar${DIALOGUE}.ics`);
    expect(single.body.replace(/\r?\n[ \t]/g, '')).toMatch(/URL;VALUE=URI:https?:\/\/[^/]+\/ar\/dialogues\/2027-07-trafficking-in-persons/);

    const person = await createMember(portal.handle.db, await createOrganisation(portal.handle.db));
    const { token } = await createSession(portal.handle.db, person.id);
    const cookie = `whatson_session=${token}`;
    const follow = await fetch(new URL('/ar/topics/firearms/follow', portal.servers[0]!.baseUrl), {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: cookie, Origin: portal.servers[0]!.baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'follow=true',
    });
    expect(follow.status).toBe(303);
    expect(follow.headers.get('location')).toBe('/ar/topics/firearms');
    const topic = await get('/ar/topics/firearms', cookie);
    expect(topic.body).toContain('<html lang="ar" dir="rtl">');
    expect(topic.body).toMatch(/href="webcal:\/\/[^"]+\/ar\/topics\/firearms\/calendar\.ics"/);
  });
});
