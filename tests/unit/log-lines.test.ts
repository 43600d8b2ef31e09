// Security note, "Learned from trying the landed portal": log lines are
// JSON-escaped, so CR/LF in a name, a title or a path cannot write lines that
// look like the portal's own.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isoNow, logLine, requestLogLine } from '../../src/server/http/log-line';
import { createPortalServer } from '../../src/server/http/node-server';
import { deliverMail } from '../../src/server/mail/mailer';
import { HOSTILE_TEXT, UNSTORABLE_TEXT } from '../support/hostile-text';

// What some log collector or viewer takes for the end of a line.
const LINE_BREAK = /[\n\r\x0b\x0c\u0085\u2028\u2029]/;
const FORGED = 'Eve\r\n[whatson] mail to outbox: {"subject":"forged"}\u2028{"status":200}\u0085x';

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'whatson-log-lines-'));
  process.env.OUTBOX_DIR = join(folder, 'outbox');
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('log lines are JSON-escaped', () => {
  it.each([FORGED, ...HOSTILE_TEXT, ...UNSTORABLE_TEXT])('writes %j as one line that reads back as written', (text) => {
    const line = logLine({ name: text, nested: { title: text } });
    expect(line).not.toMatch(LINE_BREAK);
    expect(JSON.parse(line)).toEqual({ name: text, nested: { title: text } });
  });

  it.each(['/events', '/calendar/<token>.ics', FORGED, ...HOSTILE_TEXT, ...UNSTORABLE_TEXT])('writes the request line for path %j as logLine writes the same fields', (path) => {
    const at = isoNow();
    const fields = { at, requestId: '0f8e6c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b', pid: 4242, method: 'GET', path, status: 304, durationMs: 0.1 };
    const line = requestLogLine(at, fields.requestId, fields.pid, fields.method, path, fields.status, fields.durationMs);
    expect(line).toBe(logLine(fields));
    expect(line).not.toMatch(LINE_BREAK);
    expect(JSON.parse(line)).toEqual(fields);
  });

  it('logs an email written to the outbox on one line, whatever its subject quotes', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await deliverMail({ id: '00000000000001-000001-loglines', to: 'eve@example.org', subject: `Welcome, ${FORGED}`, text: 'Open https://whatson.example.org/account' });
      const lines = log.mock.calls.map((call) => call.map(String).join(' '));
      expect(lines).toHaveLength(1);
      expect(lines[0]).not.toMatch(LINE_BREAK);
      const fields = JSON.parse(lines[0]!.replace(/^\[whatson\] mail to outbox: /, '')) as { subject: string; links: string[] };
      expect(fields.subject).toBe(`Welcome, ${FORGED}`);
      expect(fields.links).toEqual(['https://whatson.example.org/account']);
    } finally {
      log.mockRestore();
    }
  });

  it('writes the same request lines as logLine for any number of addresses, methods and statuses, asked again and again', () => {
    const at = isoNow();
    for (let round = 0; round < 2; round += 1) {
      for (let index = 0; index < 1_500; index += 1) {
        const path = `/events/${index % 700}${index % 5 ? '' : '\u2028'}`;
        const target = index % 4 ? path : `${path}?page=${index}`;
        const fields = { at, requestId: `request-${index}`, pid: 4242, method: index % 3 ? 'GET' : 'HEAD', path, status: index % 2 ? 200 : 304, durationMs: index / 10 };
        expect(requestLogLine(at, fields.requestId, fields.pid, fields.method, target, fields.status, fields.durationMs)).toBe(logLine(fields));
      }
    }
  });

  it('shows neither the query string nor a private feed’s token, and the duration to a tenth of a millisecond', () => {
    const at = isoNow();
    const line = (target: string, durationMs = 0.1) => JSON.parse(requestLogLine(at, 'request-1', 4242, 'GET', target, 200, durationMs)) as { path: string; durationMs: number };
    expect(line('/events?q=secret+words&page=2').path).toBe('/events');
    expect(line('/calendar/Zm9vYmFyYmF6cXV4.ics').path).toBe('/calendar/<token>.ics');
    expect(line('/calendar/Zm9vYmFyYmF6cXV4.ics?refresh=1').path).toBe('/calendar/<token>.ics');
    expect(line('/calendar.ics').path).toBe('/calendar.ics');
    expect(line('/events', 12.3456).durationMs).toBe(12.3);
    expect(line('/events', 0.04).durationMs).toBe(0);
  });

  it('writes each duration as JSON writes it rounded to a tenth of a millisecond', () => {
    const at = isoNow();
    const written = (durationMs: number) => /"durationMs":([^}]*)\}$/.exec(requestLogLine(at, 'request-1', 4242, 'GET', '/events', 200, durationMs))?.[1];
    for (const durationMs of [0, 0.04, 0.05, 0.95, 1, 9.96, 10, 12.3456, 99.99, 123.45, 1_000.06, 65_432.1, 3_600_000.7]) {
      expect(written(durationMs)).toBe(JSON.stringify(Math.round(durationMs * 10) / 10));
    }
    for (let step = 0; step < 5_000; step += 1) {
      const durationMs = step * 0.0137;
      expect(written(durationMs)).toBe(JSON.stringify(Math.round(durationMs * 10) / 10));
    }
  });

  it('logs each request on one JSON line, whatever its path holds', async () => {
    const lines: string[] = [];
    const server = createPortalServer({ match: () => undefined, render: async () => new Response(null, { status: 204 }) }, { host: '127.0.0.1', port: 0, clientDir: folder, trustedProxies: [], log: (line) => lines.push(line) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const path = '/submissions/%0D%0A%E2%80%A8%C2%85"}{"status":200';
      expect((await fetch(`http://127.0.0.1:${port}${path}`)).status).toBe(204);
      await vi.waitFor(() => expect(lines).toHaveLength(1));
      expect(lines[0]).not.toMatch(LINE_BREAK);
      expect(JSON.parse(lines[0]!)).toMatchObject({ method: 'GET', path: '/submissions/%0D%0A%E2%80%A8%C2%85%22%7D%7B%22status%22:200', status: 204 });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
