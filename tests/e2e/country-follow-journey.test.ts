// The Review Mechanism's "done when" journey, in real headless Chromium: a
// visitor opens a country's page, sees it is under review in the current
// cluster, follows the link to the constructive dialogue where that cluster
// is discussed, reads its call for input, signs in (and comes back to the
// country's page), and follows the country; the private calendar feed,
// fetched over HTTP, then holds that dialogue.
// The review content is the test's own: a phase, a country review and a
// dialogue written into a content folder with dates around today, and the
// portal built from that folder alone (review content is built in, so a
// build is the only way to bring one's own). Slow by nature: one build.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { hashPassword } from '../../src/server/auth/passwords';
import { browserAvailable, expectAccessible, explainSkippedBrowserTests, useBrowser } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { createMember } from '../support/members';
import { startServer, type RunningServer } from '../support/server';

explainSkippedBrowserTests('country follow journey');

const projectRoot = resolve(import.meta.dirname, '../..');
const DAY_MS = 24 * 60 * 60 * 1000;
const PASSWORD = 'a long passphrase for the journey';
const STATE = 'UY';
const DIALOGUE_SLUG = 'e2e-law-enforcement-dialogue';
const DIALOGUE_TITLE = 'Constructive dialogue on law enforcement (journey)';

const day = (at: number) => new Date(at).toISOString().slice(0, 10);
/** Wall-clock time in Vienna is near enough UTC for days this far apart; minutes do not matter here. */
const wallClock = (at: number) => new Date(at).toISOString().slice(0, 16);

/** A content folder of our own: the topics (the dialogue needs one), one dialogue with an open call, one phase, one review. */
function writeContent(folder: string, now: number): void {
  for (const collection of ['topics', 'events', 'side-events', 'dialogues', 'review-phases', 'country-reviews', 'resources']) mkdirSync(join(folder, collection), { recursive: true });
  cpSync(join(projectRoot, 'content', 'topics'), join(folder, 'topics'), { recursive: true });
  writeFileSync(
    join(folder, 'dialogues', `${DIALOGUE_SLUG}.md`),
    `---
title: "${DIALOGUE_TITLE}"
summary: Civil society and States discuss how the reviews of law enforcement and the judicial system are going.
start: "${day(now + 60 * DAY_MS)}T10:00"
end: "${day(now + 60 * DAY_MS)}T18:00"
timezone: Europe/Vienna
format: hybrid
venue:
  site: Vienna International Centre
  room: Boardroom D
  city: Vienna
  country: AT
topics:
  - organized-crime
organisers:
  - UNODC Civil Society Unit
languages:
  - en
status: scheduled
workingGroup: technical-assistance
callForInput:
  opens: "${wallClock(now - 2 * DAY_MS)}"
  closes: "${wallClock(now + 40 * DAY_MS)}"
  questions:
    - How do courts in the States under review protect witnesses who testify against organized criminal groups?
  wordLimit: 1000
illustrative: false
---
The journey test's own dialogue.
`,
  );
  writeFileSync(
    join(folder, 'review-phases', 'e2e-law-enforcement.md'),
    `---
title: "Phase on law enforcement and the judicial system (journey)"
cluster: law-enforcement-and-judicial-system
starts: "${day(now - 200 * DAY_MS)}"
ends: "${day(now + 500 * DAY_MS)}"
dialogues:
  - ${DIALOGUE_SLUG}
---
The journey test's own phase.
`,
  );
  writeFileSync(
    join(folder, 'country-reviews', 'uy-law-enforcement.md'),
    `---
state: ${STATE}
reviewers:
  - PY
  - CL
cluster: law-enforcement-and-judicial-system
phase: e2e-law-enforcement
stage: desk-review
---
`,
  );
}

/** A copy of the project that builds into its own dist/, with node_modules linked package by package. */
function copyProject(root: string): void {
  for (const item of ['src', 'public', 'db', 'scripts', 'astro.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json']) cpSync(join(projectRoot, item), join(root, item), { recursive: true });
  mkdirSync(join(root, 'node_modules'));
  for (const name of readdirSync(join(projectRoot, 'node_modules'))) {
    if (name !== '.astro' && name !== '.vite') symlinkSync(join(projectRoot, 'node_modules', name), join(root, 'node_modules', name));
  }
}

describe.skipIf(!browserAvailable)('following a country under review, in a browser', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'whatson-country-follow-'));
  const root = join(scratch, 'project');
  const content = join(scratch, 'content');
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let server: RunningServer;
  const { newPage } = useBrowser(() => server.baseUrl);

  beforeAll(async () => {
    writeContent(content, Date.now());
    mkdirSync(root);
    copyProject(root);
    const build = spawnSync(process.execPath, ['scripts/build-if-needed.mjs'], { cwd: root, encoding: 'utf8', env: { ...process.env, WHATSON_CONTENT_DIR: content, ASTRO_TELEMETRY_DISABLED: '1' } });
    expect(build.status, build.stderr.slice(-2000)).toBe(0);
    database = await createTestDatabase('sqlite');
    server = await startServer({ DATABASE_URL: database.url, OUTBOX_DIR: join(scratch, 'outbox'), WHATSON_CONTENT_DIR: content }, root);
    handle = database.open();
  }, 900_000);

  afterAll(async () => {
    await handle?.close();
    await server?.stop();
    await database?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('leads from a country under review to its dialogue’s call for input, and following the country puts that dialogue in the private feed', async () => {
    const person = await createMember(handle.db, null);
    await handle.db.updateTable('users').set({ password_hash: await hashPassword(PASSWORD) }).where('id', '=', person.id).execute();

    const page = await newPage();
    await page.goto(`/countries/${STATE.toLowerCase()}`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Uruguay');
    await page.getByText('Under review now, in the cluster “Law enforcement and the judicial system”.').waitFor();
    await expectAccessible(page);

    // The dialogue where the cluster is discussed, and its call for input.
    await Promise.all([page.waitForURL(`**/dialogues/${DIALOGUE_SLUG}`), page.getByRole('link', { name: DIALOGUE_TITLE }).first().click()]);
    await page.getByRole('heading', { name: 'Call for written input' }).waitFor();
    await page.getByText('How do courts in the States under review protect witnesses').waitFor();

    // Back on the country's page, signed out: a link to sign in that comes back here.
    await page.goto(`/countries/${STATE.toLowerCase()}`);
    await Promise.all([page.waitForURL('**/signin?next=*'), page.getByRole('link', { name: 'Sign in to follow this country' }).click()]);
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL(`**/countries/${STATE.toLowerCase()}`), page.getByRole('button', { name: 'Sign in' }).click()]);
    await Promise.all([page.waitForURL(`**/countries/${STATE.toLowerCase()}`), page.getByRole('button', { name: 'Follow this country' }).click()]);
    await page.getByText('You follow this country').waitFor();
    await expectAccessible(page);

    // Managed where topic follows are: the account's calendar page, which also makes the feed's address.
    await page.goto('/account/calendar');
    await page.getByRole('link', { name: 'Uruguay' }).waitFor();
    await page.getByRole('button', { name: 'Make my calendar address' }).click();
    // The address names the public origin; this server listens on a port of its own.
    const address = new URL(new URL((await page.locator('[data-calendar-address]').innerText()).trim()).pathname, server.baseUrl).href;
    await expectAccessible(page);

    const feed = await fetch(address);
    expect(feed.status).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
    const summaries = calendar.getAllSubcomponents('vevent').map((event) => String(event.getFirstPropertyValue('summary')));
    expect(summaries).toEqual([DIALOGUE_TITLE]);

    // Unfollowing, from the same page, empties the feed again.
    await page.goto('/account/calendar');
    await page.getByRole('button', { name: 'Stop following this country' }).click();
    await page.getByText('You follow no countries yet').waitFor();
    const after = new ICAL.Component(ICAL.parse(await (await fetch(address)).text()));
    expect(after.getAllSubcomponents('vevent')).toEqual([]);
  }, 300_000);
});
