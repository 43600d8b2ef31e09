// The portal as `npm start` runs it, minus the build check: bench.mjs has
// already built dist/, and a child stopped in the middle of a rebuild would
// leave dist/ half written and the build lock held. WHATSON_WORKERS as for
// `npm start` (the benchmark sets it: one process, or one per core).
import '../keep-tick-object-shape.mjs';
import cluster from 'node:cluster';

const root = new URL('../../', import.meta.url);
const runtime = await import(new URL('dist/runtime.mjs', root).href);
// The feed benchmark serves a portal built from generated content into its own folder.
const dist = process.env.WHATSON_BENCH_DIST ? new URL(`file://${process.env.WHATSON_BENCH_DIST}/`) : new URL('dist/', root);
if (cluster.isPrimary) {
  if (!(await runtime.prepareForStart())) process.exit(1);
}
if (cluster.isPrimary && runtime.workerCount() > 1) {
  await runtime.serveWithWorkers(runtime.workerCount());
} else {
  const { app } = await import(new URL('server/entry.mjs', dist).href);
  await runtime.serve(app, new URL('client', dist).pathname);
}
