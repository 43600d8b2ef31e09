// The portal as `npm start` runs it, minus the build check: bench.mjs has
// already built dist/, and a child stopped in the middle of a rebuild would
// leave dist/ half written and the build lock held.
const root = new URL('../../', import.meta.url);
const runtime = await import(new URL('dist/runtime.mjs', root).href);
if (!(await runtime.prepareForStart())) process.exit(1);
// The feed benchmark serves a portal built from generated content into its own folder.
const dist = process.env.WHATSON_BENCH_DIST ? new URL(`file://${process.env.WHATSON_BENCH_DIST}/`) : new URL('dist/', root);
const { handler } = await import(new URL('server/entry.mjs', dist).href);
await runtime.serve(handler, new URL('client', dist).pathname);
