// The Review Mechanism over HTTP, on the demo content as the tests move it
// (the run stands where 2026-12-01 stood: the phase on prevention and
// technical assistance is current, the March 2027 firearms call is open).
import { describe, expect, inject, it } from 'vitest';
import { DIALECTS } from '../support/databases';
import type { AccreditationState } from '../../src/server/db/schema';
import { createOrganisation } from '../support/members';
import { usePortal } from '../support/portal';

const baseUrl = inject('baseUrl');
const FIREARMS_DIALOGUE = '/dialogues/2027-03-firearms';
const NAIROBI_WORKSHOP = '/events/2027-02-nairobi-regional-workshop-migrant-smuggling';

async function get(path: string) {
  const response = await fetch(new URL(path, baseUrl), { redirect: 'manual' });
  return { response, html: await response.text() };
}

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

function svgOf(html: string): string {
  const svg = /<svg[^>]*role="img"[\s\S]*?<\/svg>/.exec(html)?.[0];
  expect(svg, 'the page has the timeline as an SVG image').toBeTruthy();
  return svg!;
}

describe('/review-mechanism', () => {
  it('explains the Mechanism in plain words and leads to the countries', async () => {
    const { response, html } = await get('/review-mechanism');
    expect(response.status).toBe(200);
    expect(textOf(html)).toContain('Each State is reviewed by two other States drawn by lot');
    expect(html).toContain('href="/countries"');
  });

  it('gives the SVG timeline a name and a description that says which phase is current', async () => {
    const svg = svgOf((await get('/review-mechanism')).html);
    const [titleId, descId] = /aria-labelledby="([^" ]+) ([^" ]+)"/.exec(svg)!.slice(1);
    expect(new RegExp(`<title id="${titleId}">Timeline of the review cycle</title>`).test(svg)).toBe(true);
    const desc = new RegExp(`<desc id="${descId}">([^<]+)</desc>`).exec(svg)![1]!;
    expect(desc).toContain('Current phase: Phase on prevention, technical assistance and protection (2026–2028)');
    expect(desc).toContain('The table below lists every phase');
  });

  it('marks the current phase with a hatch pattern and the word “current”, not by colour alone', async () => {
    const svg = svgOf((await get('/review-mechanism')).html);
    const bars = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="40"[^>]*>/g)].map((match) => match[0]);
    expect(bars).toHaveLength(2);
    expect(bars.filter((bar) => bar.includes('fill="url(#current-phase-hatch)"'))).toHaveLength(1);
    expect(svg).toMatch(/<text[^>]*>current<\/text>/);
    // Years across, each cluster down (the two not scheduled say so in words).
    for (const year of ['2024', '2025', '2026', '2027', '2028']) expect(svg).toContain(`>${year}</text>`);
    expect(svg.match(/>not scheduled yet<\/text>/g)).toHaveLength(2);
  });

  it('draws sessions as squares and dialogues as circles, one per row of the text table, with a legend', async () => {
    const { html } = await get('/review-mechanism');
    const svg = svgOf(html);
    const table = /<table>[\s\S]*?<\/table>/.exec(html)![0];
    expect(table).toContain('<caption>The review cycle in text</caption>');
    const dialogueLinks = [...table.matchAll(/<a href="(\/dialogues\/[^"]+)"/g)].map((match) => match[1]);
    expect(dialogueLinks).toEqual([
      '/dialogues/2026-03-firearms',
      '/dialogues/2026-07-trafficking-in-persons',
      '/dialogues/2026-07-smuggling-of-migrants',
      FIREARMS_DIALOGUE,
      '/dialogues/2027-04-technical-assistance',
      '/dialogues/2027-07-trafficking-in-persons',
    ]);
    // One circle per dialogue plus the legend's; one square per session plus the legend's.
    expect(svg.match(/<circle /g)).toHaveLength(dialogueLinks.length + 1);
    expect(svg.match(/<rect [^>]*width="12" height="12"/g)).toHaveLength(6 + 1);
    expect(textOf(svg)).toMatch(/working group session.*constructive dialogue.*current phase/);
    expect(textOf(table)).toContain('Phase on prevention, technical assistance and protection (2026–2028) (current phase)');
  });
});

describe('the sitemap', () => {
  it('lists the Review Mechanism page and the countries index', async () => {
    const { html: sitemap } = await get('/sitemap.xml');
    const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname);
    expect(paths).toEqual(expect.arrayContaining(['/review-mechanism', '/countries']));
  });
});

describe('/countries', () => {
  it('lists the twenty States with a review, those under review now first, each linking to its page', async () => {
    const { response, html } = await get('/countries');
    expect(response.status).toBe(200);
    const rows = [...html.matchAll(/<th scope="row"><a href="\/countries\/([a-z]{2})">([^<]+)<\/a>(<br\s*\/?><strong>under review now<\/strong>)?/g)];
    expect(rows).toHaveLength(20);
    const underReview = rows.filter((row) => row[3]).map((row) => row[1]);
    expect(underReview).toEqual(expect.arrayContaining(['ke', 'at', 'pa']));
    expect(underReview).toHaveLength(10);
    expect(rows.slice(0, 10).every((row) => row[3])).toBe(true);
    expect(textOf(html)).toContain('Kenya under review now Prevention, technical assistance, protection and other measures Dialogue between the States Ghana and France');
  });

  it('offers every State of the UN list by its UN name', async () => {
    const { html } = await get('/countries');
    expect(html).toContain('<a href="/countries/gb">United Kingdom of Great Britain and Northern Ireland</a>');
    expect(html).toContain('<a href="/countries/bo">Bolivia (Plurinational State of)</a>');
  });
});

describe('/countries/<code>', () => {
  it('shows a State under review in the current cluster, its reviewers, the dialogues that examine it and the open call', async () => {
    const { response, html } = await get('/countries/ke');
    expect(response.status).toBe(200);
    const text = textOf(html);
    expect(html).toContain('<h1>Kenya</h1>');
    expect(text).toContain('Under review now, in the cluster “Prevention, technical assistance, protection and other measures”.');
    expect(text).toContain('Reviewing States Ghana and France');
    expect(text).toContain('Stage Dialogue between the States');
    expect(html).toContain(`<a href="${FIREARMS_DIALOGUE}">Constructive dialogue on the Firearms Protocol (March 2027)</a>`);
    expect(html).toContain(`<a href="${FIREARMS_DIALOGUE}#call-heading">Read the call for input: Constructive dialogue on the Firearms Protocol (March 2027)</a>`);
    expect(html).toContain('<a href="/dialogues/2027-07-trafficking-in-persons#call-heading">');
  });

  it('leads to a call for input that the dialogue page shows', async () => {
    const { html } = await get(FIREARMS_DIALOGUE);
    expect(html).toContain('id="call-heading"');
  });

  it('shows upcoming events held in the State', async () => {
    const { html } = await get('/countries/ke');
    const upcomingIn = /<section aria-labelledby="upcoming-in-heading">[\s\S]*?<\/section>/.exec(html)![0];
    expect(upcomingIn).toContain('Upcoming events in Kenya');
    expect(upcomingIn).toContain(`href="${NAIROBI_WORKSHOP}"`);
    expect(upcomingIn).not.toContain('href="/dialogues/');
  });

  it('shows a finished review with its public documents, and the reviews the State takes part in as reviewer', async () => {
    const { html } = await get('/countries/fr');
    const text = textOf(html);
    expect(text).toContain('Reviewed in the cluster “Criminalization and jurisdiction”.');
    expect(text).toContain('Stage Report agreed');
    expect(html).toContain('>Executive summary of the review (illustrative)</a>');
    expect(html).toContain('<a href="/countries/ke">Kenya, Prevention, technical assistance, protection and other measures</a>');
  });

  it('answers a State the content does not review with its page, saying so', async () => {
    const { response, html } = await get('/countries/uy');
    expect(response.status).toBe(200);
    expect(textOf(html)).toContain('No review of this State is in the portal yet.');
    expect(html).toContain('<a href="/countries/ar">Argentina, Criminalization and jurisdiction</a>');
  });

  it('takes the code in capitals too', async () => {
    const { response, html } = await get('/countries/KE');
    expect(response.status).toBe(200);
    expect(html).toContain('<h1>Kenya</h1>');
  });

  it.each(['/countries/xx', '/countries/kenya', '/countries/%3Cscript%3E'])('answers %s with the 404 page', async (path) => {
    const { response, html } = await get(path);
    expect(response.status).toBe(404);
    expect(html).toContain('Page not found');
  });
});

describe('a dialogue page', () => {
  it('shows the phase it examines and the States under review in it, each linking to its page', async () => {
    const { html } = await get(FIREARMS_DIALOGUE);
    const section = /<section aria-labelledby="reviews-examined-heading">[\s\S]*?<\/section>/.exec(html)![0];
    expect(textOf(section)).toContain(
      'examines this phase of the review cycle: Phase on prevention, technical assistance and protection (2026–2028), on the cluster “Prevention, technical assistance, protection and other measures”',
    );
    const states = [...section.matchAll(/<a href="\/countries\/([a-z]{2})">/g)].map((match) => match[1]);
    expect(states).toHaveLength(10);
    expect(states).toEqual(expect.arrayContaining(['ke', 'at', 'pa']));
    expect(states).not.toContain('fr');
  });

  it('says nothing of reviews on a dialogue that no phase names', async () => {
    const { response, html } = await get('/dialogues/2026-04-technical-assistance');
    expect(response.status).toBe(200);
    expect(html).not.toContain('reviews-examined-heading');
  });
});

describe.each(DIALECTS)('a country page’s organisations (%s)', (dialect) => {
  const portal = usePortal(dialect);

  it('lists the accredited organisations from the State that agreed to be listed, and no others', async () => {
    const db = portal.handle.db;
    const inUruguay = async (name: string, options: { accreditation?: AccreditationState; listed?: 0 | 1 } = {}) => {
      const id = await createOrganisation(db, { name, accreditation: options.accreditation });
      await db.updateTable('organisations').set({ country: 'UY', listed: options.listed ?? 1 }).where('id', '=', id).execute();
    };
    await inUruguay('Red Uruguaya contra la Trata');
    await inUruguay('Unlisted Montevideo Group', { listed: 0 });
    await inUruguay('Pending Montevideo Network', { accreditation: 'pending' });
    await createOrganisation(db, { name: 'Vienna Listed Forum' });

    const response = await fetch(new URL('/countries/uy', portal.servers[0]!.baseUrl));
    const html = await response.text();
    const section = /<section aria-labelledby="organisations-heading">[\s\S]*?<\/section>/.exec(html)![0];
    expect(section).toContain('Accredited organisations from Uruguay');
    expect(section).toContain('Red Uruguaya contra la Trata, Non-governmental organisation');
    expect(section).not.toMatch(/Unlisted Montevideo|Pending Montevideo|Vienna Listed/);
    expect(section).toContain('<a href="/organisations?country=UY">This organisation in the directory</a>');

    const elsewhere = await (await fetch(new URL('/countries/cl', portal.servers.at(-1)!.baseUrl))).text();
    expect(elsewhere).toContain('No accredited organisation from this State has agreed to be listed yet.');
  });
});
