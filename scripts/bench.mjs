// `npm run bench`: public pages and feeds of a portal with 5,000 generated
// events next to nginx serving the very same bytes as static files, sign-in and
// a signed-in page, the listing's cost with 100 and 5,000 events, the build
// and feed assembly times; how many applications per second the portal
// takes on SQLite without overbooking; the cost of a save in the browser with
// 5,000 events and the public pages with half of them stored. Loopback only. Prints markdown and
// writes each part into docs/benchmarks.md (its own section).
//
//   BENCH_SECONDS=10        seconds measured per target (default 10)
//   BENCH_ONLY=applications run only some parts: public, applications, applications-postgres, editor, search
//   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres
//                           a PostgreSQL server for applications-postgres (two
//                           instances; a database of its own, dropped after)
import './require-node.mjs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfNeeded } from './build-if-needed.mjs';
import { benchApplications } from './bench/applications.mjs';
import { APPLICATION_MARKERS, applicationsSection, verdict } from './bench/applications-report.mjs';
import { atCleanup, cleanUp, cleanUpOnSignals } from './bench/cleanup.mjs';
import { machine, markers, writeSection } from './bench/report.mjs';
import { benchPublic, publicSection, verdicts } from './bench/public.mjs';
import { benchEditor, editorSection } from './bench/editor.mjs';
import { benchApplicationsPostgres, POSTGRES_MARKERS, postgresSection } from './bench/applications-postgres.mjs';
import { benchSearch, searchSection } from './bench/search.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPORT = 'docs/benchmarks.md';
const CONNECTIONS = 50;

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

function autocannonVersion() {
  return JSON.parse(readFileSync('node_modules/autocannon/package.json', 'utf8')).version;
}

const PARTS = ['public', 'applications', 'applications-postgres', 'editor', 'search'];

/** BENCH_ONLY=public (or a comma-separated list) runs only those parts. */
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

  if (parts.includes('public')) await benchPublicPart(tempDir, options, host);
  if (parts.includes('applications')) await benchApplicationsPart(tempDir, options, host);
  if (parts.includes('applications-postgres')) {
    if (process.env.BENCH_POSTGRES_URL) await benchPostgresPart(tempDir, options, host);
    else log('applications-postgres: skipped (set BENCH_POSTGRES_URL to a PostgreSQL server to measure two instances)');
  }
  if (parts.includes('editor')) await benchEditorPart(tempDir, options, host);
  if (parts.includes('search')) await benchSearchPart(host);
}

async function benchSearchPart(host) {
  const result = await benchSearch({ log });
  const text = searchSection({ date: new Date().toISOString(), machine: host, command: 'BENCH_ONLY=search npm run bench', result });
  console.log(`\n${text}`);
  writeSection(REPORT, text, markers('search'));
  log(`wrote the search section of ${REPORT}`);
}

async function benchPostgresPart(tempDir, options, host) {
  log(`measuring applications on PostgreSQL with two instances, about ${options.seconds + options.warmUpSeconds + 20} s …`);
  const result = await benchApplicationsPostgres(tempDir, process.env.BENCH_POSTGRES_URL, { ...options, log });
  const text = postgresSection({
    date: new Date().toISOString(),
    machine: host,
    command: `BENCH_SECONDS=${options.seconds} npm run bench`,
    ...options,
    autocannonVersion: autocannonVersion(),
    result,
  });
  console.log(`\n${text}`);
  writeSection(REPORT, text, POSTGRES_MARKERS);
  log(`wrote the applications-postgres section of ${REPORT}`);
  if (result.check.problems.length) throw new Error(`overbooking on PostgreSQL: ${result.check.problems.join('; ')}.`);
}

async function benchEditorPart(tempDir, options, host) {
  const result = await benchEditor(tempDir, { ...options, log });
  const text = editorSection({ date: new Date().toISOString(), machine: host, command: `BENCH_ONLY=editor BENCH_SECONDS=${options.seconds} npm run bench`, result });
  console.log(`\n${text}`);
  writeSection(REPORT, text, markers('editor'));
  log(`wrote the editor section of ${REPORT}`);
}

async function benchPublicPart(tempDir, options, host) {
  const result = await benchPublic(tempDir, { ...options, log });
  const text = publicSection({
    date: new Date().toISOString(),
    machine: host,
    command: `BENCH_SECONDS=${options.seconds} npm run bench`,
    ...options,
    autocannonVersion: autocannonVersion(),
    result,
  });
  console.log(text);
  writeSection(REPORT, text, markers('public'));
  const v = verdicts(result);
  log(`public: targets: share of nginx ${v.share ? 'met' : 'missed'}, p99 ${v.p99 ? 'met' : 'missed'}, listing cost ${v.listing ? 'met' : 'missed'}, listing miss ${v.listingMiss ? 'met' : 'missed'}, build ${v.build ? 'met' : 'missed'}, feed rebuild ${v.feedRebuild ? 'met' : 'missed'}`);
  log(`wrote the public section of ${REPORT}`);
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
