// Online backup: SQLite copies itself page by page while the portal keeps
// writing, and the copy is a consistent snapshot.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { DatabaseHandle } from './connection';

export type BackupOutcome = { ok: true; file: string; pages: number } | { ok: false; message: string };

export async function backupDatabase(handle: DatabaseHandle, file: string): Promise<BackupOutcome> {
  if (!handle.sqlite) {
    return { ok: false, message: 'The portal runs on PostgreSQL: back it up with pg_dump, for example `pg_dump --format=custom --file=whatson.dump "$DATABASE_URL"`.' };
  }
  const target = resolve(file);
  if (existsSync(target)) return { ok: false, message: `${target} exists already; choose a new file name so no earlier backup is overwritten.` };
  await mkdir(dirname(target), { recursive: true });
  const { totalPages } = await handle.sqlite.backup(target);
  return { ok: true, file: target, pages: totalPages };
}
