// The lock that keeps two builds out of dist/ at once (scripts/build-if-needed.mjs):
// test runs and starts check it while other processes take and release it.
import { mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAbandonedLock } from '../../scripts/build-if-needed.mjs';

describe('the build lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'whatson-build-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is not abandoned, nor an error, once the build that held it has released it', () => {
    // What a waiting start met in CI: the lock it had just failed to take was gone when it looked at its age.
    expect(isAbandonedLock(join(dir, '.build.lock'))).toBe(false);
  });

  it('is held while a build may still be running, and abandoned past five minutes', () => {
    const lock = join(dir, '.build.lock');
    mkdirSync(lock);
    const takenAt = new Date('2026-03-01T10:00:00Z');
    utimesSync(lock, takenAt, takenAt);
    expect(isAbandonedLock(lock, takenAt.getTime() + 4 * 60 * 1000)).toBe(false);
    expect(isAbandonedLock(lock, takenAt.getTime() + 6 * 60 * 1000)).toBe(true);
  });
});
