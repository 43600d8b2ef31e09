// Security note (learned from trying the landed portal): a request body is
// counted as it streams, chunked or not, and cut off at the limit before it
// is parsed; memory stays flat whatever arrives.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';

const MB = 1024 * 1024;
const folder = mkdtempSync(join(tmpdir(), 'whatson-bodies-'));
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ DATABASE_URL: join(folder, 'db.sqlite'), OUTBOX_DIR: join(folder, 'outbox') });
});
afterAll(async () => {
  await server.stop();
  rmSync(folder, { recursive: true, force: true });
});

function residentMegabytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmRSS:'))!;
  return Number(/(\d+)/.exec(line)![1]) / 1024;
}

/** Streams up to `totalBytes` in chunks, without a Content-Length, until the server answers. */
function streamChunked(path: string, totalBytes: number, contentType: string): Promise<{ status: number; sentBytes: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const chunk = Buffer.alloc(256 * 1024, 'a');
    const req = request(new URL(path, server.baseUrl), { method: 'POST', headers: { 'content-type': contentType, origin: server.baseUrl } }, (response) => {
      answered = true;
      response.resume();
      resolve({ status: response.statusCode ?? 0, sentBytes: sent });
      req.destroy();
    });
    req.on('error', (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered && sent < totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe('bounded request bodies', () => {
  it('a request body is counted as it streams and cut off with 413 at the limit; memory stays flat', async () => {
    const before = residentMegabytes(server.process.pid!);
    const answers = await Promise.all([
      streamChunked('/signin', 500 * MB, 'application/x-www-form-urlencoded'),
      streamChunked('/signin', 500 * MB, 'application/x-www-form-urlencoded'),
      streamChunked('/submissions/new', 500 * MB, 'multipart/form-data; boundary=x'),
      streamChunked('/submissions/new', 500 * MB, 'multipart/form-data; boundary=x'),
    ]);
    for (const answer of answers) {
      expect(answer.status === 413 || answer.status === 303).toBe(true);
      // Refused long before the end: the client did not get to send 500 MB.
      expect(answer.sentBytes).toBeLessThan(200 * MB);
    }
    expect(answers.filter((answer) => answer.status === 413).length).toBeGreaterThanOrEqual(2);
    const after = residentMegabytes(server.process.pid!);
    console.log(`[bounded bodies] server memory ${before.toFixed(0)} MB before, ${after.toFixed(0)} MB after four 500 MB chunked uploads`);
    expect(after - before).toBeLessThan(100);
    // The portal keeps answering.
    expect((await fetch(new URL('/healthz', server.baseUrl))).status).toBe(200);
  }, 120_000);
});
