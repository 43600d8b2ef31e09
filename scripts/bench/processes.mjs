// Child servers: start them, wait until they answer, stop them by their id.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { atCleanup } from './cleanup.mjs';

const alive = new Set();

// Last resort if the process ends without cleanUp() (an uncaught throw inside
// a library): never leave a server behind. Only synchronous calls work here.
process.on('exit', () => {
  for (const child of alive) signalGroup(child, 'SIGKILL');
});

/** A free loopback port: the kernel picks one, we release it for the child. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts a server as a child whose output goes to logFile (a server that logs
 * every request would block on a pipe nobody reads). The child gets its own
 * process group so that stopping it also stops its workers (nginx).
 */
export function startChild(command, args, { env = process.env, logFile }) {
  const log = openSync(logFile, 'a');
  const child = spawn(command, args, { env, stdio: ['ignore', log, log], detached: true });
  closeSync(log);
  child.logFile = logFile;
  alive.add(child);
  child.once('exit', () => alive.delete(child));
  atCleanup(() => stopChild(child));
  return child;
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function hasExited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM lets the portal finish in-flight requests; SIGKILL if it takes over 5 s. */
export async function stopChild(child) {
  if (hasExited(child)) return;
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  signalGroup(child, 'SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
  if (!stopped) {
    signalGroup(child, 'SIGKILL');
    await exited;
  }
}

export function logTail(child, lines = 15) {
  if (!existsSync(child.logFile)) return '(no output)';
  return readFileSync(child.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') || '(no output)';
}

/** Polls url until it answers 2xx; fails early, with the child's output, if the child dies. */
export async function waitUntilAnswering(url, child, { name, timeoutMs = 60_000 }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited(child)) {
      throw new Error(`${name} did not start: it exited with ${child.exitCode ?? child.signalCode}. Its last output:\n${logTail(child)}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`${name} did not answer ${url} within ${timeoutMs / 1000} s. Its last output:\n${logTail(child)}`);
}
