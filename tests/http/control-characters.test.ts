// Security note (learned from trying the landed portal): text refuses NUL and
// C0 control characters except tab and newline; any input, on either
// database, gets a 4xx, never a 500. A form answers 422 with the message next
// to the field, on the same form, with nothing typed lost; an address answers 400.
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/server/auth/sessions';
import { CONTROL_CHARACTERS_MESSAGE } from '../../src/server/zod-with-text-rule';
import { domainEn } from '../../src/i18n/domain-en';
import { DIALECTS } from '../support/databases';
import { postForm, signUpFields } from '../support/forms';
import { createMember, createOrganisation } from '../support/members';
import { usePortal } from '../support/portal';

// The message (its English sentence) holds nothing HTML escapes, so it appears in the page as written.
const MESSAGE_HTML = domainEn[CONTROL_CHARACTERS_MESSAGE];

/** The message shown under one field: the element the field's aria-describedby points at. */
function messageNextTo(html: string, field: string): string | undefined {
  const input = new RegExp(`id="field-${field.replace('.', '\\.')}"[^>]*aria-describedby="[^"]*field-${field.replace('.', '\\.')}-error`).test(html);
  const message = new RegExp(`<p class="field-error" id="field-${field.replace('.', '\\.')}-error">([^<]*)</p>`).exec(html)?.[1];
  return input ? message : undefined;
}

describe.each(DIALECTS)('text with control characters on %s', (dialect) => {
  const portal = usePortal(dialect);
  const base = () => portal.servers[0]!.baseUrl;

  async function cookieFor(role: 'representative' | 'secretariat') {
    const person = await createMember(portal.handle.db, role === 'secretariat' ? null : await createOrganisation(portal.handle.db), role);
    return `whatson_session=${(await createSession(portal.handle.db, person.id)).token}`;
  }

  it('a text field with NUL or another control character gets a 422 with the message next to it, on the same form, with nothing typed lost', async () => {
    const email = `control-${dialect}@example.org`;
    const signUp = await postForm(base(), '/signup', signUpFields(email, { name: 'Eve\u0000 Mallory', jobTitle: 'Head\u001b of research', description: 'Tabs\tand\r\nline breaks are text.' }));
    expect(signUp.status).toBe(422);
    expect(messageNextTo(signUp.html, 'name')).toBe(MESSAGE_HTML);
    expect(messageNextTo(signUp.html, 'jobTitle')).toBe(MESSAGE_HTML);
    // Tab and line breaks are text: no message there.
    expect(signUp.html).not.toContain('id="field-description-error"');
    // What was typed is still in the form.
    expect(signUp.html).toContain(`value="${email}"`);
    expect(signUp.html).toContain('value="Survivor Voices Alliance"');
    expect(signUp.html).toMatch(/id="field-name"[^>]*value="Eve.? Mallory"/);
    // Nothing was stored.
    expect(await portal.handle.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined();

    const signIn = await postForm(base(), '/signin', { email: 'nul\u0000@example.org', password: 'a long passphrase' });
    expect(signIn.status).toBe(422);
    expect(messageNextTo(signIn.html, 'email')).toBe(MESSAGE_HTML);
  });

  it('written input with a control character in its title comes back with the message next to the title and the text kept', async () => {
    const form = new FormData();
    for (const [key, value] of Object.entries({ title: 'Findings \u0007 on tracing', topics: 'firearms', body: 'Everything we wrote stays.', consent: 'on', intent: 'save' })) form.append(key, value);
    const response = await fetch(new URL('/submissions/new', base()), { method: 'POST', redirect: 'manual', headers: { Origin: base(), Cookie: await cookieFor('representative') }, body: form });
    const html = await response.text();
    expect(response.status).toBe(422);
    expect(messageNextTo(html, 'title')).toBe(MESSAGE_HTML);
    expect(html).toContain('Everything we wrote stays.</textarea>');
    expect(await portal.handle.db.selectFrom('submissions').select('id').where('body', '=', 'Everything we wrote stays.').executeTakeFirst()).toBeUndefined();
  });

  it('the event editor reads its form through the shared reader: a control character is refused next to the field', async () => {
    const response = await postForm(base(), '/admin/events/new?collection=dialogues', { collection: 'dialogues', slug: '2027-09-control-test', action: 'save', title: 'Dialogue\u0001 on firearms', body: 'Kept body.' }, await cookieFor('secretariat'));
    expect(response.status).toBe(422);
    expect(response.html).toMatch(/id="field-title-error"[^>]*>Remove the control characters/);
    expect(response.html).toContain('Kept body.');
    expect(await portal.handle.db.selectFrom('stored_events').select('event_key').execute()).toEqual([]);
  });

  it('a value no schema reads (an id in a hidden field) gets a 4xx, never a 500', async () => {
    const withdraw = await postForm(base(), '/account/registrations', { registrationId: 'abc\u0000def' }, await cookieFor('representative'));
    expect(withdraw.status).toBeGreaterThanOrEqual(400);
    expect(withdraw.status).toBeLessThan(500);
    const moderate = await postForm(base(), '/admin/submissions', { id: 'abc\u0000def', decision: 'publish' }, await cookieFor('secretariat'));
    expect(moderate.status).toBeGreaterThanOrEqual(400);
    expect(moderate.status).toBeLessThan(500);
  });

  it('query strings with control characters keep their 400', async () => {
    for (const path of ['/organisations?q=%00', '/submissions?q=%01', '/events?q=a%1Bb']) {
      expect((await fetch(new URL(path, base()), { redirect: 'manual' })).status, path).toBe(400);
    }
  });
});
