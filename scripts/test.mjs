// `npm test`: type-check, build, then every test (unit, build, http, e2e).
// Extra arguments go to vitest: `npm test -- tests/unit`.
import './require-node.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { buildIfNeeded } from './build-if-needed.mjs';
import { prepareFixtureContent } from '../tests/support/fixture-content.mjs';

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The browser tests use Debian's chromium; as root we can install it, otherwise they explain how. */
function ensureChromium() {
  if (process.env.CHROMIUM_PATH || existsSync('/usr/bin/chromium')) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    console.warn('[whatson] chromium is missing: browser tests will be skipped. Install it with `apt-get install chromium` or set CHROMIUM_PATH.');
    return;
  }
  console.log('[whatson] installing Debian chromium for the browser tests …');
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update'], { stdio: 'inherit', env: aptEnv });
  spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env: aptEnv });
}

const vitestArgs = process.argv.slice(2);
ensureChromium();
run(process.execPath, ['node_modules/astro/bin/astro.mjs', 'check']);
// The tests run against the demo content moved to today's date (tests/support/fixture-content.mjs).
process.env.WHATSON_CONTENT_DIR = env.WHATSON_CONTENT_DIR = prepareFixtureContent();
buildIfNeeded();
run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...vitestArgs]);
