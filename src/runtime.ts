// Entry of dist/runtime.mjs: the parts of the portal that run outside Astro's
// handler (admin CLI, start-up checks, the HTTP server).
export { runCli } from './cli/whatson';
export { checkBeforeStart, prepareForStart, serve, serveWithWorkers, workerCount } from './server/start-up';
