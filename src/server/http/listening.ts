// Taking HOST:PORT, and saying in one line why it cannot be taken. Start-up
// asks before building or migrating, so a port already in use is reported
// at once, not after minutes of work it makes pointless.
import { createServer, type Server } from 'node:net';

export function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Why the portal cannot listen on host:port, naming HOST or PORT. */
export function explainListenError(error: unknown, host: string, port: number): string {
  const code = (error as { code?: unknown })?.code;
  switch (code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use by another process (PORT): stop it, or choose another PORT`;
    case 'EACCES':
      return `this user may not listen on port ${port} (PORT): choose a port above 1023 and put a reverse proxy in front`;
    case 'EADDRNOTAVAIL':
      return `${host} is not an address of this machine (HOST): use 127.0.0.1, 0.0.0.0 or one of its addresses`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host name ${host} cannot be resolved (HOST): use an address such as 127.0.0.1 or 0.0.0.0`;
  }
  return `cannot listen on ${host}:${port} (HOST, PORT): ${error instanceof Error ? error.message : String(error)}`;
}

/** Null when host:port can be taken now (it is let go again at once). */
export async function portProblem(host: string, port: number): Promise<string | null> {
  const probe = createServer();
  try {
    await listen(probe, host, port);
    await new Promise((resolve) => probe.close(resolve));
    return null;
  } catch (error) {
    return explainListenError(error, host, port);
  }
}
