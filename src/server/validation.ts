// Every schema in the portal takes `z` from here. Each schema writes its own
// messages; zod's defaults ("Invalid input: expected string, received
// undefined") must never reach a reader, so where a schema forgot one this
// says something plain instead. A schema's own message always wins. Every
// `z.string()` also refuses control characters (zod-with-text-rule.ts).
import * as z from './zod-with-text-rule';

z.config({
  customError: (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined || issue.input === '' ? 'Fill in this field.' : 'This value is not valid here.';
      case 'too_small':
        if (issue.origin === 'string') return `Use at least ${issue.minimum} characters.`;
        if (issue.origin === 'array' || issue.origin === 'set') return `Choose at least ${issue.minimum}.`;
        return `Use a value of at least ${issue.minimum}.`;
      case 'too_big':
        if (issue.origin === 'string') return `Use at most ${issue.maximum} characters.`;
        if (issue.origin === 'array' || issue.origin === 'set') return `Choose at most ${issue.maximum}.`;
        return `Use a value of at most ${issue.maximum}.`;
      case 'invalid_value':
        return `Choose one of: ${issue.values.map(String).join(', ')}.`;
      case 'invalid_format':
        return issue.format === 'email' ? 'Enter an email address such as name@example.org.' : 'This value is not in the expected form.';
      default:
        return 'This value is not valid.';
    }
  },
});

export { z };
