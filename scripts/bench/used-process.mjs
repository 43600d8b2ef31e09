// Loaded (node --import) into a node:http floor before it serves, so that it
// serves from a process that has used Node's shared machinery the way any
// large application has by then (the portal: Astro's rendering, SQLite, zlib,
// files, the mail thread's messages): streams of many kinds, events, the tick
// queue and timers with many kinds of objects and callbacks, an HTTP server
// and client with other handlers. V8 then no longer finds one shape of object
// at each place in that shared code, and the floor's own answers cost more
// (public.mjs reports by how much): part of what the portal's answers cost
// beyond the plain floor is this, not the portal's own code.
import { once } from 'node:events';
import { EventEmitter } from 'node:events';
import { createReadStream, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, pipeline, Readable, Transform, Writable } from 'node:stream';
import { createGzip } from 'node:zlib';

const file = join(tmpdir(), `whatson-bench-used-${process.pid}.txt`);
writeFileSync(file, 'a line of text to read, compress and throw away\n'.repeat(4000));
const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });
const work = [];
for (let i = 0; i < 300; i++) {
  work.push(new Promise((resolve) => pipeline(createReadStream(file, { highWaterMark: 1024 * (1 + (i % 16)) }), createGzip(), discard(), () => resolve())));
  work.push(
    new Promise((resolve) => {
      const through = new PassThrough({ objectMode: i % 2 === 0 });
      through.on('data', () => {});
      through.on('end', resolve);
      for (let j = 0; j < 20; j++) through.write(i % 2 ? Buffer.from('ab') : { j });
      through.end();
    }),
  );
  work.push(
    new Promise((resolve) => {
      const copy = new Transform({ transform: (chunk, _encoding, done) => done(null, chunk) });
      copy.resume();
      copy.on('end', resolve);
      Readable.from(['a', 'b', Buffer.from('c')]).pipe(copy);
    }),
  );
  const emitter = Object.assign(new EventEmitter(), { [`field${i % 30}`]: i });
  emitter.on('one', () => {});
  emitter.once('three', () => {});
  emitter.emit('one', 1);
  emitter.emit('three', 1, 2, 3);
  process.nextTick(() => {});
  process.nextTick(() => {}, 1);
  process.nextTick(() => {}, 1, 2, 3);
  setTimeout(() => {}, i % 5).unref();
  setImmediate(() => {});
}
const server = createServer((req, res) => {
  if (req.url === '/text') {
    res.setHeader('x-kind', 'text');
    res.end('hello');
  } else {
    res.writeHead(200, { 'content-type': 'text/plain' });
    req.pipe(res);
  }
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
for (let i = 0; i < 500; i++) {
  await new Promise((resolve) => {
    const asking = request({ host: '127.0.0.1', port: server.address().port, path: i % 2 ? '/text' : '/echo', method: i % 2 ? 'GET' : 'POST' }, (answer) => {
      answer.resume();
      answer.on('end', resolve);
    });
    asking.end(i % 2 ? undefined : 'a body');
  });
}
server.close();
await Promise.all(work);
for (let i = 0; i < 2000; i++) await Promise.resolve(i).then((value) => ({ value, [`key${i % 40}`]: 1 }));
rmSync(file, { force: true });
