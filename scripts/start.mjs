// `npm start`: check what can be checked (configuration, content folder,
// port, database reachable and writable), build if needed, migrate the
// database, then serve on HOST:PORT (default 127.0.0.1:4321). A refusal is
// one line, `[whatson] not starting: …`, and exit code 1.
import './require-node.mjs';
import { buildIfNeeded, bundleRuntimeIfNeeded } from './build-if-needed.mjs';

// The checks need only the runtime bundle (seconds, not a build): a start
// that cannot succeed builds nothing.
bundleRuntimeIfNeeded();
const runtime = await import(new URL('../dist/runtime.mjs', import.meta.url).href);
if (!(await runtime.checkBeforeStart())) process.exit(1);
buildIfNeeded();
if (!(await runtime.prepareForStart())) process.exit(1);
const { handler } = await import(new URL('../dist/server/entry.mjs', import.meta.url).href);
if (!(await runtime.serve(handler, new URL('../dist/client', import.meta.url).pathname))) process.exit(1);
