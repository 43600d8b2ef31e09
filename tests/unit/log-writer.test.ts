// Request log lines are written without blocking: queued, joined for a few
// milliseconds and written from libuv's thread pool, in order, none lost.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { requestLogLine } from '../../src/server/http/log-line';
import { createLogWriter } from '../../src/server/http/log-writer';

const folder = mkdtempSync(join(tmpdir(), 'whatson-log-writer-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the request log writer', () => {
  it('returns before anything is written, then writes every line in order, one per line', async () => {
    const file = join(folder, 'requests.log');
    const fd = openSync(file, 'w');
    try {
      const log = createLogWriter(fd);
      for (let i = 0; i < 2_000; i += 1) log(JSON.stringify({ request: i }));
      // Nothing has touched the file yet: the caller did not wait for a write.
      expect(readFileSync(file, 'utf8')).toBe('');
      await vi.waitFor(() => expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(2_001));
      // Lines logged while a write is in flight follow it.
      log('{"request":"last"}');
      await vi.waitFor(() => expect(readFileSync(file, 'utf8').endsWith('{"request":"last"}\n')).toBe(true));
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
      expect(lines.slice(0, 2_000).map((line) => (JSON.parse(line) as { request: number }).request)).toEqual(Array.from({ length: 2_000 }, (_, i) => i));
    } finally {
      closeSync(fd);
    }
  });

  it('writes a request’s line from its fields, as requestLogLine words it, in its place among the other lines', async () => {
    const file = join(folder, 'requests-and-lines.log');
    const fd = openSync(file, 'w');
    try {
      const log = createLogWriter(fd, 4242);
      log('{"line":"before"}');
      log.request('2027-01-04T09:00:00.000Z', 'request-1', 'GET', '/events', 304, 0.1);
      log.request('2027-01-04T09:00:00.001Z', 'request-2', 'HEAD', '/path/"quoted"\u2028', 200, 12.5);
      log('{"line":"after"}');
      expect(readFileSync(file, 'utf8')).toBe('');
      await vi.waitFor(() => expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(5));
      expect(readFileSync(file, 'utf8').trimEnd().split('\n')).toEqual([
        '{"line":"before"}',
        requestLogLine('2027-01-04T09:00:00.000Z', 'request-1', 4242, 'GET', '/events', 304, 0.1),
        requestLogLine('2027-01-04T09:00:00.001Z', 'request-2', 4242, 'HEAD', '/path/"quoted"\u2028', 200, 12.5),
        '{"line":"after"}',
      ]);
    } finally {
      closeSync(fd);
    }
  });
});
