// Every schema in the portal takes `z` from here. A schema's messages are
// keys of the domain catalogue (src/i18n/domain-en.ts, via zodKey); zod's
// defaults ("Invalid input: expected string, received undefined") must never
// reach a reader, so where a schema names none this picks a plain one. The
// limits (minimum, maximum, allowed values) become the message's parameters
// in issuesFromZod. A schema's own message always wins. Every `z.string()`
// also refuses control characters (zod-with-text-rule.ts).
import * as z from './zod-with-text-rule';
import type { MessageKey } from '../i18n/message';

export function defaultKey(issue: z.core.$ZodRawIssue): MessageKey {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === '' ? 'validation.required' : 'validation.invalidType';
    case 'too_small':
      if (issue.origin === 'string') return 'validation.tooShort';
      if (issue.origin === 'array' || issue.origin === 'set') return 'validation.tooFew';
      return 'validation.tooSmall';
    case 'too_big':
      if (issue.origin === 'string') return 'validation.tooLong';
      if (issue.origin === 'array' || issue.origin === 'set') return 'validation.tooMany';
      return 'validation.tooBig';
    case 'invalid_value':
      return 'validation.chooseOneOf';
    case 'invalid_format':
      return issue.format === 'email' ? 'validation.email' : 'validation.format';
    default:
      return 'validation.invalid';
  }
}

z.config({ customError: (issue) => defaultKey(issue) });

export { z };
