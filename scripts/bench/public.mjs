// Public pages and feeds at scale: 5,000 generated events (and 100, for the
// listing's cost) built into portals of their own; each anonymous target
// beside nginx serving the very same bytes; a conditional feed poll; sign-in
// and a signed-in page; the time to assemble every feed again after one event
// changed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import autocannon from 'autocannon';
import { buildSync } from 'esbuild';
import { atCleanup } from './cleanup.mjs';
import { buildGeneratedPortal, startGeneratedPortal } from './generated-portal.mjs';
import { stopChild } from './processes.mjs';
import { seedApplicants, seedSignInAccounts } from './seed-applicants.mjs';
import { startStaticServer } from './static.mjs';

export const LARGE = 5000;
export const SMALL = 100;
export const TARGETS = { shareOfNginx: 0.6, p99Ms: 20, listingSpread: 0.2, buildSeconds: 90, feedRebuildMs: 100 };

// Generated entry 3 is in `events`, online; topic firearms and format hybrid match every 18th event.
const LISTING = '/events?topic=firearms&format=hybrid';
const ANONYMOUS = [
  { name: 'home', path: '/', file: 'home.html' },
  { name: 'filtered listing', path: LISTING, file: 'listing.html' },
  { name: 'event page', path: '/events/generated-3', file: 'event.html' },
  { name: 'full feed', path: '/calendar.ics', file: 'calendar.ics' },
];
const PASSWORD = 'benchmark passphrase 2026';
const SIGN_IN_ACCOUNTS = 200;

/** One autocannon run; anything but the expected status counts as a failure. */
async function load(url, { seconds, connections, expect = 200, ...options }) {
  const result = await autocannon({ url, connections, duration: seconds, ...options });
  const expected = result.statusCodeStats?.[String(expect)]?.count ?? 0;
  return {
    reqPerSec: result.requests.average,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    // No answer at all is a failure too, not a rate of zero.
    failures: result.requests.total === 0 ? 1 : result.errors + result.timeouts + Math.max(0, result.requests.total - expected),
  };
}

export async function warmThenLoad(url, options) {
  await load(url, { ...options, seconds: options.warmUpSeconds });
  return load(url, options);
}

/** Every client builds each request anew: autocannon would otherwise share one built request between connections. */
function eachRequest(build) {
  return { setupClient: (client) => client.setRequests([{ setupRequest: build }]) };
}

let counter = 0;
const randomAddress = () => `10.${(counter >> 16) & 255}.${(counter >> 8) & 255}.${counter++ & 255}`;

async function rebuildTimes() {
  // Inside the project, so the bundle's imports resolve from node_modules.
  const outfile = join(process.cwd(), 'node_modules/.cache/whatson-bench/feed-rebuild.mjs');
  buildSync({ entryPoints: ['scripts/bench/feed-rebuild-entry.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'warning' });
  const { measureFeedRebuild } = await import(outfile);
  return measureFeedRebuild(LARGE);
}

async function fetchBodies(origin) {
  const bodies = [];
  for (const target of ANONYMOUS) {
    const response = await fetch(origin + target.path);
    if (response.status !== 200) throw new Error(`GET ${target.path} answered ${response.status}, not 200: fix it before benchmarking it.`);
    bodies.push({ ...target, body: Buffer.from(await response.arrayBuffer()), etag: response.headers.get('etag') });
  }
  return bodies;
}

async function staticEtag(origin, file) {
  const response = await fetch(`${origin}/${file}`);
  await response.arrayBuffer();
  return response.headers.get('etag');
}

/** The portal and nginx, one after the other, on the same bytes. */
async function sideBySide(name, bytes, portalUrl, staticUrl, options) {
  const portal = await warmThenLoad(portalUrl, options);
  const reference = await warmThenLoad(staticUrl, { ...options, headers: options.staticHeaders ?? options.headers });
  for (const [who, run] of [['portal', portal], ['static server', reference]]) {
    if (run.failures) throw new Error(`${name}: the ${who} failed ${run.failures} of ${run.requests} requests; these numbers would not mean anything.`);
  }
  return { name, bytes, portal, reference };
}

async function measureListing(origin, options) {
  const cached = await warmThenLoad(origin + LISTING, options);
  // A new query string each time: every request misses the cache and is rendered.
  let n = 0;
  const rendered = await warmThenLoad(origin + LISTING, { ...options, ...eachRequest((request) => ({ ...request, path: `${LISTING}&n=${n++}` })) });
  for (const run of [cached, rendered]) if (run.failures) throw new Error(`the listing failed ${run.failures} of ${run.requests} requests.`);
  return { cached, rendered };
}

export async function benchPublic(tempDir, { seconds, warmUpSeconds, connections, log }) {
  const options = { seconds, warmUpSeconds, connections };
  log(`public: assembling every feed for ${LARGE} events in process …`);
  const feedRebuild = await rebuildTimes();
  log(`public: building portals with ${LARGE} and ${SMALL} generated events …`);
  const large = buildGeneratedPortal(tempDir, LARGE);
  const small = buildGeneratedPortal(tempDir, SMALL);
  log(`public: built ${LARGE} entries in ${large.buildSeconds.toFixed(1)} s`);

  const portal = await startGeneratedPortal(tempDir, large);
  const rows = [];
  const listing = {};
  let signIn;
  let accountPage;
  try {
    const firstFeedStarted = Date.now();
    const bodies = await fetchBodies(portal.origin);
    const firstRequestsMs = Date.now() - firstFeedStarted;
    // A folder of its own under /tmp: nginx's unprivileged workers must be able to reach it.
    const staticDir = mkdtempSync(join(tmpdir(), 'whatson-bench-static-'));
    atCleanup(() => rmSync(staticDir, { recursive: true, force: true }));
    const reference = await startStaticServer(staticDir, bodies);
    try {
      log(`public: ${ANONYMOUS.length + 1} targets × 2 servers, about ${(ANONYMOUS.length + 1) * 2 * (seconds + warmUpSeconds)} s …`);
      for (const target of bodies) rows.push(await sideBySide(target.name, target.body.length, portal.origin + target.path, `${reference.origin}/${target.file}`, options));
      const feed = bodies.find((target) => target.path === '/calendar.ics');
      rows.push(
        await sideBySide('feed poll, 304', 0, `${portal.origin}/calendar.ics`, `${reference.origin}/calendar.ics`, {
          ...options,
          expect: 304,
          headers: { 'if-none-match': feed.etag },
          staticHeaders: { 'if-none-match': await staticEtag(reference.origin, 'calendar.ics') },
        }),
      );
      for (const row of rows) log(`public: ${row.name}: portal ${Math.round(row.portal.reqPerSec)} req/s p99 ${row.portal.p99Ms} ms; static ${Math.round(row.reference.reqPerSec)} req/s p99 ${row.reference.p99Ms} ms`);
      listing.staticName = reference.name;
      listing.isNginx = reference.isNginx;
    } finally {
      await stopChild(reference.child);
    }
    listing.firstRequestsMs = firstRequestsMs;

    log('public: sign-in and a signed-in page …');
    const emails = seedSignInAccounts(portal.database, { count: SIGN_IN_ACCOUNTS, passwordHash: await hash(PASSWORD) });
    let next = 0;
    signIn = await warmThenLoad(`${portal.origin}/signin`, {
      ...options,
      expect: 303,
      ...eachRequest((request) => ({
        ...request,
        method: 'POST',
        // Each sign-in from its own address, as from many visitors: the per-address limit is not what is measured.
        headers: { ...request.headers, origin: portal.origin, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': randomAddress() },
        body: new URLSearchParams({ email: emails[next++ % emails.length], password: PASSWORD }).toString(),
      })),
    });
    const [cookie] = seedApplicants(portal.database, { organisations: 1, members: 1 });
    accountPage = await warmThenLoad(`${portal.origin}/account`, { ...options, headers: { cookie } });
    for (const [name, run] of [['sign-in', signIn], ['/account', accountPage]]) {
      if (run.failures) throw new Error(`${name} failed ${run.failures} of ${run.requests} requests.`);
    }
    log(`public: listing with ${LARGE} events …`);
    listing[LARGE] = await measureListing(portal.origin, options);
  } finally {
    await stopChild(portal.child);
  }

  const smallPortal = await startGeneratedPortal(tempDir, small);
  try {
    log(`public: listing with ${SMALL} events …`);
    listing[SMALL] = await measureListing(smallPortal.origin, options);
  } finally {
    await stopChild(smallPortal.child);
  }
  return { large, small, feedRebuild, rows, listing, signIn, accountPage };
}

const rate = (value) => Math.round(value).toLocaleString('en');
const kilobytes = (bytes) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`);
const mark = (ok) => (ok ? 'met' : '**missed**');

/** Which targets were met, one line each, for the report and the console. */
export function verdicts(result) {
  const shares = result.rows.map((row) => ({ row, share: row.portal.reqPerSec / row.reference.reqPerSec }));
  const spread = (kind) => Math.abs(result.listing[LARGE][kind].reqPerSec / result.listing[SMALL][kind].reqPerSec - 1);
  return {
    shares,
    share: shares.every(({ share }) => share >= TARGETS.shareOfNginx),
    p99: result.rows.every((row) => row.portal.p99Ms < TARGETS.p99Ms),
    renderedSpread: spread('rendered'),
    cachedSpread: spread('cached'),
    listing: spread('rendered') <= TARGETS.listingSpread && spread('cached') <= TARGETS.listingSpread,
    build: result.large.buildSeconds < TARGETS.buildSeconds,
    feedRebuild: result.feedRebuild.rebuildMs < TARGETS.feedRebuildMs,
  };
}

export function publicSection({ date, machine: m, command, result, seconds, warmUpSeconds, connections, autocannonVersion }) {
  const v = verdicts(result);
  const label = result.listing.isNginx ? 'nginx' : 'static';
  const percent = (share) => `${Math.round(share * 100)} %`;
  const lines = v.shares.map(({ row, share }) =>
    `| ${row.name} | ${row.bytes ? kilobytes(row.bytes) : '—'} | ${rate(row.portal.reqPerSec)} | ${row.portal.p99Ms} | ${rate(row.reference.reqPerSec)} | ${row.reference.p99Ms} | ${percent(share)} |`,
  );
  const listingRow = (events) => {
    const run = result.listing[events];
    return `| ${events.toLocaleString('en')} | ${rate(run.cached.reqPerSec)} | ${run.cached.p99Ms} | ${rate(run.rendered.reqPerSec)} | ${run.rendered.p99Ms} |`;
  };
  return [
    '<!-- bench:public:start -->',
    `## Public pages and feeds with ${LARGE.toLocaleString('en')} events, beside ${label}`,
    '',
    `- Date: ${date}`,
    `- Machine: ${m.os}; ${m.cpu}, ${m.cores} cores; ${m.memory} RAM; Node ${m.node}; 1-minute load average before the run: ${m.load}`,
    `- Command: \`${command}\` (${seconds} s per target after ${warmUpSeconds} s of unrecorded warm-up, ${connections} connections, autocannon ${autocannonVersion}, 127.0.0.1 only; autocannon shares the 2 cores with the server it measures)`,
    `- Data: ${LARGE.toLocaleString('en')} generated events (three collections, four zones, some cancelled or postponed) in a temporary content folder, built into a temporary outDir; a second portal with ${SMALL} for the listing's cost`,
    `- Reference: ${result.listing.staticName}, serving the exact bytes the portal returned, as static files`,
    '',
    '| target | bytes | portal req/s | portal p99 (ms) | ' + `${label} req/s | ${label} p99 (ms) | portal / ${label} |`,
    '|---|--:|--:|--:|--:|--:|--:|',
    ...lines,
    `| sign-in (POST /signin, argon2id, new session, 303) | — | ${rate(result.signIn.reqPerSec)} | ${result.signIn.p99Ms} | — | — | — |`,
    `| signed-in page (/account, never cached) | — | ${rate(result.accountPage.reqPerSec)} | ${result.accountPage.p99Ms} | — | — | — |`,
    '',
    `Listing cost (${LISTING}), by number of events in the portal:`,
    '',
    '| events | from memory req/s | p99 (ms) | rendered each time req/s | p99 (ms) |',
    '|--:|--:|--:|--:|--:|',
    listingRow(SMALL),
    listingRow(LARGE),
    '',
    '### Targets',
    '',
    `- Anonymous pages and feeds at least ${percent(TARGETS.shareOfNginx)} of ${label}'s requests per second: ${mark(v.share)} (${v.shares.map(({ row, share }) => `${row.name} ${percent(share)}`).join(', ')})`,
    `- p99 under ${TARGETS.p99Ms} ms: ${mark(v.p99)} (${result.rows.map((row) => `${row.name} ${row.portal.p99Ms} ms`).join(', ')}; ${label} itself: ${result.rows.map((row) => `${row.reference.p99Ms} ms`).join(', ')})`,
    `- Listing cost independent of the number of events (${SMALL} vs ${LARGE.toLocaleString('en')} within ${percent(TARGETS.listingSpread)}): ${mark(v.listing)} (rendered: ${percent(v.renderedSpread)} apart; from memory: ${percent(v.cachedSpread)} apart)`,
    `- Build of ${LARGE.toLocaleString('en')} entries under ${TARGETS.buildSeconds} s: ${mark(v.build)} (${result.large.buildSeconds.toFixed(1)} s; ${SMALL} entries: ${result.small.buildSeconds.toFixed(1)} s)`,
    `- Every public feed (everything, 3 collections, 6 topics) assembled again after one event changed, under ${TARGETS.feedRebuildMs} ms: ${mark(v.feedRebuild)} (${result.feedRebuild.rebuildMs.toFixed(1)} ms; from cold ${Math.round(result.feedRebuild.coldMs)} ms)`,
    '',
    '### How to read this',
    '',
    'Anonymous GETs of public pages and feeds are answered from memory by our server in front of Astro',
    '(`src/server/http/cached-pages.ts`), so the portal rows measure that path: the first request of each',
    `page rendered it (all ${ANONYMOUS.length} first requests together took ${result.listing.firstRequestsMs} ms, the full feed's fingerprints recorded on the way).`,
    `The reference sends the same bytes from files: ${label === 'nginx' ? 'nginx with one worker per core' : 'a static server'} is about as fast as this machine answers HTTP at all.`,
    'The 304 rows send If-None-Match with each server\'s own ETag. "Rendered each time" adds a new query parameter to',
    'every request, so none is answered from memory: it is the cost of filtering and rendering the listing.',
    'Sign-in is bound by argon2id (19 MiB, 2 passes per check, by design); the signed-in page validates the session in the database and renders.',
    'autocannon runs on the same 2 cores and takes CPU from the server it measures: compare runs on the same machine only.',
    '<!-- bench:public:end -->',
  ].join('\n');
}
