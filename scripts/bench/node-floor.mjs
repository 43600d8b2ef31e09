// The floor under the portal's cached answers: node:http alone, answering the
// portal's own addresses with the portal's own header lists and gzip bytes
// (and its 304 to an If-None-Match that names the gzip copy's tag), and doing
// nothing else: no log line, no request id, no cache lookup. What it costs
// per answer is Node's HTTP stack; what the portal costs beyond it is ours.
// Run as its own process, like the portal, so as not to share autocannon's
// event loop; with a worker count above 1, as cluster workers sharing the
// port the way the portal's do, so that the portal's workers can be compared
// with what Node's HTTP stack does in the same arrangement.
//   node scripts/bench/node-floor.mjs <answers.json> <port> [workers]
// answers.json: [{ path, etag, headers: [name, value, …], notModified: [name, value, …], gzipBase64 }]
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [file, port, workers = '1'] = process.argv.slice(2);

if (cluster.isPrimary && Number(workers) > 1) {
  for (let worker = 0; worker < Number(workers); worker++) cluster.fork();
} else {
  const answers = new Map(
    JSON.parse(readFileSync(file, 'utf8')).map((answer) => [answer.path, { ...answer, body: Buffer.from(answer.gzipBase64, 'base64') }]),
  );

  createServer((request, response) => {
    const answer = answers.get(request.url);
    if (!answer) {
      response.writeHead(404).end();
      return;
    }
    if (request.headers['if-none-match'] === answer.etag) {
      response.writeHead(304, answer.notModified).end();
      return;
    }
    response.writeHead(200, answer.headers);
    response.end(answer.body);
  }).listen(Number(port), '127.0.0.1', () => console.log(`node:http floor on 127.0.0.1:${port} (pid ${process.pid})`));
}
