// The Review Mechanism in the six languages (issues #20 and #16): its pages and
// the review part of a dialogue page say nothing of the English catalogue in
// another language (its sentences, nor the fixed words of its sentences with
// values), the timeline's name and description are in the page's language,
// Arabic mirrors the drawing, and every page links to it from the navigation
// and the footer. Runs on the demo content as the tests move it (the phase
// on prevention and technical assistance, 2026–2028, is current).
import { describe, expect, inject, it } from 'vitest';
import { LOCALES, messagesFor, type Locale } from '../../src/i18n';
import { reviewMechanismEn } from '../../src/i18n/review-mechanism-en';

const baseUrl = inject('baseUrl');
const PAGES = ['/review-mechanism', '/countries', '/countries/ke', '/countries/at', '/dialogues/2027-03-firearms'];
const OTHER_LOCALES = LOCALES.filter((locale): locale is Exclude<Locale, 'en'> => locale !== 'en');

async function get(path: string) {
  const response = await fetch(new URL(path, baseUrl), { redirect: 'manual' });
  return { response, html: await response.text() };
}

const decode = (text: string) =>
  text.replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** What a reader meets: text and control labels, without the secretariat's English content (marked lang="en"). */
function readable(html: string): string {
  const withoutEnglish = html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<(\w+)\b[^>]*\slang="en"[^>]*>[\s\S]*?<\/\1>/g, ' ');
  const labels = [...withoutEnglish.matchAll(/\s(?:aria-label|alt|title|placeholder)="([^"]*)"/g)].map((match) => match[1]);
  return decode([withoutEnglish.replace(/<[^>]+>/g, ' '), ...labels].join(' ')).replace(/\s+/g, ' ');
}

const MARK = '\u0001';

/** The English sentences of the Review Mechanism, and the fixed words around the values of those that take some. */
function englishFragments(catalogue: object = reviewMechanismEn): string[] {
  const found: string[] = [];
  for (const value of Object.values(catalogue)) {
    if (typeof value === 'string') found.push(value);
    else if (typeof value === 'function') {
      const say = value as (...args: unknown[]) => string;
      const args = Array.from({ length: say.length }, (_, index) => (index === 0 ? 7 : MARK));
      found.push(...say(...args).split(new RegExp(`${MARK}|7`)));
    } else if (value && typeof value === 'object') found.push(...englishFragments(value));
  }
  // Long enough to give English away: more than a word, more than a code.
  return [...new Set(found.map((text) => text.trim()).filter((text) => text.length >= 12 && /\s/.test(text)))];
}

/** A sentence as the page shows it: spaces of every width (French puts no-break ones before “:”) counted alike. */
function says(text: string, sentence: string) {
  expect(text).toContain(sentence.replace(/\s+/g, ' '));
}

function svgOf(html: string): string {
  const svg = /<svg[^>]*role="img"[\s\S]*?<\/svg>/.exec(html)?.[0];
  expect(svg, 'the page has the timeline as an SVG image').toBeTruthy();
  return svg!;
}

describe('the Review Mechanism in every language', () => {
  const fragments = englishFragments();

  it('has English fragments to look for, the fixed words of sentences with values among them', () => {
    expect(fragments.length).toBeGreaterThan(60);
    expect(fragments).toContain('Under review now, in the cluster “');
    expect(fragments).toContain('Working Group of Government Experts on Technical Assistance');
  });

  it.each(OTHER_LOCALES)('leaves no English of the Review Mechanism on its pages in %s', async (locale) => {
    const found: string[] = [];
    for (const path of PAGES) {
      const { response, html } = await get(`/${locale}${path}`);
      expect(response.status, `/${locale}${path}`).toBe(200);
      expect(html).toContain(`<html lang="${locale}"`);
      const text = readable(html);
      for (const fragment of fragments) if (text.includes(fragment)) found.push(`/${locale}${path}: "${fragment}"`);
    }
    expect(found).toEqual([]);
  });

  it.each(OTHER_LOCALES)('says the pages’ own words in %s: headings, clusters, stages, phases and working group sessions', async (locale) => {
    const r = messagesFor(locale).reviewMechanism;
    const mechanism = readable((await get(`/${locale}/review-mechanism`)).html);
    says(mechanism, r.title);
    says(mechanism, r.intro[1]!);
    says(mechanism, r.phaseNames['prevention-and-technical-assistance'](2026, 2028));
    says(mechanism, r.phaseNames['criminalization-and-jurisdiction'](2024, 2026));
    says(mechanism, r.sessionName(r.workingGroups['technical-assistance'], 2027));
    says(mechanism, r.clusters['prevention-and-technical-assistance']);
    const kenya = readable((await get(`/${locale}/countries/ke`)).html);
    says(kenya, r.country.underReview(r.clusters['prevention-and-technical-assistance']));
    says(kenya, r.stages.dialogue);
    const dialogue = readable((await get(`/${locale}/dialogues/2027-03-firearms`)).html);
    says(dialogue, r.dialogue.examines(r.phaseNames['prevention-and-technical-assistance'](2026, 2028), r.clusters['prevention-and-technical-assistance']));
  });

  it.each(LOCALES)('gives the timeline a name and a description in %s, naming the current phase in that language', async (locale) => {
    const r = messagesFor(locale).reviewMechanism;
    const prefix = locale === 'en' ? '' : `/${locale}`;
    const svg = svgOf((await get(`${prefix}/review-mechanism`)).html);
    const [titleId, descId] = /aria-labelledby="([^" ]+) ([^" ]+)"/.exec(svg)!.slice(1);
    const title = new RegExp(`<title id="${titleId}">([^<]+)</title>`).exec(svg)![1]!;
    const desc = new RegExp(`<desc id="${descId}">([^<]+)</desc>`).exec(svg)![1]!;
    expect(decode(title)).toBe(r.timelineSvgTitle);
    const currentPhase = locale === 'en' ? 'Phase on prevention, technical assistance and protection (2026–2028)' : r.phaseNames['prevention-and-technical-assistance'](2026, 2028);
    expect(decode(desc)).toBe(r.timelineSummary(2, currentPhase));
    // The drawing's words too: the current phase's mark and the legend.
    for (const words of [r.current, r.legendSession, r.legendDialogue, r.currentPhase]) expect(decode(svg)).toContain(`>${words}</text>`);
  });

  it('mirrors the timeline in Arabic: labels on the right, the years running from right to left', async () => {
    const position = (svg: string, words: string) => Number(new RegExp(`<text x="([\\d.]+)"[^>]*>${words}</text>`).exec(decode(svg))?.[1]);
    const english = svgOf((await get('/review-mechanism')).html);
    const arabic = svgOf((await get('/ar/review-mechanism')).html);
    expect(english).toContain('direction="ltr"');
    expect(arabic).toContain('direction="rtl"');
    const ar = messagesFor('ar').reviewMechanism;
    expect(position(english, 'Criminalization')).toBe(0);
    expect(position(arabic, ar.clustersShort['criminalization-and-jurisdiction'])).toBe(960);
    // Years in order, the way each language reads.
    expect(position(english, '2024')).toBeLessThan(position(english, '2028'));
    expect(position(arabic, '2024')).toBeGreaterThan(position(arabic, '2028'));
    expect(position(arabic, '2024')).toBe(960 - position(english, '2024'));
    // The bars are the same boxes, mirrored.
    const bars = (svg: string) => [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="40"/g)].map((match) => [Number(match[1]), Number(match[2])]);
    expect(bars(arabic)).toEqual(bars(english).map(([x, width]) => [Math.round((960 - x! - width!) * 10) / 10, width]));
  });

  it.each(LOCALES)('links to the Review Mechanism and the countries from the navigation and the footer in %s', async (locale) => {
    const r = messagesFor(locale).reviewMechanism;
    const prefix = locale === 'en' ? '' : `/${locale}`;
    for (const path of ['/', '/events', '/review-mechanism']) {
      const { html } = await get(`${prefix}${path === '/' && prefix ? '' : path}`);
      const nav = /<nav aria-label="[^"]*">\s*<ul>[\s\S]*?<\/nav>/g;
      const navigation = [...html.matchAll(nav)].map((match) => decode(match[0])).find((block) => block.includes(`${prefix}/events"`))!;
      expect(navigation, `${prefix}${path}`).toMatch(new RegExp(`<a href="${prefix}/review-mechanism"[^>]*>${r.navLink}</a>`));
      expect(navigation, `${prefix}${path}`).toMatch(new RegExp(`<a href="${prefix}/countries"[^>]*>${r.countriesNavLink}</a>`));
      const footer = decode(/<footer[\s\S]*<\/footer>/.exec(html)![0]);
      expect(footer).toContain(`<a href="${prefix}/review-mechanism">${r.title}</a>`);
      expect(footer).toContain(`<a href="${prefix}/countries">${r.countriesLink}</a>`);
    }
    const { html } = await get(`${prefix}/review-mechanism`);
    expect(html).toMatch(new RegExp(`<a href="${prefix}/review-mechanism" aria-current="page">`));
  });
});
