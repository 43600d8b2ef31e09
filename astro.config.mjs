// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

// PUBLIC_ORIGIN is read again at run time by src/server/config.ts; here it only
// sets the canonical site used for absolute links at build time.
const publicOrigin = process.env.PUBLIC_ORIGIN || 'http://127.0.0.1:4321';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  site: publicOrigin,
  trailingSlash: 'never',
  build: { inlineStylesheets: 'always' },
  server: { host: process.env.HOST || '127.0.0.1', port: Number(process.env.PORT || 4321) },
  security: { checkOrigin: true },
  devToolbar: { enabled: false },
});
