export function buildIfNeeded(options?: { force?: boolean; quiet?: boolean }): boolean;
export function bundleRuntimeIfNeeded(): boolean;
