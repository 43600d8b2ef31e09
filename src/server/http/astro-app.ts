// The server entry Astro builds into dist/server/entry.mjs (astro.config.mjs
// points the Node adapter at it): Astro's app itself, whose render() returns
// a standard Response. Our server (node-server.ts) decides what to do with
// that Response (keep it in the page cache, compress it, write it), so
// nothing has to intercept what an adapter writes to the Node response.
import { createApp } from 'astro/app/entrypoint';
import { setGetEnv } from 'astro/env/setup';

setGetEnv((key) => process.env[key]);

/**
 * Not streamed: every page is rendered whole before it is sent (the cache
 * keeps whole answers anyway, and a rendered string costs less than a stream).
 */
export const app = createApp({ streaming: false });
