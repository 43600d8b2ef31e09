// What `npm start` does after the build: refuse a bad configuration or a
// failing migration with a clear message, then serve.
import { resolve } from 'node:path';
import { ConfigError, config } from './config';
import { closeDatabase, database } from './db/index';
import { MigrationError, migrateToLatest } from './db/migrate';
import { createPortalServer, listen, shutDownGracefully, type AstroHandler } from './http/node-server';
import { PageCache } from './public-cache/page-cache';
import { readPublicDataVersion } from './public-cache/public-data-version';
import { startMailWorker } from './mail/outgoing-mail';
import { checkStoredEventsNow } from './event-editor/catalogue-freshness';

type Output = { log: (line: string) => void; error: (line: string) => void };

export async function prepareForStart(out: Output = { log: console.log, error: console.error }): Promise<boolean> {
  try {
    const settings = config();
    const applied = await migrateToLatest(database());
    if (applied.length) out.log(`[whatson] applied migration(s): ${applied.join(', ')}`);
    out.log(`[whatson] database: ${settings.DATABASE_URL.kind === 'sqlite' ? settings.DATABASE_URL.file : 'PostgreSQL'}`);
    return true;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof MigrationError) {
      out.error(`[whatson] not starting. ${error.message}`);
      await closeDatabase();
      return false;
    }
    throw error;
  }
}

export async function serve(astroHandler: AstroHandler, clientDir = resolve('dist/client')): Promise<void> {
  const { HOST, PORT, TRUSTED_PROXIES } = config();
  const pageCache = new PageCache({
    readVersion: async () => {
      const version = await readPublicDataVersion(database().db);
      // Pages kept under this version must not be rendered from an older catalogue.
      checkStoredEventsNow();
      return version;
    },
  });
  const server = createPortalServer(astroHandler, { host: HOST, port: PORT, clientDir, trustedProxies: TRUSTED_PROXIES, pageCache });
  const mailWorker = startMailWorker(database().db);
  shutDownGracefully(server, async () => {
    await mailWorker.stop();
    await closeDatabase();
  });
  await listen(server, HOST, PORT);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : PORT;
  console.log(`[whatson] serving on http://${HOST.includes(':') ? `[${HOST}]` : HOST}:${port}`);
}
