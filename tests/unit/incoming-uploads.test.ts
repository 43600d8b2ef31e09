// Attachments stream to disk (security note: memory stays flat whatever
// arrives); what a process that died mid-upload left there does not stay.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { incomingUploadsDirectory, removeAbandonedUploads } from '../../src/server/http/incoming-uploads';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('uploads received to disk', () => {
  it('uploads left half-received are removed once older than an hour; those that may still be arriving stay', async () => {
    const attachments = mkdtempSync(join(tmpdir(), 'whatson-incoming-'));
    folders.push(attachments);
    const now = new Date('2027-05-01T12:00:00Z');
    // Nothing has arrived yet: no folder, nothing to do.
    expect(await removeAbandonedUploads(attachments, now)).toBe(0);
    const incoming = incomingUploadsDirectory(attachments);
    mkdirSync(incoming);
    const file = (name: string, minutesAgo: number) => {
      writeFileSync(join(incoming, name), 'partial');
      const at = new Date(now.getTime() - minutesAgo * 60_000);
      utimesSync(join(incoming, name), at, at);
    };
    file('abandoned.part', 61);
    file('arriving.part', 5);
    writeFileSync(join(attachments, 'stored.pdf'), '%PDF');
    expect(await removeAbandonedUploads(attachments, now)).toBe(1);
    expect(readdirSync(incoming)).toEqual(['arriving.part']);
    // Stored attachments are not its business.
    expect(readdirSync(attachments).sort()).toEqual(['.incoming', 'stored.pdf']);
  });
});
