// Issue 14, point 1 (security note: any input, on either database, gets a
// 4xx, never a 500): what the penetration test sent, and more like it, to
// every form of the portal, signed in as whoever may post there.
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/server/auth/sessions';
import { insertPublishedInput } from '../support/published-input';
import { DIALECTS } from '../support/databases';
import { postForm } from '../support/forms';
import { createMember, createOrganisation } from '../support/members';
import { usePortal } from '../support/portal';

const NUL = 'x\u0000y';

describe.each(DIALECTS)('odd input on %s', (dialect) => {
  const portal = usePortal(dialect);
  const base = () => portal.servers[0]!.baseUrl;

  async function signedIn(role: 'focal-point' | 'secretariat', organisationId?: string) {
    const person = await createMember(portal.handle.db, role === 'secretariat' ? null : (organisationId ?? (await createOrganisation(portal.handle.db))), role);
    return { person, cookie: `whatson_session=${(await createSession(portal.handle.db, person.id)).token}` };
  }

  it('posting to an unknown or another organisation’s edit page gets the 404 page, never a 500', async () => {
    const owner = await createOrganisation(portal.handle.db);
    const author = await signedIn('focal-point', owner);
    const theirs = await insertPublishedInput(portal.handle.db, { organisationId: owner, authorId: author.person.id, title: 'Theirs', body: 'Body', topics: ['firearms'], callKey: null });
    const stranger = await signedIn('focal-point');
    const secretariat = await signedIn('secretariat');
    const posts: [string, Record<string, string>, string][] = [
      ['/submissions/unknownid/edit', { title: 'Mine now', topics: 'firearms', intent: 'save' }, stranger.cookie],
      [`/submissions/${theirs}/edit`, { title: 'Mine now', topics: 'firearms', intent: 'save' }, stranger.cookie],
      ['/submissions/abc%20def/edit', { title: 'a' }, stranger.cookie],
      ['/admin/events/events/no-such-event/edit', { action: 'unpublish', reason: 'Gone' }, secretariat.cookie],
      ['/admin/events/events/no-such-event/history', { version: '1' }, secretariat.cookie],
    ];
    for (const [path, fields, cookie] of posts) {
      const answer = await postForm(base(), path, fields, cookie);
      expect(answer.status, path).toBe(404);
      expect(answer.html, path).toContain('<h1');
    }
    expect((await portal.handle.db.selectFrom('submissions').select('title').where('id', '=', theirs).executeTakeFirstOrThrow()).title).toBe('Theirs');
  });

  it('NUL and other control characters in any field of any form get a 4xx, never a 500', async () => {
    const focal = await signedIn('focal-point');
    const secretariat = await signedIn('secretariat');
    const posts: [string, Record<string, string>, string | undefined][] = [
      ['/signup', { name: NUL, email: NUL, organisationName: NUL, password: NUL }, undefined],
      ['/signin', { email: NUL, password: NUL }, undefined],
      ['/forgot-password', { email: NUL }, undefined],
      ['/reset-password', { token: NUL, password: NUL }, undefined],
      ['/verify-email', { token: NUL }, undefined],
      ['/join', { token: NUL, name: NUL, password: NUL }, undefined],
      ['/account/organisation', { name: NUL, acronym: NUL, description: NUL, website: NUL }, focal.cookie],
      ['/account/organisation', { action: 'invite', email: NUL, name: NUL }, focal.cookie],
      ['/account/delete', { password: NUL }, focal.cookie],
      ['/account/password', { currentPassword: NUL, password: NUL }, focal.cookie],
      ['/account/registrations', { registrationId: NUL }, focal.cookie],
      ['/dialogues/2027-03-firearms/apply', { mode: NUL, statement: NUL, accessibilityNeeds: NUL }, focal.cookie],
      ['/admin', { id: NUL, decision: NUL, reason: NUL }, secretariat.cookie],
      ['/admin/identity', { id: NUL, decision: NUL, reason: NUL }, secretariat.cookie],
      ['/admin/submissions', { id: NUL, action: 'take-down', reason: NUL }, secretariat.cookie],
      ['/admin/submissions', { id: NUL, decision: 'publish' }, secretariat.cookie],
      ['/admin/mail', { id: NUL }, secretariat.cookie],
      ['/admin/events/dialogues/2027-03-firearms', { id: NUL, decision: NUL, reason: NUL }, secretariat.cookie],
      ['/admin/events/dialogues/2027-03-firearms/history', { version: NUL, note: NUL }, secretariat.cookie],
      ['/admin/events/new?collection=dialogues', { slug: NUL, title: NUL, body: NUL }, secretariat.cookie],
    ];
    for (const [path, fields, cookie] of posts) {
      const answer = await postForm(base(), path, fields, cookie);
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.status, path).toBeLessThan(500);
    }
    for (const server of portal.servers) expect(server.output()).not.toMatch(/\bat \S+\.m?js:\d+/);
  });
});
