// Fallback when nginx is unavailable: serves the files of one folder from
// memory with node:http. Run as its own process so that it does not share an
// event loop (or a CPU) with autocannon.
//   node scripts/bench/static-server.mjs <folder> <port>
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

const [folder, port] = process.argv.slice(2);
const files = new Map(readdirSync(folder).map((name) => [`/${name}`, readFileSync(join(folder, name))]));

createServer((request, response) => {
  const path = request.url.split('?')[0];
  // As nginx's gzip_static: the .gz beside the file, to clients that accept gzip.
  const gzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '') ? files.get(`${path}.gz`) : undefined;
  const body = gzip ?? files.get(path);
  if (!body) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length, vary: 'Accept-Encoding', ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
  response.end(body);
}).listen(Number(port), '127.0.0.1', () => console.log(`static server on 127.0.0.1:${port}`));
