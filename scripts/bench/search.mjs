// /search with 5,000 events: the index built once per catalogue, then each
// query (every word, typos forgiven, prefixes, a fallback to any word).
import { join } from 'node:path';
import { buildSync } from 'esbuild';

export const SEARCH_TARGET_MS = 50;

export async function benchSearch({ log, total = 5000, rounds = 20 }) {
  const outfile = join(process.cwd(), 'node_modules/.cache/whatson-bench/search.mjs');
  buildSync({ entryPoints: ['scripts/bench/search-entry.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'warning' });
  const { measureSearch } = await import(outfile);
  log(`search: ${total} events, ${rounds} rounds of 10 queries …`);
  return measureSearch(total, rounds);
}

function verdictOf(max, p95) {
  return max < SEARCH_TARGET_MS ? 'met' : p95 < SEARCH_TARGET_MS ? 'met at the 95th percentile, **missed** by the worst query' : '**missed**';
}

export function searchSection({ date, machine: m, command, result }) {
  return [
    '<!-- bench:search:start -->',
    `## Search across the portal with ${result.total.toLocaleString('en')} events`,
    '',
    `- Date: ${date}`,
    `- Machine: ${m.os}; ${m.cpu}, ${m.cores} cores; ${m.memory} RAM; Node ${m.node}; 1-minute load average before the run: ${m.load}`,
    `- Command: \`${command}\`; in process (what /search runs per request), ${result.documents.toLocaleString('en')} documents (events, topics, 500 pieces of published input), ${result.queries} queries measured after two unmeasured rounds`,
    '',
    '| step | wall clock (ms) | CPU of this process (ms) |',
    '|---|--:|--:|',
    `| build the catalogue's index (once per catalogue change) | ${result.buildMs} | ${result.buildCpuMs} |`,
    `| build the published input's index (once per public data version) | ${result.inputBuildMs} | — |`,
    `| one query, median | ${result.medianMs} | ${result.cpuMedianMs} |`,
    `| one query, 95th percentile | ${result.p95Ms} | ${result.cpuP95Ms} |`,
    `| one query, worst | ${result.maxMs} | ${result.cpuMaxMs} |`,
    '',
    `Queries, results and median CPU ms: ${Object.entries(result.hits).map(([query, count]) => `“${query}” ${count} (${result.cpuMedianByQuery[query]} ms)`).join(', ')}.`,
    '',
    'The wall clock counts the turns of every other process on the machine (see the load average); the CPU time is what one query costs.',
    `Target: under ${SEARCH_TARGET_MS} ms per query: ${verdictOf(result.cpuMaxMs, result.cpuP95Ms)} by CPU time, ${verdictOf(result.maxMs, result.p95Ms)} by the wall clock.`,
    '<!-- bench:search:end -->',
  ].join('\n');
}
