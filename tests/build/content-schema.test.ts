// The build refuses bad front matter and says which file and which field.
// Each case syncs a throw-away copy of the project with one broken entry.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const projectRoot = resolve(import.meta.dirname, '../..');
let scratch: string;

/** node_modules with a link per package, so the copy's own .astro and .vite caches stay in the copy. */
function linkNodeModules(target: string) {
  mkdirSync(target);
  for (const name of readdirSync(join(projectRoot, 'node_modules'))) {
    if (name === '.astro' || name === '.vite') continue;
    symlinkSync(join(projectRoot, 'node_modules', name), join(target, name));
  }
}

function syncWithEntry(collection: string, fileName: string, frontMatter: string) {
  return syncWithContent((content) => {
    cpSync(join(projectRoot, 'content/topics'), join(content, 'topics'), { recursive: true });
    writeFileSync(join(content, collection, fileName), `---\n${frontMatter}\n---\nBody.\n`);
  });
}

/** Syncs a copy of the project whose content folder (with empty collection folders) `fill` fills. */
function syncWithContent(fill: (content: string) => void) {
  const root = mkdtempSync(join(scratch, 'project-'));
  for (const item of ['src', 'astro.config.mjs', 'tsconfig.json', 'package.json']) cpSync(join(projectRoot, item), join(root, item), { recursive: true });
  linkNodeModules(join(root, 'node_modules'));
  for (const folder of ['events', 'side-events', 'dialogues', 'topics']) mkdirSync(join(root, 'content', folder), { recursive: true });
  fill(join(root, 'content'));
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'sync'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, WHATSON_CONTENT_DIR: join(root, 'content'), ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
  });
  // Astro colours its output when it thinks a terminal (or CI) is watching.
  const output = `${result.stdout}\n${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  return { status: result.status, output };
}

const validEvent = `title: Briefing for civil society
summary: What the next session will discuss.
start: "2027-01-20T10:00"
end: "2027-01-20T12:00"
timezone: Europe/Vienna
format: hybrid
venue: { site: Vienna International Centre, room: M5, city: Vienna, country: AT }
topics: [organized-crime]
organisers: [UNODC Civil Society Unit]
kind: briefing`;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'whatson-schema-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('content build checks', () => {
  it('accepts a valid entry', () => {
    const { status, output } = syncWithEntry('events', 'good-briefing.md', validEvent);
    expect(output).not.toContain('does not match collection schema');
    expect(status).toBe(0);
  });

  it('stops on a bad value, naming the file, the field and what was expected', () => {
    const { status, output } = syncWithEntry('events', 'bad-format.md', validEvent.replace('format: hybrid', 'format: virtual'));
    expect(status).not.toBe(0);
    expect(output).toContain('content/events/bad-format.md');
    expect(output).toMatch(/format: Choose one of: in-person, online, hybrid\./);
  });

  it('stops on a topic that does not exist', () => {
    const { status, output } = syncWithEntry('dialogues', 'unknown-topic.md', `${validEvent.replace('kind: briefing', 'workingGroup: firearms').replace('[organized-crime]', '[piracy]')}`);
    expect(status).not.toBe(0);
    expect(output).toContain('content/dialogues/unknown-topic.md');
    expect(output).toContain('topics.0: unknown topic "piracy"');
  });

  it('stops on a time that is not a wall-clock time', () => {
    const { status, output } = syncWithEntry('side-events', 'bad-time.md', `${validEvent.replace('kind: briefing', 'hostMeeting: CCPCJ').replace('"2027-01-20T10:00"', '"20 January 2027"')}`);
    expect(status).not.toBe(0);
    expect(output).toContain('content/side-events/bad-time.md');
    expect(output).toContain('start: must be a date and time such as 2026-07-01T10:00');
  });

  it('accepts translations beside their original, and does not take them for entries', () => {
    const { status, output } = syncWithContent((content) => {
      cpSync(join(projectRoot, 'content/topics'), join(content, 'topics'), { recursive: true });
      writeFileSync(join(content, 'events', 'briefing.md'), `---\n${validEvent}\n---\nBody.\n`);
      writeFileSync(join(content, 'events', 'briefing.fr.md'), '---\ntitle: Séance d’information\nsummary: Ce que la prochaine session examinera.\n---\nCorps.\n');
    });
    expect(output).not.toContain('does not match collection schema');
    expect(output).not.toContain('translation files are wrong');
    expect(status).toBe(0);
  });

  it('stops on a translation of nothing, in another language or with fields that are not translated, naming each file', () => {
    const { status, output } = syncWithContent((content) => {
      cpSync(join(projectRoot, 'content/topics'), join(content, 'topics'), { recursive: true });
      writeFileSync(join(content, 'events', 'briefing.md'), `---\n${validEvent}\n---\nBody.\n`);
      writeFileSync(join(content, 'events', 'breifing.fr.md'), '---\ntitle: Séance\nsummary: Résumé.\n---\n');
      writeFileSync(join(content, 'events', 'briefing.de.md'), '---\ntitle: Briefing\nsummary: Zusammenfassung.\n---\n');
      writeFileSync(join(content, 'events', 'briefing.es.md'), '---\ntitle: Sesión\nsummary: Resumen.\nformat: online\n---\n');
    });
    expect(status).not.toBe(0);
    expect(output).toContain('not building: translation files are wrong');
    expect(output).toContain('content/events/breifing.fr.md: there is no original breifing.md beside it to translate');
    expect(output).toContain('content/events/briefing.de.md: "de" is not a language a translation can be in');
    expect(output).toContain('content/events/briefing.es.md: format is not translated: a translation holds only title and summary');
  });

  it('stops on a content folder without any Markdown, instead of publishing an empty portal', () => {
    const { status, output } = syncWithContent(() => {});
    expect(status).not.toBe(0);
    expect(output).toMatch(/not building: the content folder \S+ has no Markdown file in events\/, side-events\/, dialogues\/ or topics\/ \(WHATSON_CONTENT_DIR\)/);
  });
});
