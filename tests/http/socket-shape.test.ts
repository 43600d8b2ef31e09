// V8 compiles Node's HTTP and stream code for the shapes (hidden classes) of
// the sockets it has seen. A socket that gains a property while it answers
// (Node caches the peer's address on the socket the first time anyone reads
// it) takes a new shape, and each new shape sends that compiled code back to
// be compiled again, for every socket, while the 304 poll runs
// (docs/benchmarks.md, issue #19). So our server reads what it needs of a
// connection when the connection opens: every connection then has the same
// properties in the same order, whichever way its requests are answered.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPortalServer } from '../../src/server/http/node-server';

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'whatson-socket-shape-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Sends one request on `client` and resolves with the whole answer once its body has arrived. */
async function ask(client: Socket, method: string, path: string, body: RegExp): Promise<string> {
  let answer = '';
  const onData = (chunk: Buffer) => (answer += chunk.toString('latin1'));
  client.on('data', onData);
  client.write(`${method} ${path} HTTP/1.1\r\nHost: portal.test\r\nX-Forwarded-For: 198.51.100.7\r\n\r\n`);
  await vi.waitFor(() => expect(answer).toMatch(body));
  client.off('data', onData);
  return answer;
}

describe('kept-alive connections', () => {
  it('have the same properties, in the same order, whichever way their requests were answered', async () => {
    const server = createPortalServer(
      { match: () => undefined, render: async () => new Response('rendered', { headers: { 'content-type': 'text/plain' } }) },
      { host: '127.0.0.1', port: 0, clientDir: folder, trustedProxies: ['127.0.0.1'], log: () => {} },
    );
    const opened: Socket[] = [];
    server.on('connection', (socket: Socket) => opened.push(socket));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const refused = connect(port, '127.0.0.1');
    const rendered = connect(port, '127.0.0.1');
    try {
      await Promise.all([once(refused, 'connect'), once(rendered, 'connect')]);
      await vi.waitFor(() => expect(opened).toHaveLength(2));
      // Answered before anything looks at the client: no address is read.
      for (const attempt of [1, 2]) expect(await ask(refused, 'TRACE', `/events?${attempt}`, /not used here\.\r\n0\r\n\r\n$/)).toMatch(/^HTTP\/1\.1 405/);
      // The ordinary way: the client's address (for the rate limits and logs) is read from the connection.
      for (const attempt of [1, 2]) expect(await ask(rendered, 'GET', `/events?${attempt}`, /\r\n\r\nrendered$/)).toMatch(/^HTTP\/1\.1 200/);
      const [first, second] = opened.map((socket) => Reflect.ownKeys(socket));
      expect(second).toEqual(first);
    } finally {
      refused.destroy();
      rendered.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
