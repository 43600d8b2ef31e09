// Reading a posted form and answering a failed domain call, the same way on every page.
import type { AstroGlobal } from 'astro';
import type { Failure, FieldIssues } from '../result';
import { message } from '../../i18n/message';
import { formObject } from '../accounts/form-data';

/** Thrown when a body grows past the adapter's limit while it is read; the middleware answers 413. */
export class RequestBodyTooLarge extends Error {
  constructor() {
    super('The request body is larger than the portal accepts.');
  }
}

/** Astro's node adapter counts a body as it streams and stops it at `bodySizeLimit` (astro.config.mjs). */
function rethrowIfTooLarge(error: unknown): void {
  if (error instanceof Error && error.message.startsWith('Body size limit exceeded')) throw new RequestBodyTooLarge();
}

/** Thrown when a posted text holds NUL or another control character; the middleware answers 422 naming the fields. */
export class ControlCharactersInForm extends Error {
  constructor(readonly fields: string[]) {
    super(`Control characters in ${fields.join(', ')}`);
  }
}

// Tab and line breaks are text; the other C0 controls and DEL are not (PostgreSQL refuses NUL outright).
const CONTROL_CHARACTERS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

function refuseControlCharacters(fields: Record<string, unknown>): Record<string, unknown> {
  const bad = Object.entries(fields)
    .filter(([, value]) => (Array.isArray(value) ? value : [value]).some((item) => typeof item === 'string' && CONTROL_CHARACTERS.test(item)))
    .map(([name]) => name);
  if (bad.length > 0) throw new ControlCharactersInForm(bad);
  return fields;
}

/** The posted fields, or none when the body is not a form (so the page answers 422, not 500). */
export async function readForm(request: Request): Promise<Record<string, unknown>> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch (error) {
    rethrowIfTooLarge(error);
    return {};
  }
  return refuseControlCharacters(formObject(form));
}

/** A multipart form's fields and one of its files (null when none was sent). */
export async function readFormWithFile(request: Request, fileField: string): Promise<{ fields: Record<string, unknown>; file: File | null }> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch (error) {
    rethrowIfTooLarge(error);
    return { fields: {}, file: null };
  }
  const file = form.get(fileField);
  return { fields: refuseControlCharacters(formObject(form)), file: file instanceof File ? file : null };
}

function rateLimitMessage(seconds: number) {
  return seconds < 60 ? message('account.rateLimitedSeconds', { count: seconds }) : message('account.rateLimitedMinutes', { count: Math.ceil(seconds / 60) });
}

/** Sets the status for a failure and returns the messages to show next to the fields (components say them in the page's language). */
export function answerFailure(astro: AstroGlobal, failure: Failure): FieldIssues {
  switch (failure.code) {
    case 'invalid':
      astro.response.status = 422;
      return failure.issues;
    case 'rate_limited':
      astro.response.status = 429;
      astro.response.headers.set('Retry-After', String(failure.retryAfterSeconds));
      return { form: rateLimitMessage(failure.retryAfterSeconds) };
    case 'forbidden':
      astro.response.status = 403;
      return { form: failure.message };
    case 'not_found':
      astro.response.status = 404;
      return { form: failure.message };
    case 'conflict':
      astro.response.status = 409;
      return { form: failure.message };
    case 'gone':
      astro.response.status = 410;
      return { form: failure.message };
  }
}
