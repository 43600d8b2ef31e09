// Builds the portal when dist/ is missing or older than its sources, so that
// `npm start` works right after `npm install` and stays quick afterwards.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

const STAMP = 'dist/.build-stamp.json';
const SOURCES = ['src', 'public', 'db', 'astro.config.mjs', 'package-lock.json', 'tsconfig.json'];

function newestChange(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, name)));
  return newest;
}

const LOCK = '.build.lock';
/** Longer than any build: a lock this old was left by a process that was killed. */
const ABANDONED_AFTER_MS = 5 * 60 * 1000;

/**
 * Whether the lock at `path` was left by a killed process. A lock released
 * at this very moment (the build that held it finished) is not abandoned,
 * nor an error: another process may remove it between any two calls.
 */
export function isAbandonedLock(path, now = Date.now()) {
  const held = statSync(path, { throwIfNoEntry: false });
  return held !== undefined && now - held.mtimeMs > ABANDONED_AFTER_MS;
}

/** Two test runs or starts at once must not build into dist/ together. */
function withBuildLock(work) {
  const deadline = Date.now() + ABANDONED_AFTER_MS;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (isAbandonedLock(LOCK)) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`${LOCK} is held by another build; remove it if no build is running.`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    return work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export function buildIfNeeded(options = {}) {
  return withBuildLock(() => buildUnlessCurrent(options));
}

/**
 * The admin CLI needs only dist/runtime.mjs, which reads its settings at run
 * time: bundle it when missing or older than the sources, and leave the
 * portal's build (and any server running from it) alone.
 */
export function bundleRuntimeIfNeeded() {
  return withBuildLock(() => {
    const runtime = 'dist/runtime.mjs';
    const sourcesChanged = Math.max(newestChange('src'), newestChange('db'), newestChange('package-lock.json'));
    if (existsSync(runtime) && statSync(runtime).mtimeMs >= sourcesChanged) return false;
    bundleRuntime();
    return true;
  });
}

function buildUnlessCurrent({ force = false, quiet = false }) {
  const contentDir = resolve(process.env.WHATSON_CONTENT_DIR || 'content');
  // Canonical links and the allowed domains are fixed at build time.
  const publicOrigin = process.env.PUBLIC_ORIGIN || '';
  const sourcesChanged = Math.max(...SOURCES.map(newestChange), newestChange(contentDir));
  let stamp = null;
  if (existsSync(STAMP)) {
    try {
      stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
    } catch {
      stamp = null;
    }
  }
  const upToDate =
    !force && existsSync('dist/server/entry.mjs') && stamp?.contentDir === contentDir && stamp?.publicOrigin === publicOrigin && stamp?.sourcesNewest === sourcesChanged;
  if (upToDate) return false;
  console.error(`[whatson] building the portal from ${contentDir} …`);
  // The newest source's time as the file system tells it, not the clock's: a
  // build made under another clock (faketime) must not look newer than what
  // changes after it. Any other newest time, earlier or later, means a change.
  const sourcesNewest = sourcesChanged;
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
    // Quiet builds (the CLI) keep their standard output for the command's own answer.
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) {
    console.error('[whatson] the build failed; see the messages above (a content error names the file and the field).');
    process.exit(result.status ?? 1);
  }
  bundleRuntime();
  writeFileSync(STAMP, JSON.stringify({ contentDir, publicOrigin, sourcesNewest }));
  return true;
}

/** The admin CLI, start-up checks and HTTP server, as one ES module that plain node runs. */
function bundleRuntime() {
  buildSync({
    entryPoints: ['src/runtime.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    outfile: 'dist/runtime.mjs',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfNeeded({ force: process.argv.includes('--force') });
