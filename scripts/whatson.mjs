// `npm run whatson -- <command>`: the admin CLI, built with the portal.
import { buildIfNeeded } from './build-if-needed.mjs';

buildIfNeeded({ quiet: true });
const { runCli } = await import(new URL('../dist/runtime.mjs', import.meta.url).href);
process.exitCode = await runCli(process.argv.slice(2));
