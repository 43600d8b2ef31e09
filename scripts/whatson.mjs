// `npm run whatson -- <command>`: the admin CLI (bundled on first use; it needs no portal build).
import './require-node.mjs';
import { bundleRuntimeIfNeeded } from './build-if-needed.mjs';

bundleRuntimeIfNeeded();
const { runCli } = await import(new URL('../dist/runtime.mjs', import.meta.url).href);
process.exitCode = await runCli(process.argv.slice(2));
