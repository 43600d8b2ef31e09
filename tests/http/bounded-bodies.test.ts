// Security note (learned from trying the landed portal): a request body is
// counted as it streams, chunked or not, and cut off at the route's limit
// before it is parsed; attachments stream to disk, so memory stays flat
// whatever arrives; slow or endless bodies time out.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/connection';
import { createSession } from '../../src/server/auth/sessions';
import { createMember, createOrganisation } from '../support/members';
import { startServer, type RunningServer } from '../support/server';

const KB = 1024;
const MB = 1024 * KB;
const folder = mkdtempSync(join(tmpdir(), 'whatson-bodies-'));
const attachmentsDir = join(folder, 'attachments');
let server: RunningServer;
let handle: DatabaseHandle;

beforeAll(async () => {
  const file = join(folder, 'db.sqlite');
  server = await startServer({ DATABASE_URL: file, OUTBOX_DIR: join(folder, 'outbox'), ATTACHMENTS_DIR: attachmentsDir });
  handle = openDatabase({ kind: 'sqlite', file });
});
afterAll(async () => {
  await handle.close();
  await server.stop();
  rmSync(folder, { recursive: true, force: true });
});

async function cookieFor(role: 'representative' | 'secretariat'): Promise<string> {
  const person = await createMember(handle.db, role === 'secretariat' ? null : await createOrganisation(handle.db), role);
  return `whatson_session=${(await createSession(handle.db, person.id)).token}`;
}

function residentMegabytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmRSS:'))!;
  return Number(/(\d+)/.exec(line)![1]) / 1024;
}

interface Upload {
  path: string;
  method?: string;
  /** A connection of its own unless given (so no test reuses a connection another left half-read). */
  agent?: Agent | false;
  contentType: string;
  /** Sent first (a multipart form's fields and the start of its file part). */
  head?: string;
  /** Bytes after the head; sent in 64 KB chunks unless `chunk` says otherwise. */
  totalBytes: number;
  /** Sent last (the end of a multipart form). */
  tail?: string;
  cookie?: string;
  /** Declared up front instead of chunked transfer encoding. */
  contentLength?: number;
  chunk?: Buffer;
  /** Waits this long between chunks. */
  pauseMs?: number;
  /** Leaves the body unfinished once everything is sent. */
  neverEnd?: boolean;
  /** A connection the server closes is an answer too (status 0), not an error. */
  closedIsAnswer?: boolean;
}

/** Streams a body until the server answers; says what it answered, how much was sent and how long it took. */
function upload({ path, method = 'POST', agent = false, contentType, head = '', totalBytes, tail = '', cookie, contentLength, chunk = Buffer.alloc(64 * KB, 'a'), pauseMs = 0, neverEnd = false, closedIsAnswer = false }: Upload): Promise<{ status: number; sentBytes: number; seconds: number; body: string; reusedConnection: boolean; connection?: string }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const headers: Record<string, string | number> = { 'content-type': contentType, origin: server.baseUrl, ...(cookie ? { cookie } : {}) };
    if (contentLength !== undefined) headers['content-length'] = contentLength;
    // As browsers do (a connection of its own would otherwise ask the server to close it after answering).
    headers.connection = 'keep-alive';
    const req = request(new URL(path, server.baseUrl), { method, headers, agent }, (response) => {
      answered = true;
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (part) => (body += part));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, sentBytes: sent, seconds: (Date.now() - started) / 1000, body, reusedConnection: req.reusedSocket, connection: response.headers.connection });
        req.destroy();
      });
    });
    req.on('error', (error) => {
      if (answered) return;
      answered = true;
      if (closedIsAnswer) resolve({ status: 0, sentBytes: sent, seconds: (Date.now() - started) / 1000, body: '', reusedConnection: false });
      else reject(error);
    });
    req.write(head);
    const pump = () => {
      while (!answered && sent < totalBytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, totalBytes - sent));
        sent += piece.length;
        const flowing = req.write(piece);
        if (pauseMs > 0) return void setTimeout(pump, pauseMs);
        if (!flowing) return void req.once('drain', pump);
      }
      if (!answered && !neverEnd) req.end(tail);
    };
    pump();
  });
}

function multipartHead(boundary: string, fields: Record<string, string>, fileName: string): string {
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  return `${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`;
}

const FORM = 'application/x-www-form-urlencoded';
const INPUT_FIELDS = { title: 'Findings', topics: 'firearms', body: 'Text.', consent: 'on', intent: 'save' };

describe('bounded request bodies', () => {
  it('a request body is cut off with 413 at the route’s limit as it streams, chunked or not: text forms take 64 KB', async () => {
    // Chunked, with no length to go by: counted as it arrives.
    const chunked = await upload({ path: '/signin', contentType: FORM, totalBytes: 50 * MB });
    expect(chunked.status).toBe(413);
    expect(chunked.sentBytes).toBeLessThan(10 * MB);
    // A declared length past the limit is refused before a byte of the body is read.
    const declared = await upload({ path: '/signup', contentType: FORM, totalBytes: 100 * KB, contentLength: 100 * KB });
    expect(declared.status).toBe(413);
    // A multipart body to a form without attachments gets the small limit too; what is left of it is dropped,
    // so its connection can carry the next request.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const multipart = await upload({ path: '/forgot-password', agent, contentType: 'multipart/form-data; boundary=B', head: multipartHead('B', { email: 'a@example.org' }, 'x.pdf'), totalBytes: 200 * KB });
    expect(multipart.status).toBe(413);
    const next = await upload({ path: '/healthz', method: 'GET', agent, contentType: FORM, totalBytes: 0 });
    expect(next).toMatchObject({ status: 200, reusedConnection: true });
    agent.destroy();
    // Nothing reads the body of a GET: answered, and the connection closed rather than reading the rest.
    const getWithBody = await upload({ path: '/healthz', method: 'GET', contentType: FORM, totalBytes: 500 * MB, closedIsAnswer: true });
    // Either our answer, or (when the rest of the body arrives after it) Node's own 400 for the bytes that follow; both close.
    if (getWithBody.status !== 0) {
      expect([200, 400]).toContain(getWithBody.status);
      expect(getWithBody.connection).toBe('close');
    }
    expect(getWithBody.sentBytes).toBeLessThan(100 * MB);
    // Under the limit the form is read as usual (here: a sign-in with a wrong password).
    const small = await upload({ path: '/signin', contentType: FORM, head: `email=nobody%40example.org&password=${'p'.repeat(40 * KB)}`, totalBytes: 0 });
    expect(small.status).toBe(422);
  }, 60_000);

  it('only the routes that take PDFs (written input, the event editor) read up to 11 MB; others far less', async () => {
    const member = await cookieFor('representative');
    // 9 MB of something that is not a PDF: read whole, then refused next to the file field.
    const notPdf = await upload({ path: '/submissions/new', contentType: 'multipart/form-data; boundary=B', head: multipartHead('B', INPUT_FIELDS, 'big.pdf'), totalBytes: 9 * MB, tail: '\r\n--B--\r\n', cookie: member });
    expect(notPdf.status).toBe(422);
    expect(notPdf.body).toContain('id="field-attachment-error"');
    // Past 11 MB: cut off while it streams.
    const tooLarge = await upload({ path: '/submissions/new', contentType: 'multipart/form-data; boundary=B', head: multipartHead('B', INPUT_FIELDS, 'huge.pdf'), totalBytes: 100 * MB, cookie: member });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.sentBytes).toBeLessThan(40 * MB);

    const secretariat = await cookieFor('secretariat');
    const body = (size: number) => `collection=dialogues&slug=2027-01-long-body&action=save&title=Long&body=${'b'.repeat(size)}`;
    const long = await upload({ path: '/admin/events/new?collection=dialogues', contentType: FORM, head: body(200 * KB), totalBytes: 0, cookie: secretariat });
    expect(long.status).toBe(422);
    // The editor's pages read through the shared form reader: past its limit, 413 (not an empty form).
    const tooLong = await upload({ path: '/admin/events/new?collection=dialogues', contentType: FORM, head: body(0), totalBytes: 20 * MB, cookie: secretariat });
    expect(tooLong.status).toBe(413);
  }, 60_000);

  it('slow or endless bodies time out with 408 at the route’s deadline', async () => {
    const [slow, endless] = await Promise.all([
      // One byte every half second: a 64 KB form would take nine hours.
      upload({ path: '/signin', contentType: FORM, totalBytes: 64 * KB, chunk: Buffer.from('a'), pauseMs: 500 }),
      // A chunked body that is never finished.
      upload({ path: '/signup', contentType: FORM, head: 'email=a%40example.org', totalBytes: 0, neverEnd: true }),
    ]);
    for (const answer of [slow, endless]) {
      expect(answer.status).toBe(408);
      expect(answer.seconds).toBeGreaterThanOrEqual(9);
      expect(answer.seconds).toBeLessThan(20);
    }
    expect((await fetch(new URL('/healthz', server.baseUrl))).status).toBe(200);
  }, 40_000);

  it('memory stays flat under four concurrent 500 MB chunked uploads, and nothing received is left on disk', async () => {
    const member = await cookieFor('representative');
    const attack = () =>
      Promise.all([
        upload({ path: '/signin', contentType: FORM, totalBytes: 500 * MB }),
        upload({ path: '/signup', contentType: 'multipart/form-data; boundary=x', totalBytes: 500 * MB }),
        upload({ path: '/submissions/new', contentType: 'multipart/form-data; boundary=B', head: multipartHead('B', INPUT_FIELDS, 'a.pdf'), totalBytes: 500 * MB, cookie: member }),
        upload({ path: '/submissions/new', contentType: 'multipart/form-data; boundary=B', head: multipartHead('B', INPUT_FIELDS, 'b.pdf'), totalBytes: 500 * MB, cookie: member }),
      ]);
    // Twice to load every module these routes use and let the heap settle to its working size, then measured from idle.
    await attack();
    await attack();
    const pid = server.process.pid!;
    const idle = residentMegabytes(pid);
    // Sampled while the uploads stream, so the peak counts, not only what is left afterwards.
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, residentMegabytes(pid))), 50);
    const answers = await attack().finally(() => clearInterval(sampler));
    const after = residentMegabytes(pid);
    peak = Math.max(peak, after);
    console.log(`[bounded bodies] server memory ${idle.toFixed(0)} MB idle, at most ${peak.toFixed(0)} MB during four 500 MB chunked uploads, ${after.toFixed(0)} MB after`);
    for (const answer of answers) {
      expect(answer.status).toBe(413);
      // Refused long before the end: the client did not get to send 500 MB.
      expect(answer.sentBytes).toBeLessThan(100 * MB);
    }
    expect(peak - idle).toBeLessThan(50);
    const incoming = join(attachmentsDir, '.incoming');
    expect(existsSync(incoming) ? readdirSync(incoming) : []).toEqual([]);
    // The portal keeps answering.
    expect((await fetch(new URL('/healthz', server.baseUrl))).status).toBe(200);
  }, 120_000);
});
