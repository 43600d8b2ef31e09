// Where to go after signing in, when a page sent the visitor to sign in
// (`/signin?next=/countries/at`). Only a path on this portal is taken, so the
// link cannot send someone elsewhere once signed in (an open redirect).
export const DEFAULT_RETURN_PATH = '/account';

export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 500) return undefined;
  // "/x" only: not "//host", not "/\host" (browsers read both as another site), no control characters.
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || /[\u0000-\u001f\u007f\\]/.test(value)) return undefined;
  return value;
}
