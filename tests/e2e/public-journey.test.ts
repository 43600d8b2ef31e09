// A visitor's way through the public pages in a real browser: navigation,
// the filter form, and an event page, with and without JavaScript.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserAvailable, explainSkippedBrowserTests, useBrowser } from '../support/browser';
import { fixtureInstant } from '../support/fixture-dates';

const baseUrl = inject('baseUrl');
const TOPIC = { slug: 'trafficking-in-persons', title: 'Trafficking in persons' };
// A dialogue at the Vienna International Centre, 10:00–18:00 venue time. Its
// date moves with the test content, so summer or winter time depends on the
// day the suite runs: the expected names and hours are worked out for it.
const VIENNA_DIALOGUE = '/dialogues/2027-07-trafficking-in-persons';
const VIENNA_START = fixtureInstant('2027-07-06T10:00', 'Europe/Vienna');
const VIENNA_END = fixtureInstant('2027-07-06T18:00', 'Europe/Vienna');

function zoneName(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'long' }).formatToParts(instant).find((part) => part.type === 'timeZoneName')!.value;
}

function clockTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

explainSkippedBrowserTests('public journey');

/** The cards of a listing page, each with its title and the titles of its topics. */
async function listedCards(page: Page) {
  const cards = page.getByRole('main').getByRole('article');
  const found: { title: string; topics: string[] }[] = [];
  for (const card of await cards.all()) {
    found.push({
      title: (await card.getByRole('heading').innerText()).trim(),
      topics: (await card.getByRole('list', { name: 'Topics' }).getByRole('listitem').allInnerTexts()).map((text) => text.trim()),
    });
  }
  return found;
}

/** Chooses a topic and "All dates" in the filter form and submits it, as a visitor would. */
async function filterByTopic(page: Page) {
  // The filter panel is folded until a filter is in use.
  const panel = page.getByRole('main').locator('details.fold');
  if (!(await panel.getAttribute('open').then((open) => open !== null))) await panel.locator('summary').click();
  await page.getByLabel('Topic', { exact: true }).selectOption({ label: TOPIC.title });
  await page.getByLabel('When', { exact: true }).selectOption({ label: 'All dates' });
  await Promise.all([page.waitForURL((url) => url.searchParams.has('topic')), page.getByRole('button', { name: 'Apply filters' }).click()]);
}

function expectEveryCardOnTopic(cards: { title: string; topics: string[] }[]) {
  expect(cards.length, 'the filtered listing shows at least one event').toBeGreaterThan(0);
  for (const card of cards) expect(card.topics, `topics of “${card.title}”`).toContain(TOPIC.title);
}

describe.skipIf(!browserAvailable)('a visitor in a browser', () => {
  const { newPage } = useBrowser(baseUrl);

  it('goes from home to dialogues, filters by topic, and opens an event', async () => {
    const page = await newPage();
    await page.goto('/');

    await Promise.all([
      page.waitForURL('**/dialogues'),
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dialogues', exact: true }).click(),
    ]);
    await page.getByRole('heading', { level: 1, name: 'Constructive dialogues' }).waitFor();

    await filterByTopic(page);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/dialogues');
    expect(url.searchParams.get('topic')).toBe(TOPIC.slug);
    expect(url.searchParams.get('when')).toBe('all');
    expectEveryCardOnTopic(await listedCards(page));

    const firstCard = page.getByRole('main').getByRole('article').first();
    const title = (await firstCard.getByRole('heading').innerText()).trim();
    await Promise.all([page.waitForURL('**/dialogues/*'), firstCard.getByRole('link', { name: title }).click()]);

    expect((await page.getByRole('heading', { level: 1 }).innerText()).trim()).toBe(title);
    const time = page.getByRole('main').locator('time[datetime]').first();
    expect(await time.isVisible(), 'the event page shows when it takes place').toBe(true);
    expect(Number.isNaN(Date.parse((await time.getAttribute('datetime')) ?? ''))).toBe(false);
    const jsonLd = page.locator('script[type="application/ld+json"]');
    expect(await jsonLd.count()).toBe(1);
    const data = JSON.parse((await jsonLd.textContent()) ?? '');
    expect(data).toMatchObject({ '@type': 'Event', name: title });
  });

  it('lists and filters without JavaScript, and names the venue’s time zone on the event page', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto('/dialogues');
    expect((await listedCards(page)).length, 'the listing shows events without JavaScript').toBeGreaterThan(0);

    await filterByTopic(page);
    expect(new URL(page.url()).searchParams.get('topic')).toBe(TOPIC.slug);
    expectEveryCardOnTopic(await listedCards(page));

    await page.goto(VIENNA_DIALOGUE);
    const main = page.getByRole('main');
    expect(await main.locator('time[datetime]').first().innerText()).toMatch(/10:00/);
    expect(await main.getByText(zoneName(VIENNA_START, 'Europe/Vienna'), { exact: false }).first().isVisible()).toBe(true);
    expect(await main.getByText(/^Your time:/).count(), 'no script ran, so no viewer time is added').toBe(0);
  });

  it('shows a viewer in New York their own time next to the venue time', async () => {
    const page = await newPage({ timezoneId: 'America/New_York' });
    await page.goto(VIENNA_DIALOGUE);
    const yourTime = page.getByRole('main').getByText(/^Your time:/);
    await yourTime.waitFor({ state: 'visible' });
    // 10:00–18:00 in Vienna is 04:00–12:00 in New York, or 05:00–13:00 in the weeks when only one of them keeps summer time.
    const text = await yourTime.innerText();
    expect(text).toContain(clockTime(VIENNA_START, 'America/New_York'));
    expect(text).toContain(clockTime(VIENNA_END, 'America/New_York'));
    const when = yourTime.locator('..');
    expect(await when.locator('time[datetime]').innerText()).toMatch(/10:00/);
    expect(await when.innerText()).toContain('venue time');
  });

  it('adds no second time for a viewer who is already in the venue’s zone', async () => {
    const page = await newPage({ timezoneId: 'Europe/Vienna' });
    await page.goto(VIENNA_DIALOGUE);
    await page.waitForLoadState('load');
    expect(await page.getByRole('main').getByText(/^Your time:/).count()).toBe(0);
  });
});
