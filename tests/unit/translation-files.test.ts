// Translation files are checked before the build, each problem an English
// sentence naming the file (src/server/translations/translation-files.ts).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readContentTranslations, translationFileProblems, translationFileName } from '../../src/server/translations/translation-files';
import { contentIn, languageAttributes } from '../../src/server/translations/content-text';
import { isOriginalMarkdown, topicSlugsOnDisk } from '../../src/server/content-directory';
import { readEventsOnDisk } from '../../src/server/events/events-on-disk';
import { eventDocument, topicDocument } from '../../src/server/search/search-documents';
import { SiteSearchIndex } from '../../src/server/search/site-search';
import { eventJsonLd } from '../../src/server/events/json-ld';
import { portalEvent } from '../support/event-fixtures';

const folders: string[] = [];
function contentFolder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'whatson-translations-'));
  folders.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const ORIGINAL = '---\ntitle: Firearms\nsummary: The Firearms Protocol.\n---\nBody.\n';
const FRENCH = '---\ntitle: Armes à feu\nsummary: Le Protocole relatif aux armes à feu.\n---\nCorps.\n';

describe('translation files', () => {
  it('accepts a translation of title, summary and body beside its original', () => {
    const root = contentFolder({ 'topics/firearms.md': ORIGINAL, 'topics/firearms.fr.md': FRENCH, 'dialogues/2027-03-firearms.md': ORIGINAL, 'dialogues/2027-03-firearms.ar.md': '---\ntitle: حوار بنّاء\nsummary: ملخص.\n---\n' });
    expect(translationFileProblems(root)).toEqual([]);
  });

  it('refuses a translation without an original, naming the file', () => {
    const root = contentFolder({ 'topics/firearms.md': ORIGINAL, 'topics/firarms.fr.md': FRENCH });
    const [problem, ...rest] = translationFileProblems(root);
    expect(rest).toEqual([]);
    expect(problem).toMatch(/topics\/firarms\.fr\.md: there is no original firarms\.md beside it to translate/);
  });

  it('refuses a language the portal does not speak, and the original language', () => {
    const root = contentFolder({ 'events/briefing.md': ORIGINAL, 'events/briefing.de.md': FRENCH, 'events/briefing.en.md': FRENCH });
    const problems = translationFileProblems(root);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/events\/briefing\.de\.md: "de" is not a language a translation can be in: use one of ar, zh, fr, ru, es/);
    expect(problems[1]).toMatch(/events\/briefing\.en\.md: "en" is not a language/);
  });

  it('refuses fields that are not translated, and a missing title', () => {
    const root = contentFolder({
      'side-events/panel.md': ORIGINAL,
      'side-events/panel.es.md': '---\ntitle: Mesa redonda\nsummary: Resumen.\nstart: "2027-01-01T10:00"\nvenue:\n  city: Viena\n---\n',
      'side-events/panel.ru.md': '---\nsummary: Резюме.\n---\n',
      'side-events/panel.zh.md': 'no front matter',
    });
    const problems = translationFileProblems(root);
    expect(problems).toEqual([
      expect.stringMatching(/panel\.es\.md: start, venue are not translated: a translation holds only title and summary \(and its body\); every other field is the original's, in panel\.md/),
      expect.stringMatching(/panel\.ru\.md: title: /),
      expect.stringMatching(/panel\.zh\.md: it has no front matter/),
    ]);
  });

  it('keeps translations out of the events, topics and entry names read from disk', async () => {
    const root = contentFolder({ 'topics/firearms.md': ORIGINAL, 'topics/firearms.fr.md': FRENCH });
    expect(topicSlugsOnDisk(root)).toEqual(['firearms']);
    expect(isOriginalMarkdown('2027-03-firearms.md')).toBe(true);
    expect(isOriginalMarkdown('2027-03-firearms.fr.md')).toBe(false);
    expect(translationFileName('2027-03-firearms.fr.md')).toEqual({ name: '2027-03-firearms', language: 'fr' });
    const events = await readEventsOnDisk(contentFolder({ 'topics/firearms.md': ORIGINAL, 'dialogues/x.fr.md': FRENCH }));
    expect(events).toEqual({ events: [], problems: [] });
  });

  it('gives the events read outside Astro their translations, as the build does', async () => {
    const original = readFileSync(resolve('tests/fixtures/translated-content/dialogues/2031-03-marking.md'), 'utf8');
    const root = contentFolder({ 'topics/firearms.md': ORIGINAL, 'dialogues/2031-03-marking.md': original, 'dialogues/2031-03-marking.fr.md': FRENCH, 'dialogues/2031-03-marking.de.md': FRENCH });
    const { events, problems } = await readEventsOnDisk(root);
    expect(problems).toEqual([]);
    expect(events[0]!.translations).toEqual({ fr: { title: 'Armes à feu', summary: 'Le Protocole relatif aux armes à feu.', body: 'Corps.\n' } });
    expect(readContentTranslations(root).get('topics/firearms')).toBeUndefined();
  });
});

describe('an event or topic in a locale', () => {
  const event = { ...portalEvent('2027-03-firearms', { title: 'Constructive dialogue on firearms', summary: 'English summary.' }), translations: { fr: { title: 'Dialogue constructif sur les armes à feu', summary: 'Résumé en français.', body: 'La traçabilité.' } } };

  it('gives the translation when there is one, the original marked otherwise', () => {
    expect(contentIn(event, 'fr')).toEqual({ title: 'Dialogue constructif sur les armes à feu', summary: 'Résumé en français.', body: 'La traçabilité.', lang: 'fr', dir: 'ltr', untranslated: false });
    expect(contentIn(event, 'ar')).toMatchObject({ title: 'Constructive dialogue on firearms', lang: 'en', dir: 'ltr', untranslated: true });
    expect(contentIn(event, 'en')).toMatchObject({ title: 'Constructive dialogue on firearms', untranslated: false });
    expect(languageAttributes('en', 'ar')).toEqual({ lang: 'en', dir: 'ltr' });
    expect(languageAttributes('en', 'fr')).toEqual({ lang: 'en' });
    expect(languageAttributes('fr', 'fr')).toEqual({});
  });

  it('describes the event to search engines as the page in its language does', () => {
    expect(eventJsonLd(event, 'https://whatson.example', 'fr')).toMatchObject({ name: 'Dialogue constructif sur les armes à feu', description: 'Résumé en français.', url: 'https://whatson.example/fr/dialogues/2027-03-firearms' });
    expect(eventJsonLd(event, 'https://whatson.example', 'es')).toMatchObject({ name: 'Constructive dialogue on firearms', url: 'https://whatson.example/es/dialogues/2027-03-firearms' });
  });

  it("indexes each locale's words: French finds the French body, accents folded; English does not", () => {
    const topic = { slug: 'firearms', title: 'Firearms', summary: 'Protocol.', translations: { fr: { title: 'Armes à feu', summary: 'Protocole.', body: '' } } };
    const french = new SiteSearchIndex([eventDocument(event, 'fr'), topicDocument(topic, 'fr')]);
    const english = new SiteSearchIndex([eventDocument(event, 'en'), topicDocument(topic, 'en')]);
    expect(french.search('tracabilite').map((hit) => hit.document.id)).toEqual([`event:${event.collection}/${event.slug}`]);
    expect(french.search('armes').map((hit) => hit.document.lang)).toContain('fr');
    expect(english.search('tracabilite', {}, 50).filter((hit) => hit.document.kind === 'event')).toEqual([]);
  });
});
