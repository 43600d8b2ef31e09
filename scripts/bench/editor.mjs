// The cost of publishing from the browser with 5,000 events (half stored),
// and of another instance seeing it; what reading every stored event per
// request (as a live content collection would) would cost instead; and the
// public pages under HTTP load when half the catalogue comes from files and
// half from the database.
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { buildGeneratedPortal, startGeneratedPortal } from './generated-portal.mjs';
import { stopChild } from './processes.mjs';
import { warmThenLoad } from './public.mjs';

export const EDITOR_TARGET_MS = 1000;

// Generated dialogue 2 is a file, stored-7 a stored dialogue; the filtered listing mixes both.
const MIXED_TARGETS = [
  { name: 'home', path: '/' },
  { name: 'dialogues listing, filtered (files and stored)', path: '/dialogues?topic=firearms' },
  { name: 'dialogues listing, a new query each time (rendered)', path: '/dialogues?topic=firearms', fresh: true },
  // A collection with no stored event, in the same portal and run: about 420 matching files, where the dialogues query matches about 420 files and 420 stored events.
  { name: 'events listing (files only), a new query each time (rendered)', path: '/events?topic=organized-crime', fresh: true },
  { name: 'event page from a file', path: '/dialogues/generated-2' },
  { name: 'event page stored in the database', path: '/dialogues/stored-7' },
];

export async function benchEditor(tempDir, { log, total = 5000, saves = 20, seconds, warmUpSeconds, connections }) {
  const outfile = join(process.cwd(), 'node_modules/.cache/whatson-bench/editor.mjs');
  buildSync({ entryPoints: ['scripts/bench/editor-entry.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'warning' });
  const { measureEditor, seedStoredEvents } = await import(outfile);
  log(`editor: ${total} events (${total / 2} stored), ${saves} saves …`);
  const inProcess = await measureEditor(tempDir, total, saves);
  log(`editor: building a portal with ${total / 2} generated files and seeding ${total / 2} stored events …`);
  const mixed = await measureMixedPublic(tempDir, { total, seconds, warmUpSeconds, connections, log, seedStoredEvents });
  return { ...inProcess, mixed };
}

/** The public pages of one portal serving half its events from files and half from its database, each under load. */
async function measureMixedPublic(tempDir, { total, seconds, warmUpSeconds, connections, log, seedStoredEvents }) {
  const built = buildGeneratedPortal(tempDir, total / 2);
  await seedStoredEvents(join(tempDir, `portal-${built.events}.sqlite`), total / 2);
  const portal = await startGeneratedPortal(tempDir, built);
  try {
    const listing = await (await fetch(`${portal.origin}/dialogues?topic=firearms`)).text();
    if (!listing.includes('/dialogues/stored-') || !listing.includes('/dialogues/generated-')) throw new Error('the dialogues listing does not show both stored and file events; nothing to measure.');
    const rows = [];
    for (const target of MIXED_TARGETS) {
      const response = await fetch(portal.origin + target.path);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET ${target.path} answered ${response.status}, not 200.`);
      let n = 0;
      const fresh = target.fresh ? { setupClient: (client) => client.setRequests([{ setupRequest: (request) => ({ ...request, path: `${target.path}&n=${n++}` }) }]) } : {};
      const run = await warmThenLoad(portal.origin + target.path, { seconds, warmUpSeconds, connections, ...fresh });
      if (run.failures) throw new Error(`${target.name}: ${run.failures} of ${run.requests} requests failed.`);
      log(`editor: ${target.name}: ${Math.round(run.reqPerSec)} req/s, p99 ${run.p99Ms} ms`);
      rows.push({ ...target, ...run });
    }
    return { files: built.events, stored: total / 2, seconds, connections, rows };
  } finally {
    await stopChild(portal.child);
  }
}

export function editorSection({ date, machine: m, command, result }) {
  const worst = result.saveMaxMs + result.refreshMaxMs + 500;
  return [
    '<!-- bench:editor:start -->',
    `## Publishing in the browser with ${result.total.toLocaleString('en')} events (${result.stored.toLocaleString('en')} stored, the rest from files)`,
    '',
    `- Date: ${date}`,
    `- Machine: ${m.os}; ${m.cpu}, ${m.cores} cores; ${m.memory} RAM; Node ${m.node}; 1-minute load average before the run: ${m.load}`,
    `- Command: \`${command}\`; SQLite; in process (the domain functions the pages call), ${result.saves} saves`,
    '',
    '| step | median (ms) | worst (ms) |',
    '|---|--:|--:|',
    `| save and publish one event (new version, fingerprint, audit, change number, public data version) | ${result.saveMedianMs} | ${result.saveMaxMs} |`,
    `| another instance's refresh after it (changed rows, re-index the catalogue) | ${result.refreshMedianMs} | ${result.refreshMaxMs} |`,
    `| the check each instance makes at most twice a second when nothing changed | ${result.idleMedianMs} | — |`,
    `| an instance's first load of the stored events (once per process) | ${result.firstLoadMs} | — |`,
    `| reading and parsing every stored event, as a live collection's getLiveCollection() does on each call | ${result.livePerRequestMs} | — |`,
    '',
    `Target: a save seen everywhere in under ${EDITOR_TARGET_MS} ms. Worst case here: save ${result.saveMaxMs} ms + the other instance's next check (at most 500 ms later) + refresh ${result.refreshMaxMs} ms = ${Math.round(worst)} ms: ${worst < EDITOR_TARGET_MS ? 'met' : '**missed**'}.`,
    ...mixedTable(result.mixed),
    '<!-- bench:editor:end -->',
  ].join('\n');
}

function mixedTable(mixed) {
  if (!mixed) return [];
  return [
    '',
    `### Public pages with ${mixed.files.toLocaleString('en')} events from files and ${mixed.stored.toLocaleString('en')} stored in the database`,
    '',
    `One portal built from the files, its SQLite database holding the stored events; autocannon, ${mixed.connections} connections, ${mixed.seconds} s per page after a warm-up. The stored events are all dialogues: the dialogues query matches about 420 files and 420 stored events, the events query about 420 files and nothing stored (the same portal's rendering without the database's half). Compare with the public section (5,000 events, all from files) only on a quiet machine: see the load average above.`,
    '',
    '| page | req/s | p99 (ms) |',
    '|---|--:|--:|',
    ...mixed.rows.map((row) => `| ${row.name} (\`${row.path}\`) | ${Math.round(row.reqPerSec).toLocaleString('en')} | ${row.p99Ms} |`),
  ];
}
