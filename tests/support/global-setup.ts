// One built portal, serving the demo content moved to today's date, shared by the http and e2e tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildIfNeeded } from '../../scripts/build-if-needed.mjs';
import { startServer, type RunningServer } from './server';
import { prepareFixtureContent } from './fixture-content.mjs';

let server: RunningServer | undefined;
let dataFolder: string | undefined;

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    outboxDir: string;
    databaseUrl: string;
  }
}

export async function setup(project: TestProject) {
  process.env.WHATSON_CONTENT_DIR = prepareFixtureContent();
  buildIfNeeded();
  dataFolder = mkdtempSync(join(tmpdir(), 'whatson-http-'));
  const outboxDir = join(dataFolder, 'outbox');
  const databaseUrl = join(dataFolder, 'whatson.sqlite');
  server = await startServer({ DATABASE_URL: databaseUrl, OUTBOX_DIR: outboxDir });
  project.provide('databaseUrl', databaseUrl);
  project.provide('baseUrl', server.baseUrl);
  project.provide('outboxDir', outboxDir);
}

export async function teardown() {
  await server?.stop();
  if (dataFolder) rmSync(dataFolder, { recursive: true, force: true });
}
