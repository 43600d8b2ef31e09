// A portal built from generated content into a folder of its own (dist/ is
// left alone), and started on its own SQLite file.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { generateContent } from './generated-content.mjs';
import { freePort, startChild, waitUntilAnswering } from './processes.mjs';

/** Generates `events` entries under tempDir and builds them; returns the folders and the build time. */
export function buildGeneratedPortal(tempDir, events) {
  const contentDir = join(tempDir, `content-${events}`);
  // Inside the project (the server bundle imports packages from node_modules), but not dist/.
  const outDir = join(process.cwd(), `node_modules/.cache/whatson-bench/dist-${events}`);
  generateContent(contentDir, events, 'content/topics');
  const started = Date.now();
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir], {
    env: { ...process.env, WHATSON_CONTENT_DIR: contentDir, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`building the portal with ${events} generated events failed (see above).`);
  return { events, contentDir, outDir, buildSeconds: (Date.now() - started) / 1000 };
}

/**
 * Serves a built generated portal with `workers` processes (WHATSON_WORKERS);
 * 127.0.0.1 is a trusted proxy so that clients may name their own addresses.
 */
export async function startGeneratedPortal(tempDir, built, { workers = 1, name = '', execArgv = [] } = {}) {
  const port = await freePort();
  // `name` keeps the database and outbox of one of several portals of the same build running at once apart.
  const own = `${built.events}${name ? `-${name}` : ''}`;
  const database = join(tempDir, `portal-${own}.sqlite`);
  const env = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    TRUSTED_PROXIES: '127.0.0.1',
    DATABASE_URL: database,
    OUTBOX_DIR: join(tempDir, `outbox-${own}`),
    WHATSON_CONTENT_DIR: built.contentDir,
    WHATSON_BENCH_DIST: built.outDir,
    WHATSON_WORKERS: String(workers),
  };
  // Node's options for the primary are its workers' too (node:cluster forks with the primary's execArgv).
  const child = startChild(process.execPath, [...execArgv, 'scripts/bench/serve-portal.mjs'], { env, logFile: join(tempDir, `portal-${built.events}-${workers}.log`) });
  const origin = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${origin}/`, child, { name: `The portal with ${built.events} generated events`, timeoutMs: 120_000 });
  // Its background jobs count their first passes from about now (public.mjs waits for them).
  const answeringSince = Date.now();
  // With several workers the first may answer before the others listen.
  if (workers > 1) await new Promise((resolve) => setTimeout(resolve, 3_000));
  return { origin, child, database, workers, answeringSince };
}
