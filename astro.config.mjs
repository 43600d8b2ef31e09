// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

// Read at build time; scripts/build-if-needed.mjs rebuilds when it changes.
// src/server/config.ts validates the same variable at run time.
const publicOrigin = new URL(process.env.PUBLIC_ORIGIN || 'http://127.0.0.1:4321');

/**
 * The Node adapter (its build settings, body limit and sessions) with our
 * own server entry: src/server/http/astro-app.ts exports Astro's app, whose
 * render() gives a Response our server keeps or writes
 * (src/server/http/node-server.ts), instead of the adapter's handler that
 * writes to the Node response itself.
 */
function nodeAdapterWithOurEntry(options) {
  const integration = node(options);
  const configDone = integration.hooks['astro:config:done'];
  integration.hooks['astro:config:done'] = (params) =>
    configDone?.({ ...params, setAdapter: (adapter) => params.setAdapter({ ...adapter, serverEntrypoint: new URL('./src/server/http/astro-app.ts', import.meta.url) }) });
  return integration;
}

export default defineConfig({
  output: 'server',
  // Our own server (src/server/http/node-server.ts) renders through Astro's app.
  // It counts each body against its route's own limit and deadline
  // (src/server/http/body-limits.ts); this outer limit, the largest of them (a
  // 10 MB PDF with its form), is what counts under `astro dev`.
  adapter: nodeAdapterWithOurEntry({ mode: 'middleware', bodySizeLimit: 11 * 1024 * 1024 }),
  site: publicOrigin.origin,
  trailingSlash: 'never',
  build: { inlineStylesheets: 'always' },
  security: {
    checkOrigin: true,
    // Behind a proxy, Host / X-Forwarded-Host are only believed for this domain.
    allowedDomains: [{ hostname: publicOrigin.hostname, protocol: publicOrigin.protocol.replace(':', '') }],
  },
  devToolbar: { enabled: false },
});
