// The page-benchmark section of docs/benchmarks.md, and how any section goes into the file.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { dirname } from 'node:path';

const PAGE_MARKERS = markers('pages');
const { start: START, end: END } = PAGE_MARKERS;

/** The comments that delimit benchmark `name`'s section in docs/benchmarks.md. */
export function markers(name) {
  return { start: `<!-- bench:${name}:start -->`, end: `<!-- bench:${name}:end -->` };
}

function osName() {
  try {
    const pretty = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]+)"?/m)?.[1];
    return pretty ? `${pretty}, ${type()} ${release()}` : `${type()} ${release()}`;
  } catch {
    return `${type()} ${release()}`;
  }
}

export function machine() {
  const cores = cpus();
  return {
    os: osName(),
    cpu: cores[0]?.model?.trim() ?? 'unknown CPU',
    cores: cores.length,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    // Other work on the machine lowers the numbers; this says whether there was any.
    load: loadavg()[0].toFixed(2),
  };
}

const integer = (n) => Math.round(n).toLocaleString('en-US');
export const kilobytes = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

export function table(rows, staticLabel) {
  const head = `| target | portal req/s | portal p99 (ms) | ${staticLabel} req/s | ${staticLabel} p99 (ms) | portal/${staticLabel} req/s | HTML bytes |`;
  const lines = rows.map(({ page, portal, reference }) =>
    [
      `\`${page.name}\` ${page.path}`,
      integer(portal.reqPerSec),
      integer(portal.p99Ms),
      integer(reference.reqPerSec),
      integer(reference.p99Ms),
      (portal.reqPerSec / reference.reqPerSec).toPrecision(2),
      `${integer(page.body.length)} (${kilobytes(page.body.length)})`,
    ].join(' | '),
  );
  return [head, '|---|--:|--:|--:|--:|--:|--:|', ...lines.map((line) => `| ${line} |`)].join('\n');
}

export function section({ date, machine: m, command, seconds, warmUpSeconds, connections, autocannonVersion, staticServer, staticLabel, budget, tableText }) {
  return `${START}
## Public pages: portal vs. static nginx

- Date: ${date}
- Machine: ${m.os}; ${m.cpu}, ${m.cores} cores; ${m.memory} RAM; Node ${m.node}; 1-minute load average before the run: ${m.load}
- Command: \`${command}\` (${seconds} s per target after ${warmUpSeconds} s of unrecorded warm-up, ${connections} connections, autocannon ${autocannonVersion}, 127.0.0.1 only)
- Static reference: ${staticServer}, serving the exact bytes the portal returned
- Event page budget: ${kilobytes(budget.bytes)} of HTML including its inline CSS, ${budget.ok ? 'under' : '**over**'} the ${kilobytes(budget.limit)} budget: ${budget.ok ? 'pass' : '**FAIL**'}

${tableText}

### How to read this

Each row is one public page. The portal renders it on every request (Astro SSR
in one Node process); ${staticLabel} sends the same bytes from a file, which is
about as fast as this machine can answer HTTP at all, so it is the ceiling, not
a target. "portal/${staticLabel}" is the portal's share of that ceiling: 0.10
means the portal serves a tenth of the requests per second. p99 is the latency
under which 99 % of requests finished while ${connections} connections were
kept busy; it grows with queueing, so compare it between rows and runs rather
than read it as a single visitor's wait. autocannon runs on the same machine
and takes CPU from the server it measures, so absolute numbers are lower than
on a dedicated server: compare runs on the same machine only. HTML bytes are
uncompressed; 1 KB = 1,024 bytes.
${END}`;
}

/** Replaces only one section (the pages' by default), so the other sections in the file survive. */
export function writeSection(file, text, { start: startMarker, end: endMarker } = PAGE_MARKERS) {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const intro = '# WhatsOn benchmarks\n\nWritten by `npm run bench`. Each benchmark owns the section between its `bench:…:start` and `bench:…:end` markers and replaces only that section when it runs again.\n';
    writeFileSync(file, `${intro}\n${text}\n`);
    return;
  }
  const current = readFileSync(file, 'utf8');
  const start = current.indexOf(startMarker);
  const end = current.indexOf(endMarker, start);
  const updated = start >= 0 && end >= 0 ? current.slice(0, start) + text + current.slice(end + endMarker.length) : `${current.trimEnd()}\n\n${text}\n`;
  writeFileSync(file, updated);
}
