// `npm start`: check what can be checked (configuration, content folder,
// port, database reachable and writable), build if needed, migrate the
// database, then serve on HOST:PORT (default 127.0.0.1:4321) with
// WHATSON_WORKERS processes (one per core by default; 1: this process
// serves). A refusal is one line, `[whatson] not starting: …`, and exit code 1.
import './keep-tick-object-shape.mjs';
import cluster from 'node:cluster';
import './require-node.mjs';
import { buildIfNeeded, bundleRuntimeIfNeeded } from './build-if-needed.mjs';

const runtimeUrl = new URL('../dist/runtime.mjs', import.meta.url).href;
const entryUrl = new URL('../dist/server/entry.mjs', import.meta.url).href;
const clientDir = new URL('../dist/client', import.meta.url).pathname;

if (cluster.isWorker) {
  // Forked by the primary below, which has checked, built and migrated.
  const runtime = await import(runtimeUrl);
  const { app } = await import(entryUrl);
  if (!(await runtime.serve(app, clientDir))) process.exit(1);
} else {
  // The checks need only the runtime bundle (seconds, not a build): a start
  // that cannot succeed builds nothing.
  bundleRuntimeIfNeeded();
  const runtime = await import(runtimeUrl);
  if (!(await runtime.checkBeforeStart())) process.exit(1);
  buildIfNeeded();
  if (!(await runtime.prepareForStart())) process.exit(1);
  const workers = runtime.workerCount();
  if (workers > 1) await runtime.serveWithWorkers(workers);
  else {
    const { app } = await import(entryUrl);
    if (!(await runtime.serve(app, clientDir))) process.exit(1);
  }
}
