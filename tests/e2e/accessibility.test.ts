// WCAG 2.1 AA checks with axe on the public pages, small screens, and the keyboard.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { browserAvailable, checkAccessibility, explainSkippedBrowserTests, useBrowser } from '../support/browser';

const baseUrl = inject('baseUrl');
const EVENT_PAGE = '/dialogues/2027-07-trafficking-in-persons';

explainSkippedBrowserTests('accessibility');

/** The address of a published event whose front matter says it is cancelled. */
function cancelledEventPath(): string {
  const contentDir = join(process.cwd(), 'content');
  for (const collection of ['events', 'side-events', 'dialogues']) {
    for (const file of readdirSync(join(contentDir, collection)).filter((name) => name.endsWith('.md')).sort()) {
      if (/^status:\s*cancelled\s*$/m.test(readFileSync(join(contentDir, collection, file), 'utf8'))) return `/${collection}/${file.replace(/\.md$/, '')}`;
    }
  }
  throw new Error('No cancelled event in content/: the demo content should keep one, so its banner is checked.');
}

const PAGES: [name: string, path: string, status: number][] = [
  ['the home page', '/', 200],
  ['a listing', '/dialogues', 200],
  ['a listing with a rejected filter', '/dialogues?from=not-a-date', 422],
  ['an event page', EVENT_PAGE, 200],
  ['a cancelled event page', cancelledEventPath(), 200],
  ['a topic page', '/topics/firearms', 200],
  ['the topics index', '/topics', 200],
  ['the 404 page', '/no-such-page', 404],
  ['the Review Mechanism page', '/review-mechanism', 200],
  ['the countries index', '/countries', 200],
  ['a country page', '/countries/ke', 200],
];

// Right to left and Chinese: the same page types, the sign-up form included, in Arabic and Chinese.
const OTHER_SCRIPTS: [name: string, path: string, status: number][] = ['ar', 'zh'].flatMap((locale) =>
  [...PAGES, ['the sign-up form', '/signup', 200] as [string, string, number]].map(([name, path, status]): [string, string, number] => [`${name} in ${locale}`, `/${locale}${path === '/' ? '' : path}`, status]),
);

/** The Review Mechanism's pages, checked at phone width too (the timeline and tables must not push the page sideways), in Arabic (mirrored) and Chinese as in English. */
const REVIEW_PAGES = ['', '/ar', '/zh'].flatMap((prefix) => ['/review-mechanism', '/countries', '/countries/ke'].map((path) => `${prefix}${path}`));

describe.skipIf(!browserAvailable)('accessibility in a browser', () => {
  const { newPage } = useBrowser(baseUrl);

  it.each([...PAGES, ...OTHER_SCRIPTS])('axe finds no WCAG 2.1 A/AA violations on %s (%s)', async (_name, path, status) => {
    const page = await newPage();
    const response = await page.goto(path);
    expect(response?.status()).toBe(status);
    expect(await checkAccessibility(page)).toEqual([]);
  });

  it('shows the cancelled event’s banner (so the check above saw the cancelled state)', async () => {
    const page = await newPage();
    await page.goto(cancelledEventPath());
    expect(await page.getByRole('note').innerText()).toContain('This event has been cancelled.');
  });

  it('shows the listing’s error state (so the check above saw it)', async () => {
    const page = await newPage();
    await page.goto('/dialogues?from=not-a-date');
    expect(await page.getByRole('alert').innerText()).toContain('Enter a date as YYYY-MM-DD');
    expect(await page.getByLabel('From', { exact: true }).getAttribute('aria-invalid')).toBe('true');
  });

  it.each(REVIEW_PAGES)('axe finds no WCAG 2.1 A/AA violations on %s at phone width', async (path) => {
    const page = await newPage({ viewport: { width: 320, height: 640 } });
    expect((await page.goto(path))?.status()).toBe(200);
    expect(await checkAccessibility(page)).toEqual([]);
  });

  it.each([
    ['the home page', '/'],
    ['an event page', EVENT_PAGE],
    ...REVIEW_PAGES.map((path) => [`the Review Mechanism page ${path}`, path]),
  ])('does not scroll sideways on a 320 px wide screen: %s', async (_name, path) => {
    const page = await newPage({ viewport: { width: 320, height: 640 } });
    await page.goto(path);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(320 + 1);
  });

  it('focuses the “Skip to main content” link first when the keyboard user presses Tab, and it leads to the main content', async () => {
    const page = await newPage();
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: 'Skip to main content' });
    expect(await skipLink.evaluate((element) => element === document.activeElement)).toBe(true);
    const box = await skipLink.boundingBox();
    expect(box, 'the focused skip link is rendered').not.toBeNull();
    expect(box!.x, 'the focused skip link moves on screen').toBeGreaterThanOrEqual(0);

    await page.keyboard.press('Enter');
    await page.waitForURL('**/#main');
    expect(await page.getByRole('main').evaluate((element) => element === document.activeElement)).toBe(true);
  });
});
