// The content the HTTP and browser tests run against: the demo content with
// every date in its front matter moved by whole days, so that the test run
// stands to it where 2026-12-01 stood. Tests therefore pass on any date: a
// window "open until June" stays open, a call "opening next week" stays
// closed. Plain JavaScript, because scripts/test.mjs uses it before vitest.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Noon UTC on the day the tests were written against. */
const ANCHOR_MS = Date.UTC(2026, 11, 1, 12);
const DAY_MS = 24 * 60 * 60 * 1000;

export const FIXTURE_CONTENT_DIR = resolve('.test-content');
const SHIFT_FILE = 'shift.json';

export function shiftDaysFor(nowMs) {
  return Math.round((nowMs - ANCHOR_MS) / DAY_MS) || 0;
}

/** "2027-07-06T10:00" (or "2027-07-06") moved by `days`, in the same form. */
export function shiftDate(text, days) {
  const [, year, month, day, rest] = /^(\d{4})-(\d{2})-(\d{2})(.*)$/.exec(text) ?? [];
  if (!year) throw new Error(`not a date: ${text}`);
  const moved = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day) + days));
  return `${moved.toISOString().slice(0, 10)}${rest}`;
}

function shiftFrontMatter(markdown, days) {
  const end = markdown.startsWith('---') ? markdown.indexOf('\n---', 3) : -1;
  if (end === -1) return markdown;
  const frontMatter = markdown.slice(0, end).replace(/(["']?)(\d{4}-\d{2}-\d{2})((?:T\d{2}:\d{2}(?::\d{2})?)?)\1/g, (_, quote, date, time) => `${quote}${shiftDate(date, days)}${time}${quote}`);
  return frontMatter + markdown.slice(end);
}

function writeIfChanged(file, text) {
  // Unchanged files keep their time, so the build is not repeated for nothing.
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  writeFileSync(file, text);
}

function copyShifted(from, to, days) {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const source = join(from, name);
    if (statSync(source).isDirectory()) copyShifted(source, join(to, name), days);
    else writeIfChanged(join(to, name), name.endsWith('.md') ? shiftFrontMatter(readFileSync(source, 'utf8'), days) : readFileSync(source, 'utf8'));
  }
}

/** Writes the test content for `nowMs` and returns its folder. */
export function prepareFixtureContent(nowMs = Date.now(), source = resolve('content')) {
  const days = shiftDaysFor(nowMs);
  copyShifted(source, FIXTURE_CONTENT_DIR, days);
  writeIfChanged(join(FIXTURE_CONTENT_DIR, SHIFT_FILE), `${JSON.stringify({ days })}\n`);
  return FIXTURE_CONTENT_DIR;
}

/** How many days the content the tests run against was moved (written with it, so a run crossing noon stays consistent). */
export function fixtureShiftDays() {
  return JSON.parse(readFileSync(join(FIXTURE_CONTENT_DIR, SHIFT_FILE), 'utf8')).days;
}

/** A date or wall-clock time of the demo content, as it stands in the test content. */
export function fixtureDate(text) {
  return shiftDate(text, fixtureShiftDays());
}
