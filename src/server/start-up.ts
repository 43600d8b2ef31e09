// What `npm start` does, in this order (scripts/start.mjs):
//   1. checkBeforeStart: configuration, content folder, port, database
//      reachable and writable; before any build or migration they would make
//      pointless.
//   2. (the build, if sources changed)
//   3. prepareForStart: migrations.
//   4. serve.
// Each refusal is one line, `[whatson] not starting: …`, naming the cause
// and the setting, with no stack trace; the caller exits non-zero.
import cluster from 'node:cluster';
import { resolve } from 'node:path';
import { ConfigError, config } from './config';
import { contentFolderProblem } from './content-directory';
import { closeDatabase, database } from './db/index';
import type { DatabaseHandle } from './db/connection';
import { explainDatabaseProblem } from './db/explain-fault';
import { databaseFaultOf } from './db/faults';
import { MigrationError, migrateToLatest } from './db/migrate';
import { probeReadWrite } from './db/probe';
import { portalNowMs } from './clock';
import { explainListenError, listen, portProblem } from './http/listening';
import { createPortalServer, shutDownGracefully, type AstroApp } from './http/node-server';
import { announcePublicDataChange, onSiblingChange, superviseWorkers, whenNpmGoes } from './http/workers';
import { PageCache } from './public-cache/page-cache';
import { readPublicDataVersion } from './public-cache/public-data-version';
import { startMailWorker } from './mail/outgoing-mail';
import { startWalCheckpoints } from './db/wal-checkpoints';
import { startPrivacyHousekeeping } from './privacy/privacy-housekeeping';
import { checkStoredContentNow } from './event-editor/catalogue-freshness';
import { startDigestJob } from './digests/digest-job';

type Output = { log: (line: string) => void; error: (line: string) => void };
const standardOutput: Output = { log: (line) => console.log(line), error: (line) => console.error(line) };

async function refuse(out: Output, problem: string): Promise<false> {
  out.error(`[whatson] not starting: ${problem.replace(/\s*\n\s*/g, ' ')}`);
  await closeDatabase();
  return false;
}

function describeConfigProblems(error: ConfigError): string {
  return `${error.problems.map((problem) => `${problem.variable} ${problem.message}`).join('; ')} (README.md lists every setting)`;
}

/** Everything that can be known to fail before building and migrating. The database stays open for what follows. */
export async function checkBeforeStart(out: Output = standardOutput): Promise<boolean> {
  let settings;
  try {
    settings = config();
  } catch (error) {
    if (error instanceof ConfigError) return refuse(out, describeConfigProblems(error));
    throw error;
  }
  const content = contentFolderProblem();
  if (content) return refuse(out, content);
  const port = await portProblem(settings.HOST, settings.PORT);
  if (port) return refuse(out, port);
  try {
    await probeReadWrite(database());
  } catch (error) {
    return refuse(out, explainDatabaseProblem(settings.DATABASE_URL, error));
  }
  return true;
}

export async function prepareForStart(out: Output = standardOutput): Promise<boolean> {
  try {
    const settings = config();
    const applied = await migrateToLatest(database());
    if (applied.length) out.log(`[whatson] applied migration(s): ${applied.join(', ')}`);
    out.log(`[whatson] database: ${settings.DATABASE_URL.kind === 'sqlite' ? settings.DATABASE_URL.file : 'PostgreSQL'}`);
    if (settings.WHATSON_CLOCK) out.log(`[whatson] clock: the portal's "now" started at ${settings.WHATSON_CLOCK} (WHATSON_CLOCK), not the machine's time`);
    return true;
  } catch (error) {
    if (error instanceof ConfigError) return refuse(out, describeConfigProblems(error));
    // The database went away between the check and the migration.
    const cause = error instanceof MigrationError ? error.cause : error;
    if (databaseFaultOf(cause)) return refuse(out, explainDatabaseProblem(config().DATABASE_URL, cause));
    if (error instanceof MigrationError) return refuse(out, error.message);
    throw error;
  }
}

/** Serves until stopped; false (after one line) if HOST:PORT cannot be taken after all. */
export async function serve(app: AstroApp, clientDir = resolve('dist/client'), out: Output = standardOutput): Promise<boolean> {
  const { HOST, PORT, TRUSTED_PROXIES, PUBLIC_ORIGIN } = config();
  const pageCache = new PageCache({
    readVersion: async () => {
      const version = await readPublicDataVersion(database().db);
      // Pages kept under this version must not be rendered from an older catalogue.
      checkStoredContentNow();
      return version;
    },
    // Pages are kept until the portal's clock reaches the next change of the events they show.
    clock: portalNowMs,
  });
  // Several workers of one instance: a change through one is looked for at once by the others.
  onSiblingChange(() => pageCache.checkVersionNow());
  const server = createPortalServer(app, { host: HOST, port: PORT, clientDir, trustedProxies: TRUSTED_PROXIES, pageCache, publicOrigin: PUBLIC_ORIGIN, onLocalChange: announcePublicDataChange });
  try {
    await listen(server, HOST, PORT);
  } catch (error) {
    // Taken by someone else since the check.
    return refuse(out, explainListenError(error, HOST, PORT));
  }
  const mailWorker = startMailWorker(database().db);
  const checkpoints = walCheckpointsFor(database());
  // A worker leaves them to the primary (serveWithWorkers).
  const background = cluster.isWorker ? undefined : startBackgroundJobs();
  const stop = shutDownGracefully(server, async () => {
    await mailWorker.stop();
    await background?.stop();
    await checkpoints?.stop();
    await closeDatabase();
  });
  whenNpmGoes(() => stop('npm has stopped'));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : PORT;
  // With several workers the primary says it once, for all of them.
  if (!cluster.isWorker) out.log(`[whatson] serving on http://${HOST.includes(':') ? `[${HOST}]` : HOST}:${port}`);
  return true;
}

/** An SQLite file's checkpoints on a thread of their own (db/wal-checkpoints.ts); nothing to do on PostgreSQL or in memory. */
function walCheckpointsFor(handle: DatabaseHandle) {
  const target = config().DATABASE_URL;
  if (!handle.sqlite || target.kind !== 'sqlite' || target.file === ':memory:') return undefined;
  return startWalCheckpoints(handle.sqlite, target.file);
}

/** How many processes answer HTTP (WHATSON_WORKERS, one per core by default). */
export function workerCount(): number {
  return config().WHATSON_WORKERS;
}

/**
 * After checks, build and migrations in this process: fork the workers (each
 * runs `serve`), and say where they serve once they all do. The primary
 * keeps no database connection.
 */
export async function serveWithWorkers(count: number, out: Output = standardOutput): Promise<void> {
  const { HOST, PORT } = config();
  let listening = 0;
  cluster.on('listening', () => {
    listening += 1;
    if (listening === count) out.log(`[whatson] serving on http://${HOST.includes(':') ? `[${HOST}]` : HOST}:${PORT} with ${count} worker processes`);
  });
  const background = startBackgroundJobs();
  superviseWorkers({
    count,
    log: out.error,
    beforeExit: async () => {
      await background.stop();
      await closeDatabase();
    },
  });
}

/**
 * The jobs each instance runs in the background, in one of its processes:
 * the one that serves, or with workers the primary, which answers no request.
 * A pass reads every event file and keeps what it read (with 5,000 events
 * seconds of CPU and a few hundred MB): none of that in a worker's heap or
 * between its answers, and no worker's death delays a pass.
 */
function startBackgroundJobs(): { stop(): Promise<void> } {
  const { HEALTH_DATA_RETENTION_DAYS, ATTACHMENTS_DIR } = config();
  const jobs = [
    // Every instance runs it; a pass is idempotent, so overlapping passes do no harm.
    startPrivacyHousekeeping(database().db, { retentionDays: HEALTH_DATA_RETENTION_DAYS, attachmentsDir: ATTACHMENTS_DIR }),
    // Every instance starts it; the pass itself runs where it takes the digest lock.
    startDigestJob(database()),
  ];
  return {
    async stop() {
      for (const job of jobs) await job.stop();
    },
  };
}
