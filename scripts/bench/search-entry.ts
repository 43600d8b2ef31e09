// Bundled by scripts/bench/search.mjs: /search's cost with 5,000 events (plus
// topics, resources and published input), in process: building the index once
// per catalogue, then one query after another, as the page runs them.
import { toPortalEvent, type EventEntryData } from '../../src/server/events/portal-event';
import { SiteSearchIndex } from '../../src/server/search/site-search';
import { eventDocument, inputDocument, topicDocument } from '../../src/server/search/search-documents';

const TOPICS = ['trafficking-in-persons', 'smuggling-of-migrants', 'firearms', 'organized-crime', 'international-cooperation', 'technical-assistance'];
const TITLES = new Map(TOPICS.map((slug) => [slug, slug.replace(/-/g, ' ')]));
const KINDS = ['Constructive dialogue on', 'Regional workshop on', 'Webinar:', 'Briefing on', 'Expert group meeting on', 'Side event:'];
const THEMES = ['the protection of victims', 'financial investigations', 'online recruitment', 'survivor leadership', 'marking and tracing of firearms', 'mutual legal assistance', 'cybercrime and organized crime', 'environmental crime', 'migrant smuggling routes', 'corruption and trafficking', 'forced labour in supply chains', 'the Review Mechanism'];
const CITIES = [['Vienna', 'AT'], ['Nairobi', 'KE'], ['Panamá', 'PA'], ['Bangkok', 'TH'], ['Dakar', 'SN'], ['Bogotá', 'CO'], ['Tashkent', 'UZ'], ['Cairo', 'EG']] as const;

function entry(index: number): EventEntryData {
  const day = new Date(Date.UTC(2027, 0, 1) + (index % 700) * 86_400_000).toISOString().slice(0, 10);
  const topic = TOPICS[index % TOPICS.length]!;
  const [city, country] = CITIES[index % CITIES.length]!;
  const theme = THEMES[(index * 7) % THEMES.length]!;
  return {
    title: `${KINDS[index % KINDS.length]} ${theme} (${city}, ${index})`,
    summary: `Civil society and States discuss ${theme} under the ${TITLES.get(topic)} Protocol, with practitioners from ${city}. Meeting ${index}.`,
    start: `${day}T10:00`, end: `${day}T12:00`, timezone: 'Europe/Vienna', format: 'hybrid',
    venue: { site: 'Conference centre', city, country }, topics: [topic], organisers: ['UNODC', `Network ${index % 40}`], languages: ['en'],
    status: 'scheduled', documents: [], illustrative: true,
  };
}

const QUERIES = ['trafficking', 'firearms tracing', 'protecion victims', 'bogota', 'review mechanism', 'survivor leadership nairobi', 'smugling', 'financial investigations dakar', 'zzzz nothing', 'online'];
const round = (ms: number) => Math.round(ms * 100) / 100;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

export function measureSearch(total: number, rounds: number) {
  const events = Array.from({ length: total }, (_, index) => toPortalEvent(['events', 'side-events', 'dialogues'][index % 3] as 'events', `generated-${index}`, entry(index), TITLES));
  const topics = TOPICS.map((slug) => topicDocument({ slug, title: TITLES.get(slug)!, summary: `Everything on ${TITLES.get(slug)}.` }));
  const inputs = Array.from({ length: 500 }, (_, index) =>
    inputDocument({ id: `input${index}`, title: `Findings on ${THEMES[index % THEMES.length]}`, state: 'published', topics: [TOPICS[index % 6]!], states: [], callKey: null, organisationName: `Organisation ${index}`, organisationType: 'ngo', body: `Our work on ${THEMES[(index * 5) % THEMES.length]} in ${CITIES[index % CITIES.length]![0]}.`, answers: [], note: null, updatedAt: '2027-01-01T00:00:00Z', submittedAt: null, publishedAt: null }),
  );
  let started = performance.now();
  const buildCpu = process.cpuUsage();
  const catalogue = new SiteSearchIndex([...events.map((event) => eventDocument(event)), ...topics]);
  const buildMs = performance.now() - started;
  const buildCpuUsed = process.cpuUsage(buildCpu);
  started = performance.now();
  const input = new SiteSearchIndex(inputs);
  const inputBuildMs = performance.now() - started;
  // Wall time, and the CPU time of this process alone: on a loaded machine
  // the wall time counts the other processes' turns too.
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const hits: Record<string, number> = {};
  const perQuery: Record<string, number[]> = {};
  // Two rounds unmeasured first, as a running server's first searches warm its JIT.
  for (let warmUp = 0; warmUp < 2; warmUp++) for (const query of QUERIES) catalogue.search(query, {}, 50);
  for (let round = 0; round < rounds; round++) {
    for (const query of QUERIES) {
      const at = performance.now();
      const cpu = process.cpuUsage();
      const found = [...catalogue.search(query, {}, 50), ...input.search(query, {}, 50)].sort((a, b) => b.score - a.score).slice(0, 50);
      const used = process.cpuUsage(cpu);
      times.push(performance.now() - at);
      cpuTimes.push((used.user + used.system) / 1000);
      (perQuery[query] ??= []).push((used.user + used.system) / 1000);
      hits[query] = found.length;
    }
  }
  return {
    total, documents: catalogue.size + input.size, buildMs: round(buildMs), buildCpuMs: round((buildCpuUsed.user + buildCpuUsed.system) / 1000), inputBuildMs: round(inputBuildMs), queries: times.length,
    medianMs: round(percentile(times, 0.5)), p95Ms: round(percentile(times, 0.95)), maxMs: round(Math.max(...times)),
    cpuMedianMs: round(percentile(cpuTimes, 0.5)), cpuP95Ms: round(percentile(cpuTimes, 0.95)), cpuMaxMs: round(Math.max(...cpuTimes)),
    hits, cpuMedianByQuery: Object.fromEntries(Object.entries(perQuery).map(([query, values]) => [query, round(percentile(values, 0.5))])),
  };
}
