// Where an attached file is written while it arrives (forms.ts): a folder
// beside the stored attachments, so on the same disk (not a memory-backed
// /tmp). Each file is removed once its request is answered; one left by a
// process that died mid-request is removed by the hourly housekeeping, once
// it is older than any upload can take.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ATTACHMENT_FORM_LIMIT } from './body-limits';

export function incomingUploadsDirectory(attachmentsDir: string): string {
  return join(attachmentsDir, '.incoming');
}

/** Files in the incoming folder older than an hour (no upload may take longer than ATTACHMENT_FORM_LIMIT); returns how many were removed. */
export async function removeAbandonedUploads(attachmentsDir: string, now: Date): Promise<number> {
  const directory = incomingUploadsDirectory(attachmentsDir);
  const cutoff = now.getTime() - Math.max(60 * 60_000, ATTACHMENT_FORM_LIMIT.seconds * 2000);
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return 0; // No upload has arrived yet.
  }
  let removed = 0;
  for (const name of names) {
    const path = join(directory, name);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile() || info.mtimeMs > cutoff) continue;
    await rm(path, { force: true });
    removed += 1;
  }
  return removed;
}
