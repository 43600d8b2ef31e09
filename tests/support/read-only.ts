// Making a file or folder unwritable for the portal, for real. An ordinary
// user: chmod. Root ignores file modes, so as root the immutable attribute
// (chattr +i, which binds root too) stands in; where the file system has no
// such attribute, `canMakeReadOnly` is false and those tests say so.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const asRoot = process.getuid?.() === 0;

function chattr(flag: '+i' | '-i', path: string): void {
  execFileSync('chattr', [flag, path], { stdio: 'ignore' });
}

function probe(): boolean {
  if (!asRoot) return true;
  const folder = mkdtempSync(join(tmpdir(), 'whatson-ro-'));
  const file = join(folder, 'probe');
  try {
    writeFileSync(file, '');
    chattr('+i', file);
    chattr('-i', file);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export const canMakeReadOnly = probe();

/** Makes `path` unwritable; returns what makes it writable again. */
export function makeReadOnly(path: string): () => void {
  if (asRoot) {
    chattr('+i', path);
    return () => chattr('-i', path);
  }
  const mode = statSync(path).mode & 0o777;
  chmodSync(path, mode & ~0o222);
  return () => chmodSync(path, mode);
}
