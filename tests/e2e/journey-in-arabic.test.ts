// Browsing and subscribing in Arabic, in a real browser: the home page, a
// listing narrowed by a filter, an event page, a topic followed; each page
// `dir="rtl" lang="ar"` with its layout mirrored (measured: the brand at the
// right edge, the navigation read from right to left, the box's labels on its
// right), nothing wider than the screen at 375 px or at 1280 px, no English
// sentence of the catalogues left. The calendar subscriptions of the listing,
// the event and the topic give feeds whose own words are Arabic. The test
// saves screenshots of the home page, the listing and the event page at
// desktop and phone width in test-results/screenshots/ (the reference set the
// README shows is docs/screenshots/). On its own portal (database, outbox).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ar } from '../../src/i18n/ar';
import { countryName } from '../../src/i18n/format';
import { createOrganisation } from '../support/members';
import { browserAvailable, explainSkippedBrowserTests, useBrowser } from '../support/browser';
import { domainSentence, englishGiveaways, englishOnPage } from '../support/english-in-browser';
import { usePortal } from '../support/portal';

explainSkippedBrowserTests('journey in Arabic');

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };
// Demo content: a hybrid dialogue in Vienna whose applications are reviewed.
const DIALOGUE = '/dialogues/2027-07-trafficking-in-persons';
const TOPIC = 'firearms';
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

/** A domain sentence without its placeholders' values: the parts of it the portal writes itself. */
const ownWords = (text: string) => text.split(/\{[^}]+\}/).map((part) => part.trim()).filter((part) => part.length > 1);

interface Box { left: number; right: number; top: number; bottom: number; width: number }

async function box(page: Page, selector: string): Promise<Box> {
  const found = await page.locator(selector).first().evaluate((element) => {
    const { left, right, top, bottom, width } = element.getBoundingClientRect();
    return { left, right, top, bottom, width };
  });
  return found;
}

async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, client: document.scrollingElement!.clientWidth }));
  expect(widths.scroll, `${page.url()} is wider than the screen (${widths.client} px)`).toBeLessThanOrEqual(widths.client);
}

/** The header mirrored: the brand at the right edge of the header's row, the links to its left, the navigation from right to left. */
async function expectMirroredHeader(page: Page) {
  const row = await page.locator('.site-header > .wrap').first().evaluate((element) => {
    const { left, right } = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return { left: left + parseFloat(style.paddingLeft), right: right - parseFloat(style.paddingRight) };
  });
  const brand = await box(page, '.site-header .brand');
  expect(Math.abs(brand.right - row.right), 'the brand sits at the right edge').toBeLessThan(2);
  const links = await box(page, '.site-header .account-links');
  if (links.top < brand.bottom) expect(links.right, 'the account links are left of the brand').toBeLessThanOrEqual(brand.left);
  const navigation = await page.getByRole('navigation', { name: ar.site.mainNavigation }).getByRole('listitem').evaluateAll((items) =>
    items.map((item) => { const { left, right, top } = item.getBoundingClientRect(); return { left, right, top }; }),
  );
  expect(Math.abs(navigation[0]!.right - row.right), 'the navigation starts at the right edge').toBeLessThan(2);
  // Items of one line run leftwards; a wrapped line starts again at the right.
  for (let index = 1; index < navigation.length; index++) {
    const [before, item] = [navigation[index - 1]!, navigation[index]!];
    if (Math.abs(item.top - before.top) < 2) expect(item.right, 'the next item is left of the one before').toBeLessThanOrEqual(before.left);
    else expect(Math.abs(item.right - row.right)).toBeLessThan(2);
  }
  const languages = await page.getByRole('navigation', { name: ar.site.languages }).getByRole('listitem').evaluateAll((items) => items.map((item) => item.getBoundingClientRect().right));
  expect(languages[0], 'the language switcher starts at the right too').toBeGreaterThan(languages[1]!);
}

describe.skipIf(!browserAvailable)('a journey in Arabic, in a browser', () => {
  const portal = usePortal('sqlite');
  const { newPage, signedInPage } = useBrowser(() => portal.servers[0]!.baseUrl);
  const base = () => portal.servers[0]!.baseUrl;

  async function feed(address: string) {
    expect(address, 'a calendar subscription').toMatch(/^webcal:\/\//);
    const url = new URL(address.replace(/^webcal:/, 'http:'));
    const response = await fetch(new URL(`${url.pathname}${url.search}`, base()));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/calendar');
    return (await response.text()).replace(/\r?\n[ \t]/g, '');
  }

  /** What the portal writes in a feed, in Arabic, and none of it in English. */
  function expectArabicCalendarText(calendar: string) {
    expect(calendar).toMatch(/^X-WR-CALNAME:WhatsOn - /m);
    for (const words of ownWords(domainSentence('ar', 'calendar.registrationCloses'))) expect(calendar).toContain(words);
    for (const words of ownWords(domainSentence('ar', 'calendar.andOnline'))) expect(calendar).toContain(words);
    expect(calendar).toContain(countryName('AT', 'ar'));
    for (const key of ['calendar.registrationCloses', 'calendar.andOnline', 'calendar.online'] as const) {
      for (const words of ownWords(domainSentence('en', key))) expect(calendar, `English "${words}" in an Arabic feed`).not.toContain(words);
    }
  }

  it('browses right to left, mirrored and within the screen, and subscribes to calendars in Arabic', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const giveaways = englishGiveaways('ar');
    const english: string[] = [];
    async function check(page: Page, name: string, width: 'desktop' | 'phone') {
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ar');
      await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
      await expectNoSidewaysScroll(page);
      english.push(...(await englishOnPage(page, 'ar', giveaways)));
      await page.screenshot({ path: join(SCREENSHOTS, `ar-${name}-${width}.png`) });
    }

    // Home, at desktop width.
    const page = await newPage({ viewport: DESKTOP, locale: 'ar' });
    await page.goto('/ar');
    await check(page, 'home', 'desktop');
    await expectMirroredHeader(page);

    // A listing from the navigation, narrowed by a filter.
    await Promise.all([page.waitForURL('**/ar/dialogues'), page.getByRole('navigation', { name: ar.site.mainNavigation }).getByRole('link', { name: ar.nav.dialogues }).click()]);
    await page.getByText(ar.listing.filters, { exact: true }).first().click();
    await page.getByLabel(ar.listing.format).selectOption('hybrid');
    await page.getByLabel(ar.listing.when).selectOption('all');
    await Promise.all([page.waitForURL('**/ar/dialogues?**format=hybrid**'), page.getByRole('button', { name: ar.listing.apply }).click()]);
    await check(page, 'listing', 'desktop');
    await expectMirroredHeader(page);
    const listingPath = new URL(page.url()).pathname + new URL(page.url()).search;
    // The listing's calendar: its name and its text in Arabic.
    const listingSubscription = (await page.locator('.calendar-links-line').getByRole('link', { name: ar.calendar.subscribe }).getAttribute('href'))!;
    expect(listingSubscription).toMatch(/\/ar\/dialogues\/calendar\.ics\?(?:.+&)?format=hybrid/);
    const listingFeed = await feed(listingSubscription);
    await expect(page.locator('.calendar-links-line').innerText()).resolves.toContain(`${ar.calendar.download} (`);
    expect(listingFeed).toContain(`X-WR-CALNAME:WhatsOn - ${ar.nav.dialogues} · ${ar.formats.hybrid}`);
    expect(listingFeed).toContain(`/ar${DIALOGUE}`);
    expectArabicCalendarText(listingFeed);

    // The event page, from the listing.
    await Promise.all([page.waitForURL(`**/ar${DIALOGUE}`), page.locator(`main a[href="/ar${DIALOGUE}"]`).first().click()]);
    await check(page, 'event', 'desktop');
    await expectMirroredHeader(page);
    // The box's labels are on its right (its start side), their values to the left.
    const actionBox = page.getByRole('region', { name: ar.box.label });
    const label = await actionBox.locator('dt').first().evaluate((element) => element.getBoundingClientRect().toJSON());
    const value = await actionBox.locator('dd').first().evaluate((element) => element.getBoundingClientRect().toJSON());
    const frame = await actionBox.evaluate((element) => element.getBoundingClientRect().toJSON());
    expect(label.left, 'the label is right of its value').toBeGreaterThanOrEqual(value.right);
    expect(frame.right - label.right, 'the label starts at the right of the box').toBeLessThan(40);
    // The event's own words, in English until translated, read left to right inside the Arabic page.
    await expect(page.getByRole('heading', { level: 1 }).getAttribute('dir')).resolves.toBe('auto');
    for (const selector of ['main h1', 'main .lead', 'main .event-body']) {
      const { lang, direction } = await page.locator(selector).first().evaluate((element) => ({ lang: element.getAttribute('lang'), direction: getComputedStyle(element).direction }));
      expect(direction, `${selector} in ${lang ?? 'Arabic'}`).toBe(lang === 'en' ? 'ltr' : 'rtl');
    }
    // Its calendar links: the collection's feed in Arabic, and the event alone, pointing back at the Arabic page.
    const links = actionBox.locator('.calendar-links');
    const collectionSubscription = (await links.getByRole('link', { name: new RegExp(`^${ar.calendar.subscribe}`) }).getAttribute('href'))!;
    expect(collectionSubscription).toMatch(/\/ar\/dialogues\/calendar\.ics$/);
    const collectionFeed = await feed(collectionSubscription);
    expect(collectionFeed).toContain(`X-WR-CALNAME:WhatsOn - ${ar.nav.dialogues}`);
    const single = await fetch(new URL((await links.getByRole('link', { name: ar.calendar.download }).getAttribute('href'))!, base()));
    expect(single.status).toBe(200);
    const singleText = (await single.text()).replace(/\r?\n[ \t]/g, '');
    expect(singleText).toMatch(new RegExp(`URL;VALUE=URI:https?://[^/]+/ar${DIALOGUE}\\r?\\n`));
    expectArabicCalendarText(singleText);

    // The same three pages on a phone.
    const phone = await newPage({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'ar' });
    for (const [name, path] of [['home', '/ar'], ['listing', listingPath], ['event', `/ar${DIALOGUE}`]] as const) {
      await phone.goto(path);
      await check(phone, name, 'phone');
      const brand = await box(phone, '.site-header .brand');
      expect(PHONE.width - brand.right, `${path}: the brand sits at the right edge`).toBeLessThan(24);
    }

    // Following a topic, signed in: the button, then the topic's feed.
    const { page: member } = await signedInPage(portal.handle.db, await createOrganisation(portal.handle.db));
    await member.setViewportSize(DESKTOP);
    await member.goto(`/ar/topics/${TOPIC}`);
    await Promise.all([member.waitForURL(`**/ar/topics/${TOPIC}`), member.getByRole('button', { name: ar.calendar.follow }).click()]);
    await expect(member.getByRole('main').innerText()).resolves.toContain(ar.calendar.following.split(':')[0]!);
    await expect(member.getByRole('button', { name: ar.calendar.unfollow }).count()).resolves.toBe(1);
    await check(member, 'topic', 'desktop');
    const topicSubscription = (await member.locator('main .calendar-links-line').getByRole('link', { name: ar.calendar.subscribe }).getAttribute('href'))!;
    expect(topicSubscription).toMatch(new RegExp(`/ar/topics/${TOPIC}/calendar\\.ics$`));
    const topicFeed = await feed(topicSubscription);
    expect(topicFeed).toMatch(/^X-WR-CALNAME:WhatsOn - .+$/m);
    expect(topicFeed).toContain(`/ar/dialogues/`);
    expectArabicCalendarText(topicFeed);

    expect(english, 'English sentences of the catalogues on the Arabic pages').toEqual([]);
  }, 300_000);
});
