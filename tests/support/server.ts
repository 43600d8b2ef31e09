// Starts the built portal as a child process through `npm start`'s script:
// configuration check, migrations, then the server.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** `cwd`: another copy of the project (with its own build), such as one built from exported content. */
export async function startServer(env: Record<string, string> = {}, cwd?: string): Promise<RunningServer> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd,
    // Trusting 127.0.0.1 as a proxy lets tests speak for many client addresses.
    // One process unless a test asks for workers: what a test does through it is then seen at once.
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), TRUSTED_PROXIES: '127.0.0.1', WHATSON_WORKERS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  // Start-up migrates and may wait on a busy machine: a condition with a
  // generous bound, and a clear failure instead of tests against no server.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited early:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer within 90 s:\n${output}`);
    }
    try {
      // With several workers, the first may answer before the others listen: the primary says when all do.
      if (output.includes('[whatson] serving on')) {
        await fetch(`${baseUrl}/`);
        break;
      }
    } catch {
      // Not answering yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    baseUrl,
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
