// `npm start`: build if needed, check the configuration, migrate the database,
// then serve on HOST:PORT (default 127.0.0.1:4321).
import { buildIfNeeded } from './build-if-needed.mjs';

buildIfNeeded();
const { prepareForStart } = await import(new URL('../dist/cli/whatson.mjs', import.meta.url).href);
if (!(await prepareForStart())) process.exit(1);
process.env.HOST ||= '127.0.0.1';
process.env.PORT ||= '4321';
console.log(`[whatson] serving on http://${process.env.HOST}:${process.env.PORT}`);
await import(new URL('../dist/server/entry.mjs', import.meta.url).href);
