// zod as the portal uses it (through validation.ts): zod itself, except that
// every string refuses NUL and the other C0 control characters but tab and
// line breaks, and DEL (security note: text refuses them; PostgreSQL refuses
// NUL outright and the others break feeds). Being part of every string
// schema, the refusal is a field issue like any other: the page re-renders
// the form with the message next to the field and what was typed kept.
import { z as zod } from 'astro/zod';

export * from 'astro/zod';

export const CONTROL_CHARACTERS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
export const CONTROL_CHARACTERS_MESSAGE = 'Remove the control characters (such as NUL) from this text: it can hold letters, digits, punctuation, tabs and line breaks.';

/** `z.string()`, refusing control characters before any other check (so this message is the one shown). */
export function string(params?: Parameters<typeof zod.string>[0]): zod.ZodString {
  return zod.string(params).refine((value) => !CONTROL_CHARACTERS.test(value), { message: CONTROL_CHARACTERS_MESSAGE, abort: true });
}
