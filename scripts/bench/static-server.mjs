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
  const body = files.get(request.url.split('?')[0]);
  if (!body) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
  response.end(body);
}).listen(Number(port), '127.0.0.1', () => console.log(`static server on 127.0.0.1:${port}`));
