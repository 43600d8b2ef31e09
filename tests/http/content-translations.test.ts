// Content in several languages, proven on a portal built from the test's own
// content (tests/fixtures/translated-content): a dialogue translated into
// French and Arabic, one with no translation, a topic translated into French.
// Slow by nature (a whole astro build): few tests, one build.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fr } from '../../src/i18n/fr';
import { ar } from '../../src/i18n/ar';
import { startServer, type RunningServer } from '../support/server';

const projectRoot = resolve(import.meta.dirname, '../..');
const CONTENT = resolve(import.meta.dirname, '../fixtures/translated-content');
const scratch = mkdtempSync(join(tmpdir(), 'whatson-translations-'));

/** A copy of the project that builds into its own dist/ (as the export round trip does). */
function copyProject(root: string): void {
  for (const item of ['src', 'public', 'db', 'scripts', 'astro.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json']) cpSync(join(projectRoot, item), join(root, item), { recursive: true });
  mkdirSync(join(root, 'node_modules'));
  for (const name of readdirSync(join(projectRoot, 'node_modules'))) {
    if (name !== '.astro' && name !== '.vite') symlinkSync(join(projectRoot, 'node_modules', name), join(root, 'node_modules', name));
  }
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

describe('content in several languages', () => {
  let server: RunningServer;
  const get = async (path: string) => {
    const response = await fetch(new URL(path, server.baseUrl));
    return { status: response.status, body: await response.text() };
  };

  beforeAll(async () => {
    const root = join(scratch, 'project');
    copyProject(root);
    const build = spawnSync(process.execPath, ['scripts/build-if-needed.mjs'], { cwd: root, encoding: 'utf8', env: { ...process.env, WHATSON_CONTENT_DIR: CONTENT, ASTRO_TELEMETRY_DISABLED: '1' } });
    expect(build.status, build.stderr.slice(-2000)).toBe(0);
    server = await startServer({ DATABASE_URL: join(scratch, 'portal.sqlite'), OUTBOX_DIR: join(scratch, 'outbox'), WHATSON_CONTENT_DIR: CONTENT, WHATSON_CLOCK: '2030-06-01T12:00:00Z' }, root);
  }, 600_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('shows a dialogue in its French translation, marked as French, without the note', async () => {
    const page = await get('/fr/dialogues/2031-03-marking');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html lang="fr"');
    expect(page.body).toMatch(/<h1 dir="auto">Dialogue constructif sur le marquage des armes à feu \(données de test\)<\/h1>/);
    expect(page.body).toContain('traçabilité');
    expect(page.body).not.toContain('The original body of the fixture dialogue');
    expect(page.body).not.toContain(escapeHtml(fr.event.notTranslated));
    // The topic's title in the page's language too.
    expect(page.body).toContain('Armes à feu (données de test)</a>');
  });

  it('shows the original marked lang="en", with the note, where there is no translation', async () => {
    const page = await get('/fr/dialogues/2031-04-untranslated');
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<h1 dir="auto" lang="en">Constructive dialogue without translation \(fixture\)<\/h1>/);
    expect(page.body).toContain(escapeHtml(fr.event.notTranslated));
    expect(page.body).toMatch(/<div class="event-body" lang="en">\s*<p>Only English here.<\/p>/);
    // A translation with a title only in another language does not stand in: the English page shows the original, unmarked.
    const english = await get('/dialogues/2031-03-marking');
    expect(english.body).toMatch(/<h1 dir="auto">Constructive dialogue on marking firearms \(fixture\)<\/h1>/);
  });

  it('marks English inside an Arabic page left to right, and shows the Arabic translation right to left', async () => {
    const untranslated = await get('/ar/dialogues/2031-04-untranslated');
    expect(untranslated.body).toContain('<html lang="ar" dir="rtl"');
    expect(untranslated.body).toMatch(/<h1 dir="ltr" lang="en">Constructive dialogue without translation \(fixture\)<\/h1>/);
    expect(untranslated.body).toContain(escapeHtml(ar.event.notTranslated));
    const translated = await get('/ar/dialogues/2031-03-marking');
    expect(translated.body).toMatch(/<h1 dir="auto">حوار بنّاء بشأن وسم الأسلحة النارية \(بيانات اختبار\)<\/h1>/);
    expect(translated.body).not.toContain(escapeHtml(ar.event.notTranslated));
  });

  it("names the event's interpretation languages in the page's language", async () => {
    const named = (html: string) => /<dd>([^<]*)<\/dd>\s*<\/dl>\s*<div class="event-body"/.exec(html)?.[1];
    expect(named((await get('/fr/dialogues/2031-03-marking')).body)).toBe('anglais, français et arabe');
    expect(named((await get('/es/dialogues/2031-04-untranslated')).body)).toBe('inglés, español y chino');
    expect(named((await get('/ar/dialogues/2031-03-marking')).body)).toBe('الإنجليزية والفرنسية والعربية');
  });

  it('finds a French-only word on the French search, accents folded, and not on the English one', async () => {
    const french = await get('/fr/search?q=tracabilite');
    expect(french.status).toBe(200);
    expect(french.body).toContain('href="/fr/dialogues/2031-03-marking"');
    expect(french.body).toMatch(/Dialogue constructif sur le marquage/);
    const english = await get('/search?q=tracabilite');
    expect(english.body).not.toContain('href="/dialogues/2031-03-marking"');
    // The French index still knows the original's words.
    expect((await get('/fr/search?q=record-keeping')).body).toContain('href="/fr/dialogues/2031-03-marking"');
  });

  it('gives the translation on listing cards, topic pages and the French RSS', async () => {
    const listing = await get('/fr/dialogues');
    expect(listing.body).toMatch(/<a href="\/fr\/dialogues\/2031-03-marking" dir="auto">Dialogue constructif sur le marquage/);
    expect(listing.body).toMatch(/<a href="\/fr\/dialogues\/2031-04-untranslated" dir="auto" lang="en">Constructive dialogue without translation/);
    const topic = await get('/fr/topics/firearms');
    expect(topic.body).toMatch(/<h1 dir="auto">Armes à feu \(données de test\)<\/h1>/);
    expect(topic.body).toContain('Thème de test sur le marquage et le traçage.');
    const rss = await get('/fr/rss.xml');
    expect(rss.body).toContain('<title>Dialogue constructif sur le marquage des armes à feu (données de test)</title>');
  });
});
