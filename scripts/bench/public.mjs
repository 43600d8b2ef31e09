// Public pages and feeds at scale: 5,000 generated events (and 100, for the
// listing's cost) built into portals of their own; each anonymous target, as
// gzip, from the portal with one worker per core and with one process, beside
// node:http alone sending the same answers (one process and as many workers)
// and nginx serving the very same gzip bytes (gzip_static), all measured in
// turn in the same minutes; a conditional feed poll; sign-in and a signed-in
// page; the time to assemble every feed again after one event changed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import autocannon from 'autocannon';
import { buildSync } from 'esbuild';
import { atCleanup } from './cleanup.mjs';
import { serverCpuMeter, untilQuiet } from './cpu.mjs';
import { buildGeneratedPortal, startGeneratedPortal } from './generated-portal.mjs';
import { freePort, startChild, stopChild, waitUntilAnswering } from './processes.mjs';
import { seedApplicants, seedSignInAccounts } from './seed-applicants.mjs';
import { startStaticServer } from './static.mjs';

export const LARGE = 5000;
export const SMALL = 100;
export const TARGETS = { shareOfNginx: 0.8, fullFeedShare: 1, p99Ms: 10, listingSpread: 0.2, listingMissPerSec: 1000, buildSeconds: 90, feedRebuildMs: 100 };
/** What calendar clients, browsers and crawlers send; nginx's gzip_static answers it with the portal's own gzip bytes. */
const ACCEPT_GZIP = { 'accept-encoding': 'gzip' };
const WORKERS = availableParallelism();

// Generated entry 3 is in `events`, online. In `events` (every third entry) the topics are
// trafficking or organized crime with smuggling or international cooperation (never firearms,
// which gave an empty listing until 2026-12-01); trafficking and hybrid match every 18th entry.
const LISTING = '/events?topic=trafficking-in-persons&format=hybrid';
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

// The portal's background passes run 30 s (privacy housekeeping) and 60 s
// (topic digests) after it starts, then hourly and every 15 minutes; each
// reads every event file: with 5,000 events about 5 and 10 s of CPU. Measured
// while they ran, a target's window counted them as its answers' cost (the
// full feed from two workers, 2026-12-01: 1,077 µs per answer, against 162 from
// one process, whose window they missed). The targets are measured after them:
// what the answers cost in the steady state between passes.
/**
 * By this long after the portal first answers, the digests' first pass has begun: it is due
 * 60 s after the process that runs it (the primary, or the one process) started its jobs,
 * which is before that process or its first worker answers; a margin as when a worker ran
 * them and started seconds after the first to answer (at 61 s it had not always begun).
 */
const START_UP_PASSES_DUE_MS = 66_000;

export async function afterStartUpPasses(portal, log) {
  const wait = portal.answeringSince + START_UP_PASSES_DUE_MS - Date.now();
  log(`public: waiting ${Math.round(wait / 1000)} s for the portal's start-up background passes …`);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  if (!(await untilQuiet(portal.child.pid))) log('public: the portal was still busy a minute after its digest pass was due; measuring anyway');
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

/** A GET whose body is not decoded: the bytes on the wire, and the headers. */
function rawGet(url, headers) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** What Node's http module adds to every answer by itself: not part of a header list the portal builds. */
const ADDED_BY_NODE = new Set(['date', 'connection', 'keep-alive']);

/** Raw headers (name, value, …) as the portal wrote them, less what Node adds; its MISS told as the HIT a kept answer says. */
function builtHeaderList(rawHeaders) {
  const list = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    if (!ADDED_BY_NODE.has(name.toLowerCase())) list.push(name, name.toLowerCase() === 'x-cache' ? 'HIT' : rawHeaders[i + 1]);
  }
  return list;
}

/**
 * Each target's bytes as they are and as gzip, from the portal itself, with
 * the ETag of the gzip copy, and the header lists of its gzip answer and of
 * its 304 (for the node:http floor).
 */
export async function fetchBodies(origin) {
  const bodies = [];
  for (const target of ANONYMOUS) {
    const plain = await rawGet(origin + target.path, { 'accept-encoding': 'identity' });
    if (plain.status !== 200) throw new Error(`GET ${target.path} answered ${plain.status}, not 200: fix it before benchmarking it.`);
    let gzip = await rawGet(origin + target.path, ACCEPT_GZIP);
    if (gzip.headers['content-encoding'] !== 'gzip') throw new Error(`GET ${target.path} with Accept-Encoding: gzip came back without gzip.`);
    // The first copy of a page is compressed quickly, and made small once asked for again
    // (src/server/http/compressed-copies.ts), in each worker: nginx and the floor get the
    // small copy, the one the portal sends from then on, which is the smallest seen.
    for (let asked = 1; asked < 8; asked++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      const again = await rawGet(origin + target.path, ACCEPT_GZIP);
      if (again.body.length < gzip.body.length) gzip = again;
    }
    const notModified = await rawGet(origin + target.path, { ...ACCEPT_GZIP, 'if-none-match': gzip.headers.etag });
    if (notModified.status !== 304) throw new Error(`GET ${target.path} with its own ETag answered ${notModified.status}, not 304.`);
    bodies.push({ ...target, body: plain.body, gzip: gzip.body, etag: gzip.headers.etag, headerList: builtHeaderList(gzip.rawHeaders), notModifiedList: builtHeaderList(notModified.rawHeaders) });
  }
  return bodies;
}

/** What a floor loads before it serves, to serve from a process used as a large application's is (used-process.mjs). */
const USED_PROCESS = new URL('./used-process.mjs', import.meta.url).href;

/**
 * The floor: node:http alone (scripts/bench/node-floor.mjs), answering the
 * portal's addresses with the portal's header lists and gzip bytes and
 * nothing else, in one process or as cluster workers like the portal's. The
 * portal's cost beyond it is the portal's own code, and, with `used`, what
 * serving from a process that has done other work costs Node's own code.
 */
export async function startNodeFloor(dir, bodies, { workers = 1, used = false, execArgv = [] } = {}) {
  const answers = join(dir, 'node-floor-answers.json');
  writeFileSync(answers, JSON.stringify(bodies.map((target) => ({ path: target.path, etag: target.etag, headers: target.headerList, notModified: target.notModifiedList, gzipBase64: target.gzip.toString('base64') }))));
  const port = await freePort();
  const child = startChild(process.execPath, [...execArgv, ...(used ? ['--import', USED_PROCESS] : []), 'scripts/bench/node-floor.mjs', answers, String(port), String(workers)], { logFile: join(dir, `node-floor-${workers}${used ? '-used' : ''}.log`) });
  const origin = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${origin}${bodies[0].path}`, child, { name: 'The node:http floor', timeoutMs: 15_000 });
  // With several workers the first may answer before the others listen.
  if (workers > 1) await new Promise((resolve) => setTimeout(resolve, 1_000));
  return { child, origin };
}

/** The ETag of a server's gzip copy of `path`: what its 304 poll sends back. */
async function gzipEtag(origin, path) {
  const response = await rawGet(`${origin}${path}`, ACCEPT_GZIP);
  if (response.headers['content-encoding'] !== 'gzip') throw new Error(`${origin} did not send ${path} as gzip.`);
  return response.headers.etag;
}

async function loadOrFail(name, who, url, options, serverPid) {
  await load(url, { ...options, seconds: options.warmUpSeconds });
  const meter = serverCpuMeter(serverPid);
  const client = process.cpuUsage();
  const started = performance.now();
  const run = await load(url, options);
  run.cpuUs = meter(run.requests);
  const used = process.cpuUsage(client);
  // autocannon's share of a core: near 1, the rate is the load generator's, not the server's.
  run.clientShare = (used.user + used.system) / 1e3 / (performance.now() - started);
  if (run.failures) throw new Error(`${name}: the ${who} failed ${run.failures} of ${run.requests} requests; these numbers would not mean anything.`);
  return run;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Rounds of one target on one server as one run: the median rate and p99, CPU per answer over all of them. */
function combinedRun(rounds) {
  const requests = rounds.reduce((sum, run) => sum + run.requests, 0);
  const metered = rounds.filter((run) => run.cpuUs !== null);
  return {
    reqPerSec: median(rounds.map((run) => run.reqPerSec)),
    p99Ms: median(rounds.map((run) => run.p99Ms)),
    requests,
    failures: rounds.reduce((sum, run) => sum + run.failures, 0),
    cpuUs: metered.length ? metered.reduce((sum, run) => sum + run.cpuUs * run.requests, 0) / metered.reduce((sum, run) => sum + run.requests, 0) : null,
    clientShare: median(rounds.map((run) => run.clientShare)),
    rounds,
  };
}

/** How many times each server is measured on each target, in turn. */
export const ROUNDS = 3;
/** How long each of those measurements lasts: 40 % of BENCH_SECONDS, three rounds a little more than it. */
const roundSecondsOf = (seconds) => Math.max(3, Math.round(seconds * 0.4));

/**
 * The targets (and the 304 poll) on every server, every request accepting
 * gzip, side by side: each target is measured on each server in turn, in
 * ROUNDS rounds (each round in another order), so that the servers compared
 * in a row share the machine's state of those seconds. On this kind of
 * virtual machine the same server's rate moved by a third from one minute to
 * the next (2026-12-01 and 02), which measuring one server after another,
 * minutes apart, had counted as a difference between them.
 * servers: [{ key, who, origin, pid, pathOf, pollEtag }]; returns { [key]: { [target]: run } }.
 */
export async function measureSideBySide(servers, bodies, options) {
  const feed = bodies.find((target) => target.path === '/calendar.ics');
  const targets = [
    ...bodies.map((target) => ({ name: target.name, target, expect: 200, headers: ACCEPT_GZIP })),
    { name: 'feed poll, 304', target: feed, expect: 304, headers: (server) => ({ ...ACCEPT_GZIP, 'if-none-match': server.pollEtag }) },
  ];
  // Every target on every server once before any is measured: the first one measured otherwise pays
  // for the process's start (the JIT still compiling the answer path, the collection of what the first
  // renders left behind), which made the home page, measured first, look dearer than the others.
  for (const server of servers) for (const target of bodies) await load(server.origin + server.pathOf(target), { ...options, seconds: options.warmUpSeconds, headers: ACCEPT_GZIP });
  const roundSeconds = roundSecondsOf(options.seconds);
  const runs = Object.fromEntries(servers.map((server) => [server.key, {}]));
  for (const { name, target, expect, headers } of targets) {
    const rounds = new Map(servers.map((server) => [server.key, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (let turn = 0; turn < servers.length; turn++) {
        const server = servers[(turn + round) % servers.length];
        const run = await loadOrFail(name, server.who, server.origin + server.pathOf(target), { ...options, seconds: roundSeconds, warmUpSeconds: 1, expect, headers: typeof headers === 'function' ? headers(server) : headers }, server.pid);
        rounds.get(server.key).push(run);
      }
    }
    for (const server of servers) runs[server.key][name] = combinedRun(rounds.get(server.key));
  }
  return runs;
}

/** The median over rounds of one server's rate over another's, each round's pair measured seconds apart. */
export function pairedShare(run, reference) {
  return median(run.rounds.map((round, index) => round.reqPerSec / reference.rounds[index].reqPerSec));
}

async function measureListing(origin, options) {
  const cached = await warmThenLoad(origin + LISTING, { ...options, headers: ACCEPT_GZIP });
  // A new query string each time: every request misses the cache and is rendered (and compressed, once).
  let n = 0;
  const rendered = await warmThenLoad(origin + LISTING, { ...options, headers: ACCEPT_GZIP, ...eachRequest((request) => ({ ...request, path: `${LISTING}&n=${n++}` })) });
  // Rendering is what a busy machine starves first: timeouts are reported beside the rate, not fatal.
  if (cached.failures) throw new Error(`the listing from memory failed ${cached.failures} of ${cached.requests} requests.`);
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

  const listing = { [LARGE]: {}, [SMALL]: {} };
  // One worker per core (what `npm start` does) and one process, started together and kept
  // running with the floors and nginx, so that each target is measured on all of them side by side.
  // The portal with 100 events (the listing's cost) starts with them too, so that its start-up passes are over before it is measured.
  const portals = {
    workers: await startGeneratedPortal(tempDir, large, { workers: WORKERS, name: 'workers' }),
    single: await startGeneratedPortal(tempDir, large, { workers: 1, name: 'single' }),
    small: await startGeneratedPortal(tempDir, small, { workers: 1 }),
  };
  let bodies;
  let firstRequestsMs;
  let runs;
  let reference;
  let signIn;
  let accountPage;
  const others = [];
  try {
    const started = Date.now();
    bodies = await fetchBodies(portals.workers.origin);
    firstRequestsMs = Date.now() - started;
    const feed = bodies.find((target) => target.path === '/calendar.ics');
    for (const portal of Object.values(portals)) await afterStartUpPasses(portal, log);

    const floors = { single: await startNodeFloor(tempDir, bodies), workers: await startNodeFloor(tempDir, bodies, { workers: WORKERS }), used: await startNodeFloor(tempDir, bodies, { used: true }) };
    others.push(floors.single.child, floors.workers.child, floors.used.child);
    // A folder of its own under /tmp: nginx's unprivileged workers must be able to reach it.
    const staticDir = mkdtempSync(join(tmpdir(), 'whatson-bench-static-'));
    atCleanup(() => rmSync(staticDir, { recursive: true, force: true }));
    const staticServer = await startStaticServer(staticDir, bodies);
    others.push(staticServer.child);
    reference = { name: staticServer.name, isNginx: staticServer.isNginx };
    const ownPath = (target) => target.path;
    const servers = [
      { key: 'portal', who: `portal (${WORKERS} processes)`, origin: portals.workers.origin, pid: portals.workers.child.pid, pathOf: ownPath, pollEtag: feed.etag },
      // Each portal has its own database, where the feed's DTSTAMPs are recorded: its own ETag.
      { key: 'single', who: 'portal (1 process)', origin: portals.single.origin, pid: portals.single.child.pid, pathOf: ownPath, pollEtag: await gzipEtag(portals.single.origin, feed.path) },
      { key: 'floor', who: 'node:http floor (1 process)', origin: floors.single.origin, pid: floors.single.child.pid, pathOf: ownPath, pollEtag: feed.etag },
      { key: 'floorWorkers', who: `node:http floor (${WORKERS} processes)`, origin: floors.workers.origin, pid: floors.workers.child.pid, pathOf: ownPath, pollEtag: feed.etag },
      { key: 'floorUsed', who: 'node:http floor (1 process, used)', origin: floors.used.origin, pid: floors.used.child.pid, pathOf: ownPath, pollEtag: feed.etag },
      { key: 'reference', who: 'static server', origin: staticServer.origin, pid: staticServer.child.pid, pathOf: (target) => `/${target.file}`, pollEtag: await gzipEtag(staticServer.origin, `/${feed.file}`) },
    ];
    log(`public: ${bodies.length + 1} targets on ${servers.length} servers side by side, ${ROUNDS} rounds, about ${Math.round(((bodies.length + 1) * servers.length * ROUNDS * (roundSecondsOf(seconds) + 1) + bodies.length * servers.length * warmUpSeconds) / 60)} min …`);
    runs = await measureSideBySide(servers, bodies, options);
    for (const child of others.splice(0)) await stopChild(child);

    for (const [workers, portal] of [[WORKERS, portals.workers], [1, portals.single]]) {
      log(`public: listing with ${LARGE} events, ${workers} process(es) …`);
      listing[LARGE][workers] = await measureListing(portal.origin, options);
    }
    // The listing from memory as long as the rounds above asked it of the portal it is compared with:
    // measured cold, it had paid for the JIT still compiling the answer path (2026-12-03, 16:41 run:
    // 15,199 against 22,762 req/s, the fewer events the slower).
    log(`public: listing with ${SMALL} events …`);
    await load(portals.small.origin + LISTING, { ...options, seconds: ROUNDS * (roundSecondsOf(seconds) + 1), headers: ACCEPT_GZIP });
    listing[SMALL][1] = await measureListing(portals.small.origin, options);
    log('public: sign-in and a signed-in page …');
    const portal = portals.workers;
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
    // argon2id and rendering are what a busy machine starves first: failures and timeouts are reported, not fatal.
    accountPage = await warmThenLoad(`${portal.origin}/account`, { ...options, headers: { ...ACCEPT_GZIP, cookie } });
  } finally {
    for (const child of others) await stopChild(child);
    for (const portal of Object.values(portals)) await stopChild(portal.child);
  }

  const rows = [...bodies.map((target) => ({ name: target.name, bytes: target.body.length, wireBytes: target.gzip.length })), { name: 'feed poll, 304', bytes: 0, wireBytes: 0 }].map((row) => ({
    ...row,
    portal: runs.portal[row.name],
    single: runs.single[row.name],
    floor: runs.floor[row.name],
    floorWorkers: runs.floorWorkers[row.name],
    floorUsed: runs.floorUsed[row.name],
    reference: runs.reference[row.name],
  }));
  for (const row of rows) log(`public: ${row.name}: portal ${Math.round(row.portal.reqPerSec)} req/s p99 ${row.portal.p99Ms} ms ${Math.round(row.portal.cpuUs ?? 0)} µs CPU each (1 process ${Math.round(row.single.reqPerSec)}, ${Math.round(row.single.cpuUs ?? 0)} µs); node:http floor ${Math.round(row.floor.reqPerSec)} req/s ${Math.round(row.floor.cpuUs ?? 0)} µs (${WORKERS} processes ${Math.round(row.floorWorkers.reqPerSec)}); static ${Math.round(row.reference.reqPerSec)} req/s p99 ${row.reference.p99Ms} ms ${Math.round(row.reference.cpuUs ?? 0)} µs`);

  listing.staticName = reference.name;
  listing.isNginx = reference.isNginx;
  listing.firstRequestsMs = firstRequestsMs;
  return { large, small, feedRebuild, rows, listing, signIn, accountPage, workers: WORKERS };
}

const rate = (value) => Math.round(value).toLocaleString('en');
const kilobytes = (bytes) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`);
const mark = (ok) => (ok ? 'met' : '**missed**');
const micro = (us) => (us === null || us === undefined ? '—' : Math.round(us).toLocaleString('en'));
const failedOf = (run) => (run.failures ? ` (${run.failures} of ${rate(run.requests)} failed or timed out)` : '');

/** Which targets were met, one line each, for the report and the console. */
export function verdicts(result) {
  const shares = result.rows.map((row) => ({ row, share: pairedShare(row.portal, row.reference), floorShare: pairedShare(row.floorWorkers, row.reference) }));
  const needed = (row) => (row.name === 'full feed' ? TARGETS.fullFeedShare : TARGETS.shareOfNginx);
  // The listing's cost against the number of events, one process each.
  const spread = (kind) => Math.abs(result.listing[LARGE][1][kind].reqPerSec / result.listing[SMALL][1][kind].reqPerSec - 1);
  const pagesAndPolls = result.rows.filter((row) => row.name !== 'full feed');
  return {
    shares,
    share: shares.every(({ row, share }) => share >= needed(row)),
    p99: pagesAndPolls.every((row) => row.portal.p99Ms < TARGETS.p99Ms),
    renderedSpread: spread('rendered'),
    cachedSpread: spread('cached'),
    listing: spread('rendered') <= TARGETS.listingSpread && spread('cached') <= TARGETS.listingSpread,
    listingMiss: result.listing[LARGE][result.workers].rendered.reqPerSec >= TARGETS.listingMissPerSec && !result.listing[LARGE][result.workers].rendered.failures,
    build: result.large.buildSeconds < TARGETS.buildSeconds,
    feedRebuild: result.feedRebuild.rebuildMs < TARGETS.feedRebuildMs,
  };
}

/** What the used floor showed, from this run's costs: on which targets its answers cost more than the plain floor's, and by how much. */
function usedFloorFinding(rows) {
  const dearer = rows.filter((row) => row.floor.cpuUs && row.floorUsed.cpuUs && row.floorUsed.cpuUs > row.floor.cpuUs * 1.05);
  if (!dearer.length) return 'In this run its answers cost no more than the plain floor\'s (within 5 %): the portal\'s cost beyond the floor is its own.';
  const named = dearer.map((row) => `${row.name} ${micro(row.floorUsed.cpuUs)} against ${micro(row.floor.cpuUs)} µs`).join(', ');
  return `In this run its answers cost more than the plain floor's (${named}): V8 no longer finds one shape of object at each place in Node's streams, events and HTTP code, which every answer runs through. That much of the portal's cost beyond the plain floor is Node's own code in a process that does more than answer requests, not the portal's.`;
}

export function publicSection({ date, machine: m, command, result, seconds, warmUpSeconds, connections, autocannonVersion }) {
  const v = verdicts(result);
  const label = result.listing.isNginx ? 'nginx' : 'static';
  const percent = (share) => `${Math.round(share * 100)} %`;
  const n = result.workers;
  const lines = v.shares.map(({ row, share, floorShare }) =>
    `| ${row.name} | ${row.bytes ? kilobytes(row.bytes) : '—'} | ${row.wireBytes ? kilobytes(row.wireBytes) : '—'} | ${rate(row.portal.reqPerSec)} | ${row.portal.p99Ms} | ${rate(row.single.reqPerSec)} | ${row.single.p99Ms} | ${rate(row.floorWorkers.reqPerSec)} | ${rate(row.reference.reqPerSec)} | ${row.reference.p99Ms} | ${percent(share)} | ${percent(floorShare)} |`,
  );
  const clientBound = v.shares.filter(({ row }) => row.reference.clientShare >= 0.9);
  const listingRow = (events, workers) => {
    const run = result.listing[events][workers];
    return `| ${events.toLocaleString('en')} | ${workers} | ${rate(run.cached.reqPerSec)} | ${run.cached.p99Ms} | ${rate(run.rendered.reqPerSec)}${failedOf(run.rendered)} | ${run.rendered.p99Ms} |`;
  };
  const missRate = result.listing[LARGE][n].rendered.reqPerSec;
  return [
    '<!-- bench:public:start -->',
    `## Public pages and feeds with ${LARGE.toLocaleString('en')} events, beside ${label}`,
    '',
    `- Date: ${date}`,
    `- Machine: ${m.os}; ${m.cpu}, ${m.cores} cores; ${m.memory} RAM; Node ${m.node}; 1-minute load average before the run: ${m.load}`,
    `- Command: \`${command}\` (${connections} connections, autocannon ${autocannonVersion}, 127.0.0.1 only; autocannon shares the ${m.cores} cores with the server it measures)`,
    `- Side by side: the two portals, the three node:http floors and ${label} run at once; each target is measured on each of them in turn, ${ROUNDS} rounds of ${roundSecondsOf(seconds)} s (after 1 s unrecorded), each round in another order, after every target had been asked of every server for ${warmUpSeconds} s. A rate is the median of its rounds; a share is the median of the rounds' shares, each from two measurements seconds apart.`,
    `- Data: ${LARGE.toLocaleString('en')} generated events (three collections, four zones, some cancelled or postponed) in a temporary content folder, built into a temporary outDir; a second portal with ${SMALL} for the listing's cost`,
    `- Every request sends \`Accept-Encoding: gzip\`; the portal answers with the gzip copy it keeps in memory. Reference: ${result.listing.staticName}, serving the portal's exact bytes as static files with the portal's own gzip copies beside them (\`gzip_static on\`), so both sides send the same bytes on the wire.`,
    `- The portal twice: as \`npm start\` runs it on this machine (${n} worker processes, WHATSON_WORKERS unset) and with WHATSON_WORKERS=1.`,
    '',
    `| target | bytes | on the wire (gzip) | portal, ${n} workers: req/s | p99 (ms) | portal, 1 process: req/s | p99 (ms) | node:http floor, ${n} workers: req/s | ${label} req/s | ${label} p99 (ms) | portal (${n} workers) / ${label} | floor (${n} workers) / ${label} |`,
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...lines,
    `| sign-in (POST /signin, argon2id, new session, 303) | — | — | ${rate(result.signIn.reqPerSec)}${failedOf(result.signIn)} | ${result.signIn.p99Ms} | — | — | — | — | — |`,
    `| signed-in page (/account, never cached, compressed on the way) | — | — | ${rate(result.accountPage.reqPerSec)}${failedOf(result.accountPage)} | ${result.accountPage.p99Ms} | — | — | — | — | — |`,
    '',
    `The last column is what Node's HTTP stack alone reaches in the portal's arrangement (the floor below, as ${n} cluster workers): a share of ${label} the portal cannot pass.${clientBound.length ? ` Where ${label}'s rounds kept autocannon busy for ${percent(0.9)} of a core or more (${clientBound.map(({ row }) => `${row.name}: ${percent(row.reference.clientShare)}`).join(', ')}), the load generator, not the server, set the rate.` : ''}`,
    '',
    `CPU time per answer, every process of each server together (the cluster's primary and workers; nginx's master and workers), autocannon not counted: what an answer costs, whoever shares the cores. On ${m.cores} cores shared with autocannon, the load generator itself needs about a core, so ${n} workers and autocannon take turns on the cores (more switching between processes, each worker's caches colder) and the ${n}-worker column's requests per second fall below one process's even where an answer costs the same; on a server whose clients are elsewhere, one worker per core is the right default (README, WHATSON_WORKERS). Compare the portal with ${label} here by these costs:`,
    '',
    `| target | portal, ${n} workers: µs per answer | portal, 1 process: µs per answer | node:http floor, 1 process: µs per answer | node:http floor, 1 used process: µs per answer | node:http floor, ${n} workers: µs per answer | ${label}: µs per answer | ${label} / portal (1 process) | floor / portal (1 process) | used floor / portal (1 process) |`,
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...v.shares.map(({ row }) => {
      const ofSingle = (run) => (row.single.cpuUs && run.cpuUs ? percent(run.cpuUs / row.single.cpuUs) : '—');
      return `| ${row.name} | ${micro(row.portal.cpuUs)} | ${micro(row.single.cpuUs)} | ${micro(row.floor.cpuUs)} | ${micro(row.floorUsed.cpuUs)} | ${micro(row.floorWorkers.cpuUs)} | ${micro(row.reference.cpuUs)} | ${ofSingle(row.reference)} | ${ofSingle(row.floor)} | ${ofSingle(row.floorUsed)} |`;
    }),
    '',
    `The node:http floor (\`scripts/bench/node-floor.mjs\`, one process, and ${n} cluster workers) answers the same addresses with the portal's own header lists and gzip bytes (and the same 304) and does nothing else: no log line, no request id, no cache lookup. Its cost is Node's HTTP stack, which the portal cannot go below; the portal's cost beyond it is the portal's own code, and ${label}'s below it is what a server in C saves. Its requests per second (median of the rounds), one process: ${v.shares.map(({ row }) => `${row.name} ${rate(row.floor.reqPerSec)} (p99 ${row.floor.p99Ms} ms)`).join(', ')}.`,
    '',
    `The used floor is the same floor, one process, that has first used Node's shared machinery as a large application has by the time it serves (\`scripts/bench/used-process.mjs\`: streams of many kinds, zlib, files, events, the tick queue and timers, an HTTP server and client with other handlers; it then does nothing else). ${usedFloorFinding(v.shares.map(({ row }) => row))} Its requests per second, one process: ${v.shares.map(({ row }) => `${row.name} ${rate(row.floorUsed.reqPerSec)}`).join(', ')}.`,
    '',
    `Listing cost (${LISTING}), by number of events in the portal. The portal with ${SMALL} events runs from the start beside the others, and is asked for the listing from memory as long as the rounds asked it of the others before it is measured, so that both are compared warm:`,
    '',
    '| events | processes | from memory req/s | p99 (ms) | rendered each time (a cache miss) req/s | p99 (ms) |',
    '|--:|--:|--:|--:|--:|--:|',
    listingRow(SMALL, 1),
    listingRow(LARGE, 1),
    listingRow(LARGE, n),
    '',
    '### Targets',
    '',
    `- Cached anonymous pages and the 304 poll at least ${percent(TARGETS.shareOfNginx)} of ${label}'s requests per second, the full feed at least ${percent(TARGETS.fullFeedShare)}, compressed on both sides: ${mark(v.share)} (${v.shares.map(({ row, share }) => `${row.name} ${percent(share)}`).join(', ')})`,
    `- p99 under ${TARGETS.p99Ms} ms for pages and polls: ${mark(v.p99)} (${result.rows.filter((row) => row.name !== 'full feed').map((row) => `${row.name} ${row.portal.p99Ms} ms`).join(', ')}; ${label} itself: ${result.rows.filter((row) => row.name !== 'full feed').map((row) => `${row.reference.p99Ms} ms`).join(', ')})`,
    `- Listing on a cache miss at least ${rate(TARGETS.listingMissPerSec)} req/s with ${LARGE.toLocaleString('en')} events: ${mark(v.listingMiss)} (${rate(missRate)} req/s with ${n} workers)`,
    `- Listing cost independent of the number of events (${SMALL} vs ${LARGE.toLocaleString('en')} within ${percent(TARGETS.listingSpread)}, one process): ${mark(v.listing)} (rendered: ${percent(v.renderedSpread)} apart; from memory: ${percent(v.cachedSpread)} apart)`,
    `- Build of ${LARGE.toLocaleString('en')} entries under ${TARGETS.buildSeconds} s: ${mark(v.build)} (${result.large.buildSeconds.toFixed(1)} s; ${SMALL} entries: ${result.small.buildSeconds.toFixed(1)} s)`,
    `- Every public feed (everything, 3 collections, 6 topics) assembled again after one event changed, under ${TARGETS.feedRebuildMs} ms: ${mark(v.feedRebuild)} (${result.feedRebuild.rebuildMs.toFixed(1)} ms; from cold ${Math.round(result.feedRebuild.coldMs)} ms)`,
    '',
    '### How to read this',
    '',
    'Anonymous GETs of public pages and feeds are answered from memory by our server in front of Astro',
    '(`src/server/http/node-server.ts`, `cached-pages.ts`): the Response Astro rendered, kept with a gzip and a brotli copy',
    `each made once, when first asked for. The first request of each page rendered it (all ${ANONYMOUS.length} first requests together took ${result.listing.firstRequestsMs} ms, the full feed's fingerprints recorded on the way).`,
    'Each portal is measured after the background passes it makes once it has started (privacy housekeeping after 30 s, topic digests after 60 s, each reading every event file; then hourly and every 15 minutes, in one process of the instance): their CPU would otherwise be counted as the cost of the answers of whichever target was being measured then.',
    `The reference sends the same bytes from files: ${label === 'nginx' ? 'nginx with one worker per core' : 'a static server'} is about as fast as this machine answers HTTP at all.`,
    'The 304 rows send If-None-Match with each server\'s own ETag of the gzip copy. "Rendered each time" adds a new query parameter to',
    'every request, so none is answered from memory: it is the cost of filtering, rendering and compressing the listing.',
    'Sign-in is bound by argon2id (19 MiB, 2 passes per check, by design); the signed-in page validates the session in the database and renders.',
    `autocannon runs on the same ${m.cores} cores and takes CPU from the server it measures: compare runs on the same machine only.`,
    '<!-- bench:public:end -->',
  ].join('\n');
}
