import { z } from '../validation';

export const emailSchema = z
  .string({ error: 'Enter an email address.' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter an email address.')
  .max(254, 'Use at most 254 characters.')
  .pipe(z.email('Enter an email address such as name@example.org.'));

export const personSchema = z.object({
  name: z.string({ error: 'Enter your name.' }).trim().min(1, 'Enter your name.').max(120, 'Use at most 120 characters.'),
  jobTitle: z.string().trim().max(120, 'Use at most 120 characters.').optional().transform((value) => value || null),
  email: emailSchema,
});
