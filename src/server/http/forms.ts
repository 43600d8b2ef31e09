// Reading a posted form and answering a failed domain call, the same way on every page.
import type { AstroGlobal } from 'astro';
import type { Failure, FieldIssues } from '../result';
import { randomUUID } from 'node:crypto';
import { createWriteStream, openAsBlob } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Busboy from '@fastify/busboy';
import { formObject } from '../accounts/form-data';
import { config } from '../config';
import { MAX_PDF_BYTES } from '../submissions/pdf-attachments';
import { BODY_TIMED_OUT, BODY_TOO_LARGE, isBodyRefused } from './body-limits';
import { incomingUploadsDirectory } from './incoming-uploads';

/** Thrown when a body grows past the route's limit while it is read; the middleware answers 413. */
export class RequestBodyTooLarge extends Error {
  constructor() {
    super('The request body is larger than the portal accepts.');
  }
}

/** Thrown when a body has not arrived within the route's time; the middleware answers 408. */
export class RequestBodyTimedOut extends Error {
  constructor() {
    super('The request body took too long to arrive.');
  }
}

/**
 * Our server counts each body against its route's limit and deadline
 * (body-limits.ts); under `astro dev` Astro's node adapter counts it against
 * `bodySizeLimit` (astro.config.mjs).
 */
function refusalOf(error: unknown): Error | undefined {
  if (isBodyRefused(error, BODY_TOO_LARGE)) return new RequestBodyTooLarge();
  if (isBodyRefused(error, BODY_TIMED_OUT)) return new RequestBodyTimedOut();
  if (error instanceof Error && error.message.startsWith('Body size limit exceeded')) return new RequestBodyTooLarge();
  return undefined;
}

/**
 * The posted form as the browser sent it (repeated names kept), or an empty
 * one when the body is not a form, so the page answers 422, not 500. Text with
 * control characters reaches the domain function as typed: its schema refuses
 * it next to the field (validation.ts).
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal) throw refusal;
    return new FormData();
  }
}

/** The posted fields as a plain object for zod (see formObject). */
export async function readForm(request: Request): Promise<Record<string, unknown>> {
  return formObject(await readFormData(request));
}

/** Files received while a request is answered, removed when it has been (discardUploads, called by the middleware). */
const uploadsOf = new WeakMap<Request, string[]>();

function incomingDirectory(): string {
  return incomingUploadsDirectory(config().ATTACHMENTS_DIR);
}

/**
 * A multipart form's fields and one of its files (null when none was sent).
 * The body is parsed as it streams: the file goes to disk as it arrives (the
 * File returned reads it from there), so memory stays flat whatever is sent;
 * other files are read past and dropped.
 */
export async function readFormWithFile(request: Request, fileField: string): Promise<{ fields: Record<string, unknown>; file: File | null }> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\b/i.test(contentType) || !request.body) return { fields: await readForm(request), file: null };
  const form = new FormData();
  let received: { path: string; name: string; type: string } | undefined;
  const writes: Promise<void>[] = [];
  const fileStreams: Readable[] = [];
  const parser = Busboy({
    headers: { 'content-type': contentType },
    // Past MAX_PDF_BYTES the file is cut off: one byte more is enough for the domain to say it is too large.
    limits: { files: 1, fileSize: MAX_PDF_BYTES + 1, fields: 1000, fieldSize: 1024 * 1024, parts: 1100 },
  });
  parser.on('field', (name, value) => form.append(name, value));
  parser.on('file', (name, stream, filename, _encoding, mimeType) => {
    if (name !== fileField || received) {
      stream.resume();
      return;
    }
    const directory = incomingDirectory();
    const path = join(directory, `${randomUUID()}.part`);
    received = { path, name: filename ?? '', type: mimeType };
    const uploads = uploadsOf.get(request) ?? [];
    uploads.push(path);
    uploadsOf.set(request, uploads);
    fileStreams.push(stream);
    writes.push(mkdir(directory, { recursive: true }).then(() => pipeline(stream, createWriteStream(path, { mode: 0o600 }))));
  });
  try {
    await pipeline(Readable.fromWeb(request.body as import('node:stream/web').ReadableStream<Uint8Array>), parser);
    await Promise.all(writes);
  } catch (error) {
    // Stop writing what arrived, then remove it.
    for (const stream of fileStreams) stream.destroy();
    await Promise.allSettled(writes);
    await discardUploads(request);
    const refusal = refusalOf(error);
    if (refusal) throw refusal;
    // The disk failed us (full, not writable): the server's fault, not the form's.
    if (isStorageError(error)) throw error;
    // Not a well-formed multipart body: as if nothing was sent, so the page answers 422.
    return { fields: {}, file: null };
  }
  const fields = formObject(form);
  if (!received) return { fields, file: null };
  const file = new File([await openAsBlob(received.path)], received.name, { type: received.type });
  return { fields, file };
}

// A client that goes away mid-upload (ECONNRESET) is not one of these: nobody is left to answer.
const STORAGE_ERRORS = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'EIO', 'EMFILE', 'ENFILE', 'ENOENT', 'ENOTDIR']);

function isStorageError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && STORAGE_ERRORS.has(code);
}

/** Removes the files received for this request; the middleware calls it once the page has answered. */
export async function discardUploads(request: Request): Promise<void> {
  const paths = uploadsOf.get(request) ?? [];
  uploadsOf.delete(request);
  await Promise.all(paths.map((path) => rm(path, { force: true })));
}

/** Sets the status for a failure and returns the messages to show next to the fields. */
export function answerFailure(astro: AstroGlobal, failure: Failure): FieldIssues {
  const t = astro.locals.messages;
  switch (failure.code) {
    case 'invalid':
      astro.response.status = 422;
      return failure.issues;
    case 'rate_limited':
      astro.response.status = 429;
      astro.response.headers.set('Retry-After', String(failure.retryAfterSeconds));
      return { form: t.account.rateLimited(failure.retryAfterSeconds) };
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
