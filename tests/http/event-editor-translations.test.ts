// Translations typed in the browser editor: a stored event's French page shows
// its French title and description with no "not translated" note, a language
// left empty shows the original with the note, the preview shows the page's
// language, and a half-filled translation comes back 422 with nothing lost.
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases';
import { postForm } from '../support/forms';
import { signedInMember } from '../support/members';
import { usePortal } from '../support/portal';
import { en } from '../../src/i18n/en';
import { fr } from '../../src/i18n/fr';
import { ar } from '../../src/i18n/ar';

async function get(baseUrl: string, path: string, cookie?: string) {
  const response = await fetch(new URL(path, baseUrl), { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
  return { status: response.status, body: await response.text() };
}

const FRENCH_TITLE = 'Dialogue constructif sur le trafic illicite de migrants';

function dialogueFields(slug: string, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    collection: 'dialogues',
    slug,
    title: 'Constructive dialogue on the smuggling of migrants',
    summary: 'Civil society and States discuss the Protocol.',
    body: 'We will **discuss** what works.',
    start: '2027-07-06T10:00',
    end: '2027-07-06T17:00',
    timezone: 'UTC',
    status: 'scheduled',
    format: 'online',
    topics: ['smuggling-of-migrants'],
    organisers: 'UNODC Civil Society Unit',
    languages: 'en, fr',
    workingGroup: 'smuggling-of-migrants',
    'translations.fr.title': FRENCH_TITLE,
    'translations.fr.summary': 'La société civile et les États débattent du Protocole relatif aux migrants.',
    'translations.fr.body': 'Nous débattrons de ce qui **fonctionne**.',
    action: 'publish',
    ...overrides,
  };
}

describe.each(DIALECTS)('translations typed in the event editor on %s', (dialect) => {
  const portal = usePortal(dialect, { instances: 1 });
  const base = () => portal.servers[0]!.baseUrl;
  let secretariat: string;

  beforeAll(async () => {
    secretariat = (await signedInMember(portal.handle.db, null, 'secretariat')).cookie;
  });

  it('shows the French translation of a stored event on its French page, with no "not translated" note', async () => {
    const slug = 'browser-dialogue-in-french';
    const created = await postForm(base(), '/admin/events/new?collection=dialogues', dialogueFields(slug), secretariat);
    expect(created.status).toBe(303);
    // Caught up within a second (the catalogue follows the stored changes).
    let french = await get(base(), `/fr/dialogues/${slug}`);
    for (let tries = 0; !french.body.includes(FRENCH_TITLE) && tries < 40; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      french = await get(base(), `/fr/dialogues/${slug}`);
    }
    expect(french.status).toBe(200);
    expect(french.body).toContain(`<h1 dir="auto">${FRENCH_TITLE}</h1>`);
    expect(french.body).toContain('Nous débattrons de ce qui <strong>fonctionne</strong>.');
    expect(french.body).not.toContain(fr.event.notTranslated);
    expect(french.body).not.toContain('We will <strong>discuss</strong>');

    const english = (await get(base(), `/dialogues/${slug}`)).body;
    expect(english).toContain('Constructive dialogue on the smuggling of migrants');
    expect(english).not.toContain(en.event.notTranslated);
    const arabic = (await get(base(), `/ar/dialogues/${slug}`)).body;
    expect(arabic).toContain('Constructive dialogue on the smuggling of migrants');
    expect(arabic).toContain(ar.event.notTranslated);

    // The editor opens with the translation in its folded section, open since it is filled in.
    const editor = (await get(base(), `/admin/events/dialogues/${slug}/edit`, secretariat)).body;
    expect(editor).toMatch(new RegExp(`<details class="fold" open[^>]*>\\s*<summary>French \\(fr\\)</summary>`));
    expect(editor).toContain(`value="${FRENCH_TITLE}"`);
    expect(editor).toMatch(/<summary>Arabic \(ar\)<\/summary>/);
  });

  it('previews the page in its language with that translation', async () => {
    const preview = await postForm(base(), '/fr/admin/events/new?collection=dialogues', dialogueFields('previewed-in-french', { action: 'preview' }), secretariat);
    expect(preview.status).toBe(200);
    expect(preview.html).toContain(`<h1 dir="auto">${FRENCH_TITLE}</h1>`);
    expect(preview.html).toContain('Nous débattrons de ce qui <strong>fonctionne</strong>.');
    expect(preview.html).not.toContain(fr.event.notTranslated);
  });

  it('answers 422 to a half-filled translation, the message next to the field and what was typed kept', async () => {
    const response = await postForm(base(), '/admin/events/new?collection=dialogues', dialogueFields('half-translated', { 'translations.fr.title': '', 'translations.es.body': 'Solo la descripción.' }), secretariat);
    expect(response.status).toBe(422);
    const errorOf = (field: string) => new RegExp(`id="field-${field}-error">([^<]+)<`).exec(response.html)?.[1];
    expect(errorOf('translations-fr-title')).toBe('Fill in this field.');
    expect(errorOf('translations-es-title')).toBe('Fill in this field.');
    expect(errorOf('translations-es-summary')).toBe('Fill in this field.');
    expect(errorOf('translations-fr-summary')).toBeUndefined();
    expect(response.html).toContain('Solo la descripción.');
    expect(response.html).toContain('Nous débattrons de ce qui **fonctionne**.');
    expect(response.html).toMatch(/<details class="fold" open[^>]*>\s*<summary>Spanish \(es\)<\/summary>/);
    expect(await portal.handle.db.selectFrom('stored_events').select('event_key').where('slug', '=', 'half-translated').execute()).toEqual([]);
  });
});
