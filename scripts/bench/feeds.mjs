// Calendar feeds at scale: 5,000 generated events built into a portal of
// their own (a temporary outDir, so dist/ is left alone); the time to
// assemble every feed again after one event changes; requests per second for
// the full feed and for a conditional poll answered 304, beside a static
// server sending the same bytes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atCleanup } from './cleanup.mjs';
import autocannon from 'autocannon';
import { buildSync } from 'esbuild';
import { generateContent } from './feed-content.mjs';
import { freePort, startChild, stopChild, waitUntilAnswering } from './processes.mjs';
import { startStaticServer } from './static.mjs';

export const FEED_EVENTS = 5000;
export const REBUILD_TARGET_MS = 100;

async function rebuildTimes() {
  // Inside the project, so the bundle's imports resolve from node_modules.
  const outfile = join(process.cwd(), 'node_modules/.cache/whatson-bench/feed-rebuild.mjs');
  buildSync({ entryPoints: ['scripts/bench/feed-rebuild-entry.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'warning' });
  const { measureFeedRebuild } = await import(outfile);
  return measureFeedRebuild(FEED_EVENTS);
}

function buildPortal(contentDir, outDir) {
  const started = Date.now();
  const result = spawnSync(process.execPath, ['node_modules/astro/astro.js', 'build', '--outDir', outDir], {
    env: { ...process.env, WHATSON_CONTENT_DIR: contentDir, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error('building the portal with the generated content failed (see above).');
  return (Date.now() - started) / 1000;
}

async function startGeneratedPortal(tempDir, outDir, contentDir) {
  const port = await freePort();
  const env = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: join(tempDir, 'feeds.sqlite'),
    OUTBOX_DIR: join(tempDir, 'outbox'),
    WHATSON_CONTENT_DIR: contentDir,
    WHATSON_BENCH_DIST: outDir,
  };
  const child = startChild(process.execPath, ['scripts/bench/serve-portal.mjs'], { env, logFile: join(tempDir, 'feeds-portal.log') });
  const origin = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${origin}/`, child, { name: 'The portal with generated content', timeoutMs: 120_000 });
  return { origin, child };
}

async function run(url, { seconds, connections, headers = {} }) {
  const result = await autocannon({ url, connections, duration: seconds, headers });
  return { reqPerSec: result.requests.average, p99Ms: result.latency.p99, failures: result.errors + result.timeouts, statuses: result.statusCodeStats ?? {} };
}

export async function benchFeeds(tempDir, { seconds, warmUpSeconds, connections, log }) {
  log(`feeds: assembling every feed for ${FEED_EVENTS} events in process …`);
  const rebuild = await rebuildTimes();
  const contentDir = join(tempDir, 'generated-content');
  // Inside the project (the server bundle imports packages from node_modules), but not dist/.
  const outDir = join(process.cwd(), 'node_modules/.cache/whatson-bench/dist');
  generateContent(contentDir, FEED_EVENTS, 'content/topics');
  log(`feeds: building the portal with ${FEED_EVENTS} generated events …`);
  const buildSeconds = buildPortal(contentDir, outDir);
  const portal = await startGeneratedPortal(tempDir, outDir, contentDir);
  try {
    const firstStarted = Date.now();
    const first = await fetch(`${portal.origin}/calendar.ics`);
    const body = Buffer.from(await first.arrayBuffer());
    const firstMs = Date.now() - firstStarted;
    const etag = first.headers.get('etag');
    if (first.status !== 200 || !etag) throw new Error(`/calendar.ics answered ${first.status} without an ETag`);
    // A folder of its own under /tmp: nginx's unprivileged workers must be able to reach it.
    const staticDir = mkdtempSync(join(tmpdir(), 'whatson-feed-static-'));
    atCleanup(() => rmSync(staticDir, { recursive: true, force: true }));
    const reference = await startStaticServer(staticDir, [{ name: 'feed', path: '/calendar.ics', file: 'calendar.ics', body }]);
    try {
      const options = { seconds, connections };
      await run(`${portal.origin}/calendar.ics`, { ...options, seconds: warmUpSeconds });
      const full = await run(`${portal.origin}/calendar.ics`, options);
      const poll = await run(`${portal.origin}/calendar.ics`, { ...options, headers: { 'if-none-match': etag } });
      const fromStatic = await run(`${reference.origin}/calendar.ics`, options);
      return { events: FEED_EVENTS, bytes: body.length, buildSeconds, firstMs, rebuild, full, poll, fromStatic, staticName: reference.name };
    } finally {
      await stopChild(reference.child);
    }
  } finally {
    await stopChild(portal.child);
  }
}

export function feedsSection({ date, machine: m, result, seconds, connections }) {
  const met = result.rebuild.rebuildMs < REBUILD_TARGET_MS;
  const rate = (value) => Math.round(value).toLocaleString('en');
  return [
    '<!-- bench:feeds:start -->',
    '## Calendar feeds with 5,000 events',
    '',
    `- Date: ${date}`,
    `- Machine: ${m.os}; ${m.cpu}, ${m.cores} cores; ${m.memory} RAM; Node ${m.node}`,
    `- Command: \`npm run bench\` (${seconds} s per target, ${connections} connections, 127.0.0.1 only); ${result.events.toLocaleString('en')} generated events in a temporary content folder, built into a temporary outDir`,
    `- Build of ${result.events.toLocaleString('en')} entries: ${result.buildSeconds.toFixed(1)} s`,
    `- Assembling every public feed (everything, 3 collections, 6 topics) from cold: ${Math.round(result.rebuild.coldMs)} ms; again after one event changed (one VEVENT made anew, the rest from cache): **${result.rebuild.rebuildMs.toFixed(1)} ms** (target < ${REBUILD_TARGET_MS} ms: ${met ? 'met' : 'missed'})`,
    `- First request of /calendar.ics in a new process (fingerprints of all events recorded, feed assembled): ${result.firstMs} ms; full feed ${(result.bytes / 1024 / 1024).toFixed(2)} MiB`,
    '',
    '| target | req/s | p99 (ms) |',
    '|---|--:|--:|',
    `| portal: full feed, 200 | ${rate(result.full.reqPerSec)} | ${result.full.p99Ms} |`,
    `| portal: conditional poll, 304 | ${rate(result.poll.reqPerSec)} | ${result.poll.p99Ms} |`,
    `| ${result.staticName}: the same bytes as a static file | ${rate(result.fromStatic.reqPerSec)} | ${result.fromStatic.p99Ms} |`,
    '',
    'The full feed is several megabytes, so its rate is bound by bytes on the wire; calendar clients poll with If-None-Match, and the 304 row is what most of their requests cost.',
    '<!-- bench:feeds:end -->',
  ].join('\n');
}
