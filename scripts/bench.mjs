// `npm run bench`: how fast the portal serves its public pages, next to nginx
// serving the very same bytes as static files, on loopback only; then how many
// applications per second it takes on SQLite without overbooking. Prints
// markdown and writes each part into docs/benchmarks.md (its own section).
//
//   BENCH_SECONDS=10  seconds measured per target (default 10)
//   BENCH_ONLY=feeds  run only some parts: pages, applications, feeds
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfNeeded } from './build-if-needed.mjs';
import { benchApplications } from './bench/applications.mjs';
import { APPLICATION_MARKERS, applicationsSection, verdict } from './bench/applications-report.mjs';
import { atCleanup, cleanUp, cleanUpOnSignals } from './bench/cleanup.mjs';
import { measureWarm } from './bench/measure.mjs';
import { startPortal } from './bench/portal.mjs';
import { stopChild } from './bench/processes.mjs';
import { kilobytes, machine, markers, section, table, writeSection } from './bench/report.mjs';
import { benchFeeds, feedsSection, REBUILD_TARGET_MS } from './bench/feeds.mjs';
import { startStaticServer } from './bench/static.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPORT = 'docs/benchmarks.md';
const CONNECTIONS = 50;
const EVENT_BUDGET_BYTES = 50 * 1024;

const PAGES = [
  { name: 'home', path: '/', file: 'home.html' },
  { name: 'listing', path: '/dialogues?topic=firearms', file: 'listing.html' },
  { name: 'event', path: '/dialogues/2027-07-trafficking-in-persons', file: 'event.html' },
  { name: 'events', path: '/events', file: 'events.html' },
  { name: 'topic', path: '/topics/firearms', file: 'topic.html' },
];

const log = (line) => console.error(`[bench] ${line}`);

function durations() {
  const raw = process.env.BENCH_SECONDS ?? '10';
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 600) {
    throw new Error(`BENCH_SECONDS must be a whole number of seconds from 1 to 600, not "${raw}".`);
  }
  // Enough for the JIT to settle without doubling the run time.
  return { seconds, warmUpSeconds: Math.max(1, Math.round(seconds / 5)) };
}

/** The exact bytes the portal sends for each page; anything but a 200 stops the run. */
async function fetchPages(origin) {
  const pages = [];
  for (const page of PAGES) {
    const response = await fetch(origin + page.path);
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) throw new Error(`GET ${page.path} answered ${response.status}, not 200: fix the page before benchmarking it.`);
    pages.push({ ...page, body });
  }
  return pages;
}

/** A reference that serves other bytes would make the comparison meaningless. */
async function checkSameBytes(origin, pages) {
  for (const page of pages) {
    const served = Buffer.from(await (await fetch(`${origin}/${page.file}`)).arrayBuffer());
    if (!served.equals(page.body)) throw new Error(`the static server's ${page.file} differs from the portal's ${page.path}.`);
  }
}

async function benchPage(page, portalOrigin, staticOrigin, options) {
  const portal = await measureWarm(portalOrigin + page.path, options);
  const reference = await measureWarm(`${staticOrigin}/${page.file}`, options);
  log(`${page.name}: portal ${Math.round(portal.reqPerSec)} req/s p99 ${portal.p99Ms} ms; static ${Math.round(reference.reqPerSec)} req/s p99 ${reference.p99Ms} ms`);
  for (const [who, run] of [['portal', portal], ['static server', reference]]) {
    if (run.failures) throw new Error(`${page.name}: the ${who} failed ${run.failures} of ${run.requests} requests (non-2xx, errors or timeouts); these numbers would not mean anything.`);
  }
  return { page, portal, reference };
}

function autocannonVersion() {
  return JSON.parse(readFileSync('node_modules/autocannon/package.json', 'utf8')).version;
}

const PARTS = ['pages', 'applications', 'feeds'];

/** BENCH_ONLY=feeds (or a comma-separated list) runs only those parts. */
function partsToRun() {
  const wanted = (process.env.BENCH_ONLY ?? PARTS.join(',')).split(',').map((part) => part.trim()).filter(Boolean);
  const unknown = wanted.filter((part) => !PARTS.includes(part));
  if (unknown.length) throw new Error(`BENCH_ONLY names unknown parts: ${unknown.join(', ')}; choose from ${PARTS.join(', ')}.`);
  return wanted;
}

async function main() {
  process.chdir(ROOT);
  const options = { ...durations(), connections: CONNECTIONS };
  const parts = partsToRun();
  // Before anything starts, so that the load average shows only other work.
  const host = machine();
  cleanUpOnSignals();
  // Quiet: the build's own output would land in the middle of the table on stdout.
  buildIfNeeded({ quiet: true });

  const tempDir = mkdtempSync(join(tmpdir(), 'whatson-bench-'));
  atCleanup(() => rmSync(tempDir, { recursive: true, force: true }));

  if (parts.includes('pages')) await benchPages(tempDir, options, host);
  if (parts.includes('applications')) await benchApplicationsPart(tempDir, options, host);
  if (parts.includes('feeds')) {
    log('measuring calendar feeds with generated content (the build takes a while) …');
    const result = await benchFeeds(tempDir, { ...options, log });
    const text = feedsSection({ date: new Date().toISOString(), machine: host, result, ...options });
    console.log(`\n${text}`);
    writeSection(REPORT, text, markers('feeds'));
    log(`feeds: rebuild after one change ${result.rebuild.rebuildMs.toFixed(1)} ms (target < ${REBUILD_TARGET_MS} ms)`);
  }
}

async function benchPages(tempDir, options, host) {
  const portal = await startPortal(tempDir);
  log(`portal on ${portal.origin}`);
  const pages = await fetchPages(portal.origin);
  const reference = await startStaticServer(tempDir, pages);
  log(`static reference on ${reference.origin}: ${reference.name}`);
  await checkSameBytes(reference.origin, pages);

  const estimate = PAGES.length * 2 * (options.seconds + options.warmUpSeconds);
  log(`measuring ${PAGES.length} pages × 2 servers, about ${estimate} s …`);
  const rows = [];
  for (const page of pages) rows.push(await benchPage(page, portal.origin, reference.origin, options));

  const event = pages.find((page) => page.name === 'event');
  const budget = { bytes: event.body.length, limit: EVENT_BUDGET_BYTES, ok: event.body.length < EVENT_BUDGET_BYTES };
  const staticLabel = reference.isNginx ? 'nginx' : 'static';
  const text = section({
    date: new Date().toISOString(),
    machine: host,
    command: `BENCH_SECONDS=${options.seconds} npm run bench`,
    ...options,
    autocannonVersion: autocannonVersion(),
    staticServer: reference.name,
    staticLabel,
    budget,
    tableText: table(rows, staticLabel),
  });
  console.log(text);
  writeSection(REPORT, text);
  log(`wrote ${REPORT}`);

  // The page servers are done: nothing else should compete for the CPU.
  await Promise.all([stopChild(portal.child), stopChild(reference.child)]);
  if (!budget.ok) throw new Error(`the event page is ${kilobytes(budget.bytes)}, over the ${kilobytes(EVENT_BUDGET_BYTES)} budget.`);
}

async function benchApplicationsPart(tempDir, options, host) {
  log(`measuring applications on SQLite, about ${options.seconds + options.warmUpSeconds + 10} s …`);
  const applications = await benchApplications(tempDir, { ...options, log });
  const applicationsText = applicationsSection({
    date: new Date().toISOString(),
    machine: host,
    command: `BENCH_SECONDS=${options.seconds} npm run bench`,
    ...options,
    autocannonVersion: autocannonVersion(),
    result: applications,
  });
  console.log(`\n${applicationsText}`);
  writeSection(REPORT, applicationsText, APPLICATION_MARKERS);
  log(`wrote the applications section of ${REPORT}`);

  if (applications.check.problems.length) throw new Error(`overbooking: ${applications.check.problems.join('; ')}.`);
  const outcome = verdict(applications);
  log(`applications: target ${outcome.text.replace(/\*/g, '')}`);
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  console.error(`[bench] failed: ${error.message}`);
  exitCode = 1;
} finally {
  await cleanUp();
}
// Explicit: idle keep-alive sockets of fetch() would otherwise hold the process a few seconds.
process.exit(exitCode);
