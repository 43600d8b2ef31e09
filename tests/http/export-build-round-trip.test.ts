// Round trip, proven by building: the secretariat publishes in the browser
// (a new dialogue, a file's event edited and postponed, another taken off the
// site); `events export` writes every event to a folder; the portal is built
// from that folder alone (WHATSON_CONTENT_DIR) and started on an empty
// database; its public pages are the pages the original portal serves.
// Slow by nature (a whole astro build): one test.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/server/auth/sessions';
import { contentDirectory, topicSlugsOnDisk } from '../../src/server/content-directory';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { migrateToLatest } from '../../src/server/db/migrate';
import { createEvent, saveEvent } from '../../src/server/event-editor/save-event';
import { unpublishEvent } from '../../src/server/event-editor/unpublish-event';
import { exportEvents } from '../../src/server/event-editor/event-transfer';
import { readEventFiles, type EventFile } from '../../src/server/event-editor/event-files';
import { editorValuesOf } from '../../src/server/event-editor/event-form';
import type { EditorContext } from '../../src/server/event-editor/stored-event-rows';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { createMember } from '../support/members';
import { startServer, type RunningServer } from '../support/server';

const projectRoot = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'whatson-round-trip-'));

/** A copy of the project that builds into its own dist/, with node_modules linked package by package (its .astro and .vite caches stay its own). */
function copyProject(root: string): void {
  for (const item of ['src', 'public', 'db', 'scripts', 'astro.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json']) cpSync(join(projectRoot, item), join(root, item), { recursive: true });
  mkdirSync(join(root, 'node_modules'));
  for (const name of readdirSync(join(projectRoot, 'node_modules'))) {
    if (name !== '.astro' && name !== '.vite') symlinkSync(join(projectRoot, 'node_modules', name), join(root, 'node_modules', name));
  }
}

/** What a visitor reads on a page: its title and main content. The event body's markup is compared as its text, see below. */
function publicPartOf(html: string): string {
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
  const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  // Astro renders a file's Markdown (heading ids, typographic quotes), the server a stored body (neither): same words, other markup.
  return `${title}\n${main.replace(/<div class="event-body">([\s\S]*?)<\/div>(?=<p class="note">|<section|<p><a class="button"|<\/article>)/, (_all, body: string) => `<div class="event-body">${textOf(body)}</div>`)}`;
}

function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

async function get(server: RunningServer, path: string) {
  const response = await fetch(new URL(path, server.baseUrl));
  return { status: response.status, body: await response.text() };
}

function locationsIn(sitemap: string): string[] {
  return [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname).sort();
}

describe('events export, then a build from the exported folder', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let original: RunningServer;
  let rebuilt: RunningServer | undefined;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    handle = database.open();
    await migrateToLatest(handle);
    original = await startServer({ DATABASE_URL: database.url, OUTBOX_DIR: join(scratch, 'outbox') });
  }, 60_000);
  afterAll(async () => {
    await Promise.all([original?.stop(), rebuilt?.stop()]);
    await handle?.close();
    await database?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('serves the same event pages and sitemap from the exported files as the portal did from its files and database', async () => {
    const content = contentDirectory();
    const { files } = await readEventFiles(content);
    const fileOf = (collection: string, slug: string): EventFile | undefined => files.find((file) => file.collection === collection && file.slug === slug);
    const context: EditorContext = { knownTopics: topicSlugsOnDisk(content), fileEvent: fileOf, now: new Date() };
    const secretariat: SessionUser = await createMember(handle.db, null, 'secretariat');

    // A dialogue made in the browser, a file's dialogue edited and postponed, a file's side event taken off the site.
    const [edited, removed] = [files.find((file) => file.collection === 'dialogues')!, files.find((file) => file.collection === 'side-events')!];
    const template = edited.data;
    const created = await createEvent(handle.db, secretariat, {
      ...editorValuesOf({ ...template, title: 'Dialogue made in the browser', documents: [{ title: 'Concept note', kind: 'concept-note', url: 'https://www.unodc.org/concept-note.pdf', language: 'en' }] }, '## Programme\n\nMorning: **evidence** from the field.\n\n- one\n- two'),
      collection: 'dialogues',
      slug: 'round-trip-browser-dialogue',
      action: 'publish',
    }, context);
    expect(created).toMatchObject({ ok: true, value: { published: true } });
    const saved = await saveEvent(handle.db, secretariat, 'dialogues', edited.slug, {
      ...editorValuesOf({ ...edited.data, title: `${edited.data.title} (edited in the browser)`, status: 'postponed', statusNote: 'New dates follow.' }, `${edited.body}\n\nEdited in the browser.`),
      action: 'publish',
    }, context);
    expect(saved).toMatchObject({ ok: true, value: { published: true } });
    expect(await unpublishEvent(handle.db, secretariat, 'side-events', removed.slug, { reason: 'Merged into the main session.' }, context)).toMatchObject({ ok: true });

    // The original portal shows all three within its usual second.
    const started = Date.now();
    while ((await get(original, '/dialogues/round-trip-browser-dialogue')).status !== 200 && Date.now() - started < 5_000) await new Promise((done) => setTimeout(done, 50));

    const exported = join(scratch, 'exported');
    const { written, rejected } = await exportEvents(handle.db, content, exported);
    expect(rejected).toEqual([]);
    const root = join(scratch, 'project');
    copyProject(root);
    const build = spawnSync(process.execPath, ['scripts/build-if-needed.mjs'], { cwd: root, encoding: 'utf8', env: { ...process.env, WHATSON_CONTENT_DIR: exported, ASTRO_TELEMETRY_DISABLED: '1' } });
    expect(build.status, build.stderr.slice(-2000)).toBe(0);
    rebuilt = await startServer({ DATABASE_URL: join(scratch, 'rebuilt.sqlite'), OUTBOX_DIR: join(scratch, 'outbox'), WHATSON_CONTENT_DIR: exported }, root);

    const { files: exportedFiles } = await readEventFiles(exported);
    expect(exportedFiles).toHaveLength(written);
    const paths = exportedFiles.map((file) => `/${file.collection}/${file.slug}`);
    expect(paths).toContain('/dialogues/round-trip-browser-dialogue');
    expect(paths).not.toContain(`/side-events/${removed.slug}`);
    expect((await get(rebuilt, `/side-events/${removed.slug}`)).status).toBe(404);
    for (const path of paths) {
      const [before, after] = await Promise.all([get(original, path), get(rebuilt, path)]);
      expect([before.status, after.status], path).toEqual([200, 200]);
      expect(publicPartOf(before.body), path).toMatch(/<main[\s\S]*<h1[^>]*>[^<]+<\/h1>[\s\S]*<div class="event-body">[^<]+<\/div>/);
      expect(publicPartOf(after.body), path).toBe(publicPartOf(before.body));
    }
    const edits = await get(rebuilt, `/dialogues/${edited.slug}`);
    expect(edits.body).toContain('(edited in the browser)</h1>');
    expect(edits.body).toContain('New dates follow.');
    expect((await get(rebuilt, '/dialogues/round-trip-browser-dialogue')).body).toContain('<strong>evidence</strong>');
    const [sitemapBefore, sitemapAfter] = await Promise.all([get(original, '/sitemap.xml'), get(rebuilt, '/sitemap.xml')]);
    expect(locationsIn(sitemapAfter.body)).toEqual(locationsIn(sitemapBefore.body));
  }, 600_000);
});
