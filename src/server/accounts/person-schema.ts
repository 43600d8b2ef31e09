import { z } from '../validation';
import { zodKey } from '../../i18n/message';
import { LOCALES } from '../../i18n/index';

export const emailSchema = z
  .string({ error: zodKey('account.emailMissing') })
  .trim()
  .toLowerCase()
  .min(1, zodKey('account.emailMissing'))
  .max(254, zodKey('validation.tooLong'))
  .pipe(z.email(zodKey('validation.email')));

export const personSchema = z.object({
  name: z.string({ error: zodKey('account.nameMissing') }).trim().min(1, zodKey('account.nameMissing')).max(120, zodKey('validation.tooLong')),
  jobTitle: z.string().trim().max(120, zodKey('validation.tooLong')).optional().transform((value) => value || null),
  email: emailSchema,
});

/** The preferred language, one of the six; a form without the field keeps English. */
export const languageSchema = z.enum(LOCALES, { error: zodKey('account.languageFromList') });
