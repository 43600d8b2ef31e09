export function buildIfNeeded(options?: { force?: boolean }): boolean;
