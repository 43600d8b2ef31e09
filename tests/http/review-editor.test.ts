// The Review Mechanism editor over HTTP, on the demo content as the tests move
// it: a country review edited in the browser shows on the State's page at once
// (and on the other instance sharing PostgreSQL within a second), a refused
// form comes back with a 422 and the message next to the field, nothing typed
// lost, and only the secretariat gets in.
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/server/auth/sessions';
import { DIALECTS } from '../support/databases';
import { postForm } from '../support/forms';
import { createMember, createOrganisation } from '../support/members';
import { usePortal } from '../support/portal';

const KENYA = '/admin/review-mechanism/country-reviews/ke-prevention-and-technical-assistance';

const decode = (html: string) => html.replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const textOf = (html: string) => decode(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
const errorOf = (html: string, field: string) => {
  const text = new RegExp(`id="field-${field}-error">([^<]+)<`).exec(html)?.[1];
  return text === undefined ? undefined : decode(text);
};
const chosen = (html: string, name: string) => {
  const select = new RegExp(`<select[^>]*name="${name.replaceAll('.', '\\.')}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
  return /<option value="([^"]*)" selected/.exec(select)?.[1];
};

/** What a browser would post from the page's first POST form as rendered. */
function formFieldsOf(html: string): Record<string, string | string[]> {
  const form = html.slice(html.indexOf('<form method="post"'), html.indexOf('</form>', html.indexOf('<form method="post"')));
  const fields: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const previous = fields[name];
    fields[name] = previous === undefined ? value : [previous, value].flat();
  };
  for (const [tag] of form.matchAll(/<input (?:[^>"]|"[^"]*")*>/g)) {
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    const value = decode(/value="([^"]*)"/.exec(tag)?.[1] ?? '');
    if (!name) continue;
    if (/type="checkbox"/.test(tag)) {
      if (/ checked/.test(tag)) add(name, value || 'on');
    } else add(name, value);
  }
  for (const [, name, options] of form.matchAll(/<select [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) add(name!, decode(/<option value="([^"]*)" selected/.exec(options!)?.[1] ?? ''));
  for (const [, name, text] of form.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) add(name!, decode(text!));
  return fields;
}

describe.each(DIALECTS)('the Review Mechanism editor over HTTP on %s', (dialect) => {
  const portal = usePortal(dialect);
  const base = (index = 0) => portal.servers[index % portal.servers.length]!.baseUrl;

  async function cookieOf(role: 'secretariat' | 'representative') {
    const organisation = role === 'representative' ? await createOrganisation(portal.handle.db) : null;
    const person = await createMember(portal.handle.db, organisation, role);
    return `whatson_session=${(await createSession(portal.handle.db, person.id)).token}`;
  }

  async function get(path: string, cookie = '', index = 0) {
    const response = await fetch(new URL(path, base(index)), { redirect: 'manual', headers: { Cookie: cookie } });
    return { status: response.status, headers: response.headers, html: await response.text() };
  }

  it('saves a country review that /countries/<code> shows at once, on every instance', async () => {
    const cookie = await cookieOf('secretariat');
    const list = await get('/admin/review-mechanism', cookie);
    expect(list.status).toBe(200);
    expect(list.html).toContain(`href="${KENYA}/edit"`);
    expect(textOf((await get('/countries/ke')).html)).toContain('Stage Dialogue between the States');

    const form = await get(`${KENYA}/edit`, cookie);
    expect(form.status).toBe(200);
    const fields = { ...formFieldsOf(form.html), stage: 'report', 'reviewers.1': 'DE' };
    const saved = await postForm(base(), `${KENYA}/edit`, fields, cookie);
    expect(saved.status, saved.html.slice(0, 400)).toBe(303);
    expect(saved.location).toBe(`${KENYA}/edit?saved=2`);

    const country = textOf((await get('/countries/ke')).html);
    expect(country).toContain('Stage Report agreed');
    expect(country).toContain('Reviewing States Ghana and Germany');
    if (portal.servers.length > 1) {
      const started = Date.now();
      let other = '';
      while (Date.now() - started < 1_500 && !other.includes('Stage Report agreed')) other = textOf((await get('/countries/ke', '', 1)).html);
      expect(other).toContain('Stage Report agreed');
    }
    const history = await get(`${KENYA}/history`, cookie);
    expect(history.status).toBe(200);
    expect(history.html).toContain('data-version="2"');
    expect(history.html).toContain('data-version="1"');

    const file = await get(`${KENYA}.md`, cookie);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="ke-prevention-and-technical-assistance.md"');
    expect(file.html).toMatch(/^---\nstate: "KE"\nreviewers:\n {2}- "GH"\n {2}- "DE"\n/);
    expect(file.html).toContain('stage: "report"');
  });

  it('answers 422 with the message next to the field and keeps what was typed: unknown State, a State reviewing itself', async () => {
    const cookie = await cookieOf('secretariat');
    const fields = formFieldsOf((await get(`${KENYA}/edit`, cookie)).html);
    const refused = await postForm(base(), `${KENYA}/edit`, { ...fields, state: 'XX', 'reviewers.0': 'XX', stage: 'verdict' }, cookie);
    expect(refused.status).toBe(422);
    expect(errorOf(refused.html, 'state')).toBe('“XX” is not a State on the UN country list; choose one from the list.');
    expect(errorOf(refused.html, 'stage')).toBe('“verdict” is not a stage of a review; choose questionnaire, desk review, dialogue or report.');
    expect(chosen(refused.html, 'state')).toBe('XX');
    expect(chosen(refused.html, 'reviewers.1')).toBe(fields['reviewers.1']);

    const self = await postForm(base(), `${KENYA}/edit`, { ...fields, 'reviewers.0': 'KE', body: 'Typed and kept.' }, cookie);
    expect(self.status).toBe(422);
    expect(errorOf(self.html, 'reviewers-0')).toBe('A State cannot review itself: choose another reviewing State.');
    expect(self.html).toContain('aria-describedby="field-reviewers-0-error"');
    expect(self.html).toContain('Typed and kept.</textarea>');

    const phase = await postForm(base(), '/admin/review-mechanism/new?collection=review-phases', { slug: '2028-2030-law-enforcement', title: 'Phase on law enforcement', cluster: 'piracy', starts: '2028-08-01', ends: '2030-07-31' }, cookie);
    expect(phase.status).toBe(422);
    expect(errorOf(phase.html, 'cluster')).toBe('“piracy” is not a cluster of the Review Mechanism; choose one from the list.');
  });

  it('adds a new country review that the new State’s page lists', async () => {
    const cookie = await cookieOf('secretariat');
    const page = await get('/admin/review-mechanism/new?collection=country-reviews', cookie);
    expect(page.status).toBe(200);
    const created = await postForm(base(), '/admin/review-mechanism/new?collection=country-reviews', {
      slug: 'cl-prevention-and-technical-assistance',
      state: 'CL',
      'reviewers.0': 'PE',
      'reviewers.1': 'JP',
      cluster: 'prevention-and-technical-assistance',
      phase: '2026-2028-prevention-and-technical-assistance',
      stage: 'questionnaire',
      body: '',
    }, cookie);
    expect(created.status, created.html.slice(0, 400)).toBe(303);
    expect(created.location).toBe('/admin/review-mechanism/country-reviews/cl-prevention-and-technical-assistance/edit?saved=1');
    const chile = textOf((await get('/countries/cl')).html);
    expect(chile).toContain('Reviewing States Peru and Japan');
  });

  it('lets no one but the secretariat in', async () => {
    const representative = await cookieOf('representative');
    expect((await get('/admin/review-mechanism', representative)).status).toBe(403);
    expect((await get(`${KENYA}/edit`, representative)).status).toBe(403);
    expect((await get(`${KENYA}.md`, representative)).status).toBe(403);
    expect((await postForm(base(), `${KENYA}/edit`, { state: 'KE' }, representative)).status).toBe(403);
    expect((await get('/admin/review-mechanism')).status).toBe(303);
  });
});
