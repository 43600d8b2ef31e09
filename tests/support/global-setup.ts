// One built portal, serving the demo content, shared by the http and e2e tests.
import type { TestProject } from 'vitest/node';
import { buildIfNeeded } from '../../scripts/build-if-needed.mjs';
import { startServer, type RunningServer } from './server';

let server: RunningServer | undefined;

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export async function setup(project: TestProject) {
  delete process.env.WHATSON_CONTENT_DIR;
  buildIfNeeded();
  server = await startServer();
  project.provide('baseUrl', server.baseUrl);
}

export async function teardown() {
  await server?.stop();
}
