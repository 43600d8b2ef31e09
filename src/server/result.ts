// What every domain function returns; pages map it to 303, 422, 403, 404,
// 409 or 410 ('gone': it was public and the secretariat took it down).
import type { ZodError } from 'astro/zod';

export type FieldIssues = Record<string, string>;

export type Failure =
  | { ok: false; code: 'invalid'; issues: FieldIssues }
  | { ok: false; code: 'forbidden' | 'not_found' | 'conflict' | 'gone'; message: string }
  | { ok: false; code: 'rate_limited'; retryAfterSeconds: number };

export type Result<T> = { ok: true; value: T } | Failure;

export function success<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function invalid(issues: FieldIssues): Failure {
  return { ok: false, code: 'invalid', issues };
}

export function failure(code: 'forbidden' | 'not_found' | 'conflict' | 'gone', message: string): Failure {
  return { ok: false, code, message };
}

/** The first message per field, keyed by the field's dotted path. */
export function issuesFromZod(error: ZodError): FieldIssues {
  const issues: FieldIssues = {};
  for (const issue of error.issues) {
    const field = issue.path.join('.') || 'form';
    issues[field] ??= issue.message;
  }
  return issues;
}
