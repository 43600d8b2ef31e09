// The machine a benchmark ran on, and how a section goes into docs/benchmarks.md.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { dirname } from 'node:path';

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

/** Replaces only the section between the markers, so the other sections in the file survive. */
export function writeSection(file, text, { start: startMarker, end: endMarker }) {
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
