// The portal as `npm start` runs it, minus the build check: bench.mjs has
// already built dist/, and a child stopped in the middle of a rebuild would
// leave dist/ half written and the build lock held.
const root = new URL('../../', import.meta.url);
const runtime = await import(new URL('dist/runtime.mjs', root).href);
if (!(await runtime.prepareForStart())) process.exit(1);
const { handler } = await import(new URL('dist/server/entry.mjs', root).href);
await runtime.serve(handler, new URL('dist/client', root).pathname);
