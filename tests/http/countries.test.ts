// Countries over HTTP: every form and filter offers the UN list by name, pages
// name stored codes as the UN does, and a code off the list is refused next
// to its field with a 422.
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/server/auth/sessions';
import { DIALECTS } from '../support/databases';
import { postForm, signUpFields } from '../support/forms';
import { createMember, createOrganisation } from '../support/members';
import { usePortal } from '../support/portal';

// Demo content: the spring firearms dialogue takes reviewed applications (open until February 2027 in the fixture's time).
const DIALOGUE = '/dialogues/2027-03-firearms';

function decode(html: string): string {
  return html.replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The options of the select named `name`: value, label and whether it is chosen. */
function optionsOf(html: string, name = 'country'): { value: string; label: string; selected: boolean }[] {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  expect(select, `a select named ${name}`).not.toBeNull();
  return [...select![1]!.matchAll(/<option([^>]*)>([^<]*)<\/option>/g)].map((match) => ({
    value: decode(/value="([^"]*)"/.exec(match[1]!)?.[1] ?? ''),
    label: decode(match[2]!),
    selected: /\bselected\b/.test(match[1]!),
  }));
}

const errorOf = (html: string, field: string) => {
  const text = new RegExp(`id="field-${field}-error">([^<]+)<`).exec(html)?.[1];
  return text === undefined ? undefined : decode(text);
};

describe.each(DIALECTS)('countries over HTTP on %s', (dialect) => {
  const portal = usePortal(dialect);
  const base = (index = 0) => portal.servers[index % portal.servers.length]!.baseUrl;

  async function signedIn(organisationId: string | null, role: 'representative' | 'secretariat' = 'representative') {
    const person = await createMember(portal.handle.db, organisationId, role);
    const { token } = await createSession(portal.handle.db, person.id);
    return { person, cookie: `whatson_session=${token}` };
  }

  async function page(path: string, cookie = '', index = 0) {
    const response = await fetch(new URL(path, base(index)), { redirect: 'manual', headers: { Cookie: cookie } });
    return { status: response.status, html: await response.text() };
  }

  async function organisationIn(country: string, name: string): Promise<string> {
    const id = await createOrganisation(portal.handle.db, { name });
    await portal.handle.db.updateTable('organisations').set({ country }).where('id', '=', id).execute();
    return id;
  }

  it('offers each country and area of the UN list once at sign-up, by its UN name, in alphabetical order', async () => {
    const signUp = await page('/signup');
    expect(signUp.status).toBe(200);
    const [none, ...countries] = optionsOf(signUp.html);
    expect(none).toMatchObject({ value: '' });
    expect(countries).toHaveLength(248);
    expect(new Set(countries.map((option) => option.value)).size).toBe(248);
    expect(new Set(countries.map((option) => option.label)).size).toBe(248);
    const labels = countries.map((option) => option.label);
    for (const name of ['Türkiye', "Côte d'Ivoire", 'Netherlands (Kingdom of the)', 'Viet Nam', 'Holy See', 'State of Palestine', 'China, Hong Kong Special Administrative Region']) {
      expect(labels, name).toContain(name);
    }
    for (const name of ['Turkey', 'Vietnam', 'Kosovo', 'Taiwan', 'Czech Republic']) expect(labels, name).not.toContain(name);
    expect(labels).toEqual([...labels].sort(new Intl.Collator('en', { sensitivity: 'base' }).compare));
  });

  it('refuses at sign-up a code that is not on the UN list, next to the field, keeping what was typed', async () => {
    for (const country of ['TW', 'UK', 'ZZ']) {
      const result = await postForm(base(), '/signup', signUpFields(`country-${country.toLowerCase()}-${Date.now()}@example.org`, { country }));
      expect(result.status, country).toBe(422);
      expect(errorOf(result.html, 'country'), country).toBe('Choose a country from the list.');
      expect(result.html).toContain('value="Survivor Voices Alliance"');
      // Nothing on the list is chosen, so the browser shows "Choose a country…" again.
      expect(optionsOf(result.html).filter((option) => option.selected && option.value !== '')).toEqual([]);
    }
    const users = await portal.handle.db.selectFrom('users').select('id').where('email', 'like', 'country-%').execute();
    expect(users).toEqual([]);
  });

  it('keeps the chosen country selected when another field is wrong', async () => {
    const result = await postForm(base(), '/signup', signUpFields('not-an-email', { country: 'CI' }));
    expect(result.status).toBe(422);
    expect(errorOf(result.html, 'country')).toBeUndefined();
    expect(optionsOf(result.html).filter((option) => option.selected)).toEqual([{ value: 'CI', label: "Côte d'Ivoire", selected: true }]);
  });

  it('names the country of a listed organisation as the UN does, and filters the directory by it', async () => {
    await organisationIn('TR', 'Anatolian Observatory on Trafficking');
    await organisationIn('KE', 'Nairobi Firearms Watch');
    const listed = await page('/organisations?country=TR', '', 1);
    expect(listed.status).toBe(200);
    expect(listed.html).toContain('Anatolian Observatory on Trafficking');
    expect(listed.html).not.toContain('Nairobi Firearms Watch');
    expect(listed.html).toContain('<p>Türkiye</p>');
    expect(optionsOf(listed.html).find((option) => option.selected)).toEqual({ value: 'TR', label: 'Türkiye', selected: true });
  });

  it('answers a directory search by a code off the list with 422 and the message next to the country', async () => {
    const result = await page('/organisations?country=XK');
    expect(result.status).toBe(422);
    expect(errorOf(result.html, 'country')).toBe('Choose a country from the list.');
  });

  it('gives the secretariat a country list, not free text, to filter an event’s applications, and names countries in the list', async () => {
    const kenyan = await signedIn(await organisationIn('KE', 'Mombasa Port Integrity Network'));
    const dutch = await signedIn(await organisationIn('NL', 'Rotterdam Harbour Watch'));
    for (const applicant of [kenyan, dutch]) {
      const applied = await postForm(base(), `${DIALOGUE}/apply`, { mode: 'online', statement: 'We monitor firearms trafficking through the port.' }, applicant.cookie);
      expect(applied.status).toBe(303);
    }
    const secretariat = await signedIn(null, 'secretariat');

    const all = await page(`/admin/events${DIALOGUE}`, secretariat.cookie);
    expect(all.status).toBe(200);
    expect(all.html).not.toMatch(/<input[^>]*name="country"/);
    const options = optionsOf(all.html);
    expect(options).toHaveLength(249);
    expect(options.find((option) => option.value === 'NL')?.label).toBe('Netherlands (Kingdom of the)');
    // The counts by country and each row name the country.
    expect(decode(all.html)).toContain('<dt>Netherlands (Kingdom of the)</dt>');
    expect(decode(all.html)).toMatch(/Rotterdam Harbour Watch<br\s*\/?><span class="muted">[^<]*, Netherlands \(Kingdom of the\)<\/span>/);

    const kenya = await page(`/admin/events${DIALOGUE}?country=KE`, secretariat.cookie, 1);
    expect(kenya.status).toBe(200);
    expect(kenya.html).toContain('Mombasa Port Integrity Network');
    expect(kenya.html).not.toContain('Rotterdam Harbour Watch');
    expect(optionsOf(kenya.html).find((option) => option.selected)).toEqual({ value: 'KE', label: 'Kenya', selected: true });

    const unknown = await page(`/admin/events${DIALOGUE}?country=ZZ&state=nonsense`, secretariat.cookie);
    expect(unknown.status).toBe(422);
    expect(errorOf(unknown.html, 'country')).toBe('Choose a country from the list.');
    expect(errorOf(unknown.html, 'state')).toBe('Choose a state from the list.');
    // A bad filter is left out, so the list still shows every application.
    expect(unknown.html).toContain('Mombasa Port Integrity Network');
    expect(unknown.html).toContain('Rotterdam Harbour Watch');

    const csv = await page(`/admin/events${DIALOGUE}.csv`, secretariat.cookie);
    const [header, ...rows] = csv.html.trim().split('\r\n');
    expect(header).toContain('country code,country');
    expect(rows.find((row) => row.includes('Rotterdam Harbour Watch'))).toContain(',NL,Netherlands (Kingdom of the),');
  });
});
