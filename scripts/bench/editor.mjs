// The cost of publishing from the browser with 5,000 events (half stored),
// and of another instance seeing it; and what reading every stored event per
// request (as a live content collection would) would cost instead.
import { join } from 'node:path';
import { buildSync } from 'esbuild';

export const EDITOR_TARGET_MS = 1000;

export async function benchEditor(tempDir, { log, total = 5000, saves = 20 }) {
  const outfile = join(process.cwd(), 'node_modules/.cache/whatson-bench/editor.mjs');
  buildSync({ entryPoints: ['scripts/bench/editor-entry.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'warning' });
  const { measureEditor } = await import(outfile);
  log(`editor: ${total} events (${total / 2} stored), ${saves} saves …`);
  return measureEditor(tempDir, total, saves);
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
    'Listing and event pages are then answered as before (from memory, or rendered from the same index): see the public section.',
    '<!-- bench:editor:end -->',
  ].join('\n');
}
