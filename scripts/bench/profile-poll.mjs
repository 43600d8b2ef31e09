// Where the CPU of a 304 poll from memory goes, function by function: the
// portal with one worker per core (as `npm start` runs it) beside node:http
// alone answering the same addresses with the same 304 (the floor of
// public.mjs, as many workers), each under the same conditional feed poll,
// sampled by Linux perf. V8 writes a jitdump (--perf-prof) that `perf inject`
// turns into symbols, so each sample names the compiled function that ran at
// that moment (perf's plain map files name whatever code last used the address).
// It takes apart what `npm run bench` shows as one share of nginx: the
// portal's own code, and Node's own code in the portal's processes against the
// same code in processes that do nothing else.
//
//   node scripts/bench/profile-poll.mjs
//
// Linux only, with perf (Debian: apt-get install linux-perf) and the right to
// profile other processes (root, or kernel.perf_event_paranoid at most 1).
// Prints markdown; docs/benchmarks.md quotes what it found.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { atCleanup, cleanUp, cleanUpOnSignals } from './cleanup.mjs';
import { buildGeneratedPortal, startGeneratedPortal } from './generated-portal.mjs';
import { afterStartUpPasses, fetchBodies, LARGE, startNodeFloor } from './public.mjs';
import { stopChild } from './processes.mjs';

const WORKERS = availableParallelism();
const ROUNDS = 2;
const SECONDS = 6;
const SAMPLES_PER_SECOND = 999;
const CONNECTIONS = 50;
const log = (line) => console.error(`[profile] ${line}`);

if (spawnSync('perf', ['--version']).status !== 0) {
  console.error('perf is not installed: on Debian, apt-get install linux-perf.');
  process.exit(1);
}

/** The processes of a server: its first process and the workers it forked. */
function processesOf(pid) {
  const children = spawnSync('pgrep', ['-P', String(pid)]).stdout.toString().trim().split(/\s+/).filter(Boolean);
  return [String(pid), ...children];
}

/** Samples every process of `server` while autocannon polls; returns the answers counted and the samples by function. */
async function profiledPoll(server, dir, round) {
  const url = `${server.origin}/calendar.ics`;
  const headers = { 'accept-encoding': 'gzip', 'if-none-match': server.etag };
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers });
  const data = join(dir, `${server.key}-${round}.data`);
  // -k mono: the clock V8's jitdump stamps its records with, so that perf inject can match them.
  const perf = spawn('perf', ['record', '-k', 'mono', '-e', 'cpu-clock', '-F', String(SAMPLES_PER_SECOND), '-g', '-p', processesOf(server.pid).join(','), '-o', data], { stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const run = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  perf.kill('SIGINT');
  await new Promise((resolve) => perf.once('exit', resolve));
  const answered = run.statusCodeStats?.['304']?.count ?? 0;
  if (answered !== run.requests.total) throw new Error(`${server.name} answered ${run.requests.total - answered} polls with something else than 304.`);
  const injected = `${data}.jit`;
  const inject = spawnSync('perf', ['inject', '--jit', '-i', data, '-o', injected]);
  if (inject.status !== 0) throw new Error(`perf inject failed: ${inject.stderr}`);
  log(`${server.name}, round ${round + 1}: ${Math.round(run.requests.average).toLocaleString('en')} polls per second`);
  // Read at once: the next injection writes the symbol files of the same processes again, and this one's would no longer match.
  return { requests: run.requests.total, rate: run.requests.average, samples: samplesByFunction(injected) };
}

const nameOf = (symbol) =>
  symbol
    .replace(/^JS:[*~^+]?'?/, '')
    .replace(/^ /, '(anonymous) ')
    .replace(/file:\/\/\/\S*?\/(dist|node_modules)\//, '$1/');

/**
 * Each sample counted once, under the first JavaScript function on its stack
 * (with the builtins and runtime calls that function made), or, with none,
 * under where it was outside JavaScript.
 */
function samplesByFunction(profile) {
  const script = spawnSync('perf', ['script', '-i', profile, '-F', 'comm,tid,ip,sym,dso'], { maxBuffer: 1 << 30 }).stdout.toString();
  const counts = new Map();
  for (const block of script.split('\n\n')) {
    const [thread = '', ...lines] = block.split('\n').filter((line) => line.trim());
    const frames = lines.map((line) => line.trim().replace(/^[0-9a-f]+\s+/, ''));
    if (!frames.length) continue;
    const first = frames.findIndex((frame) => frame.startsWith('JS:'));
    const key = first >= 0 ? nameOf(frames[first].replace(/\s+\([^)]*\)$/, '')) : outsideOf(thread.trim(), frames);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    // V8's runtime doing what compiled code does inline when it knows the object's shape.
    if (first > 0 && frames.slice(0, first).some((frame) => frame.includes('Runtime_DefineKeyedOwnPropertyInLiteral'))) counts.set(SLOW_LITERAL, (counts.get(SLOW_LITERAL) ?? 0) + 1);
  }
  return counts;
}

/** Where a sample with no JavaScript on its stack was: which thread, and what it did there. */
const OUTSIDE = [
  ["(V8's helper threads: compiling, concurrent marking)", (thread) => /^V8/.test(thread)],
  ["(libuv's thread pool: the log's writes)", (thread) => /libuv/.test(thread)],
  ['(garbage collection on the main thread)', (thread, frames) => frames.some((frame) => /Scaveng|MarkCompact|Heap::|Sweeper|Evacuat|MinorMS|GCTracer/.test(frame))],
  ['(the kernel: system calls, interrupts, waking other processes)', (thread, frames) => /\[kernel/.test(frames[0])],
  ['(the HTTP parser, llhttp)', (thread, frames) => frames.some((frame) => /llhttp|node::.*Parser/.test(frame))],
  ['(the event loop and the rest of Node and V8)', () => true],
];
const outsideOf = (thread, frames) => OUTSIDE.find(([, applies]) => applies(thread, frames))[0];

/** Counted beside the functions, not among them. */
const SLOW_LITERAL = '[object literal with computed keys built in V8\'s runtime]';

/** Node's own code by module, so that a function inlined into another of the same module stays in its group. */
const NODE_GROUPS = [
  ['HTTP (node:_http_*)', /node:_http_/],
  ['sockets and streams (node:net, node:internal/streams, stream_base_commons)', /node:net:|node:internal\/streams\/|node:internal\/stream_base_commons/],
  ['the tick queue (process.nextTick and its loop)', /node:internal\/process\/task_queues/],
  ['timers (socket time-outs, the log flush)', /node:internal\/timers|node:timers/],
  ['events', /node:events/],
  ['files (node:fs)', /node:fs/],
];

function perAnswer(runs) {
  const requests = runs.reduce((sum, run) => sum + run.requests, 0);
  const micros = new Map();
  for (const run of runs) for (const [name, samples] of run.samples) micros.set(name, (micros.get(name) ?? 0) + (samples * 1e6) / SAMPLES_PER_SECOND / requests);
  return { micros, rate: runs.reduce((sum, run) => sum + run.rate, 0) / runs.length };
}

const sum = (micros, keep) => [...micros].filter(([name]) => name !== SLOW_LITERAL && keep(name)).reduce((total, [, us]) => total + us, 0);
/** The portal's bundle, and the pages of the generated portal's own build. */
const ours = (name) => / dist\/|node_modules\/\.cache\/whatson-bench\//.test(name);
const nodes = (name) => name.includes(' node:');
const otherNode = (name) => nodes(name) && !NODE_GROUPS.some(([, pattern]) => pattern.test(name));
const outside = (name) => name.startsWith('(');
const format = (us) => us.toFixed(2);

async function main() {
  cleanUpOnSignals();
  const dir = mkdtempSync(join(tmpdir(), 'whatson-profile-'));
  atCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const execArgv = ['--perf-prof', `--perf-prof-path=${dir}`];
  log(`building a portal with ${LARGE} generated events …`);
  const built = buildGeneratedPortal(dir, LARGE);
  const portal = await startGeneratedPortal(dir, built, { workers: WORKERS, name: 'profiled', execArgv });
  const bodies = await fetchBodies(portal.origin);
  const feed = bodies.find((target) => target.path === '/calendar.ics');
  const floor = await startNodeFloor(dir, bodies, { workers: WORKERS, execArgv });
  await afterStartUpPasses(portal, log);
  const servers = [
    { key: 'portal', name: `portal (${WORKERS} workers)`, origin: portal.origin, pid: portal.child.pid, etag: feed.etag },
    { key: 'floor', name: `node:http floor (${WORKERS} workers)`, origin: floor.origin, pid: floor.child.pid, etag: feed.etag },
  ];
  const runs = { portal: [], floor: [] };
  try {
    for (let round = 0; round < ROUNDS; round++) for (const server of round % 2 ? [...servers].reverse() : servers) runs[server.key].push(await profiledPoll(server, dir, round));
  } finally {
    await stopChild(portal.child);
    await stopChild(floor.child);
  }
  const portalCost = perAnswer(runs.portal);
  const floorCost = perAnswer(runs.floor);
  const row = (label, keep) => `| ${label} | ${format(sum(portalCost.micros, keep))} | ${format(sum(floorCost.micros, keep))} |`;
  const lines = [
    `Conditional feed polls (If-None-Match, 304) from ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s on each server in turn, ${LARGE.toLocaleString('en')} generated events; perf sampling ${SAMPLES_PER_SECOND} times a second in every process of each server (it slows both).`,
    '',
    `| µs of CPU per 304, all processes | portal (${WORKERS} workers) | node:http floor (${WORKERS} workers) |`,
    '|---|--:|--:|',
    `| polls per second while sampled | ${Math.round(portalCost.rate).toLocaleString('en')} | ${Math.round(floorCost.rate).toLocaleString('en')} |`,
    row('in all', () => true),
    row("in the portal's own functions (its bundle and pages), with the builtins they call", ours),
    row('in the packages it uses (node_modules)', (name) => !ours(name) && name.includes('node_modules/')),
    row("in Node's own functions (node:…), with the builtins they call", nodes),
    row('outside JavaScript (kernel, event loop, collector, compiler)', outside),
    '',
    "Node's own code by module, per 304 (each sample under the first JavaScript function on its stack, with the builtins it called; the JIT inlines differently in each process, so single functions do not compare):",
    '',
    '| Node module | portal µs | floor µs |',
    '|---|--:|--:|',
    ...NODE_GROUPS.map(([label, pattern]) => row(label, (name) => pattern.test(name))),
    row("the rest of Node's modules", otherNode),
    `| of all the above, ${SLOW_LITERAL.slice(1, -1)} | ${format(portalCost.micros.get(SLOW_LITERAL) ?? 0)} | ${format(floorCost.micros.get(SLOW_LITERAL) ?? 0)} |`,
    '',
    'Outside JavaScript, per 304 (samples with no JavaScript function on their stack, by thread and by what they were doing):',
    '',
    '| where | portal µs | floor µs |',
    '|---|--:|--:|',
    ...OUTSIDE.map(([label]) => row(label.slice(1, -1), (name) => name === label)),
    '',
    "The portal's own functions, per 304:",
    '',
    '| function | µs |',
    '|---|--:|',
    ...[...portalCost.micros].filter(([name]) => ours(name)).sort((a, b) => b[1] - a[1]).slice(0, 10).map(([name, us]) => `| ${name} | ${format(us)} |`),
  ];
  console.log(lines.join('\n'));
}

try {
  await main();
} finally {
  await cleanUp();
}
