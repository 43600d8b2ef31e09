export function buildIfNeeded(options?: { force?: boolean; quiet?: boolean }): boolean;
export function bundleRuntimeIfNeeded(): boolean;
export function isAbandonedLock(path: string, now?: number): boolean;
