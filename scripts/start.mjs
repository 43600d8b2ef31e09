// `npm start`: build if needed, check the configuration, migrate the database,
// then serve on HOST:PORT (default 127.0.0.1:4321).
import './require-node.mjs';
import { buildIfNeeded } from './build-if-needed.mjs';

buildIfNeeded();
const runtime = await import(new URL('../dist/runtime.mjs', import.meta.url).href);
if (!(await runtime.prepareForStart())) process.exit(1);
const { handler } = await import(new URL('../dist/server/entry.mjs', import.meta.url).href);
await runtime.serve(handler, new URL('../dist/client', import.meta.url).pathname);
