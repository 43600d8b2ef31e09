// What every domain function returns; pages map it to 303, 422, 403, 404,
// 409 or 410 ('gone': it was public and the secretariat took it down).
// Messages are keys with parameters (src/i18n/message.ts): the page, email or
// feed says them in its reader's language.
import type { ZodError } from 'astro/zod';
import { domainEn } from '../i18n/domain-en';
import { message, type Message, type MessageKey, type MessageParams } from '../i18n/message';

export type FieldIssues = Record<string, Message>;

export type Failure =
  | { ok: false; code: 'invalid'; issues: FieldIssues }
  | { ok: false; code: 'forbidden' | 'not_found' | 'conflict' | 'gone'; message: Message }
  | { ok: false; code: 'rate_limited'; retryAfterSeconds: number };

export type Result<T> = { ok: true; value: T } | Failure;

export function success<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function invalid(issues: FieldIssues): Failure {
  return { ok: false, code: 'invalid', issues };
}

export function failure(code: 'forbidden' | 'not_found' | 'conflict' | 'gone', key: MessageKey, params?: MessageParams): Failure {
  return { ok: false, code, message: message(key, params) };
}

function isMessageKey(text: string): text is MessageKey {
  return Object.hasOwn(domainEn, text);
}

type ZodIssue = ZodError['issues'][number];

/**
 * A zod issue as a Message: its text is a key (see zodKey), its limits the
 * parameters. Only the content files' own schema (src/server/events/schema.ts,
 * read by the secretariat's tools) still writes prose; it is passed on as a detail.
 */
export function messageOfIssue(issue: ZodIssue): Message {
  if (!isMessageKey(issue.message)) return message('editor.contentIssue', { detail: issue.message });
  const params: Record<string, string | number> = {};
  if (issue.code === 'too_small') params.count = Number(issue.minimum);
  if (issue.code === 'too_big') params.count = Number(issue.maximum);
  if (issue.code === 'invalid_value') params.values = issue.values.map(String).join(', ');
  return message(issue.message, params);
}

/** The first message per field, keyed by the field's dotted path. */
export function issuesFromZod(error: ZodError): FieldIssues {
  const issues: FieldIssues = {};
  for (const issue of error.issues) {
    const field = issue.path.join('.') || 'form';
    issues[field] ??= messageOfIssue(issue);
  }
  return issues;
}
