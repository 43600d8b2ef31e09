// An optional PDF attached to written input (security note, "Uploads"): a size
// limit, the type checked by its bytes, storage outside the web root under a
// random name, and serving only as a download. The people who read these files
// work on organised crime, so a PDF that can run a script, start or fetch
// something, or carry another file is refused rather than trusted to the
// reader's PDF viewer; so is one we cannot read through (encrypted, damaged).
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { inspectPdf } from './pdf-inspection';
import { message, type Message } from '../../i18n/message';

export const MAX_PDF_BYTES = 10 * 1024 * 1024;
const MAX_DISPLAY_NAME_LENGTH = 120;
// Browsers save a file under this name; only the random stored name touches the disk.
const FALLBACK_NAME = 'attachment.pdf';
const STORED_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.pdf$/;

export const PDF_UPLOAD_MESSAGES = {
  empty: message('submission.pdfEmpty'),
  tooLarge: message('submission.pdfTooLarge'),
  notPdf: message('submission.pdfNotPdf'),
  activeContent: message('submission.pdfActiveContent'),
  encrypted: message('submission.pdfEncrypted'),
  damaged: message('submission.pdfDamaged'),
  uncheckable: message('submission.pdfUncheckable'),
} as const;

const INSPECTION_MESSAGES = {
  active: PDF_UPLOAD_MESSAGES.activeContent,
  encrypted: PDF_UPLOAD_MESSAGES.encrypted,
  damaged: PDF_UPLOAD_MESSAGES.damaged,
  uncheckable: PDF_UPLOAD_MESSAGES.uncheckable,
} as const;

export interface PdfUpload {
  bytes: Uint8Array<ArrayBuffer>;
  size: number;
  /** Safe to show and to offer as the download name; never used as a path. */
  originalName: string;
}

export type PdfUploadResult = { ok: true; value: PdfUpload | null } | { ok: false; message: Message };

export async function inspectPdfUpload(file: File | null | undefined): Promise<PdfUploadResult> {
  // An untouched file input still posts a part: an empty file with no name.
  if (!file || (file.size === 0 && !file.name)) return { ok: true, value: null };
  if (file.size === 0) return { ok: false, message: PDF_UPLOAD_MESSAGES.empty };
  // Checked before reading, so an oversized file is not copied again.
  if (file.size > MAX_PDF_BYTES) return { ok: false, message: PDF_UPLOAD_MESSAGES.tooLarge };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength > MAX_PDF_BYTES) return { ok: false, message: PDF_UPLOAD_MESSAGES.tooLarge };
  // The name and the declared type are the sender's claim; only the bytes count.
  if (!startsWithPdfMagic(bytes)) return { ok: false, message: PDF_UPLOAD_MESSAGES.notPdf };
  // Judged by parsing every object, object stream and action (pdf-inspection.ts).
  const inspection = await inspectPdf(bytes);
  if (inspection.verdict !== 'clean') return { ok: false, message: INSPECTION_MESSAGES[inspection.verdict] };
  return { ok: true, value: { bytes, size: bytes.byteLength, originalName: sanitizePdfDisplayName(file.name) } };
}

function startsWithPdfMagic(bytes: Uint8Array): boolean {
  const magic = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
  return bytes.byteLength >= magic.length && magic.every((byte, index) => bytes[index] === byte);
}

// Characters that hide or disguise part of a name: controls (header and log
// injection), bidirectional overrides ("report\u202Efdp.exe" shows as
// "reportexe.pdf"), zero-width characters, and lone surrogates.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A name to display and to offer for saving: basename only, printable, at most 120 characters, ending in .pdf. */
export function sanitizePdfDisplayName(name: string): string {
  const basename = name.split(/[/\\]/).pop() ?? '';
  const cleaned = basename
    .normalize('NFC')
    .replace(INVISIBLE, ' ')
    .replace(/"/g, "'")
    // Characters Windows refuses in file names, so the saved copy keeps our name.
    .replace(/[<>:|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    // Leading dots make hidden files (or "..") once saved.
    .replace(/^[.\s]+/, '');
  const stem = cleaned.replace(/\.pdf$/i, '').replace(/[.\s]+$/, '');
  const room = MAX_DISPLAY_NAME_LENGTH - '.pdf'.length;
  const shortened = Array.from(stem).slice(0, room).join('').trim();
  return shortened ? `${shortened}.pdf` : FALLBACK_NAME;
}

// --- Storage ---------------------------------------------------------------

/** Writes the PDF under a random name; the person's file name never reaches the file system. */
export async function storeAttachment(bytes: Uint8Array, directory: string): Promise<{ storedName: string }> {
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const storedName = `${randomUUID()}.pdf`;
  const path = join(directory, storedName);
  // 'wx' never follows or overwrites an existing entry of that name.
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    // Written input is acknowledged only once its attachment survives a crash.
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(path).catch(() => undefined);
    throw error;
  }
  await handle.close();
  await syncDirectory(directory);
  return { storedName };
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems cannot fsync a directory; the file itself is synced.
  } finally {
    await handle.close();
  }
}

export function isStoredAttachmentName(storedName: string): boolean {
  return STORED_NAME.test(storedName);
}

/** The stored bytes, or null when the name is not one we issued or the file is gone. */
export async function readAttachment(storedName: string, directory: string): Promise<Uint8Array<ArrayBuffer> | null> {
  // The name comes from the database, but a strict pattern means even a
  // tampered row cannot walk out of the directory.
  if (!isStoredAttachmentName(storedName)) return null;
  try {
    const data = await readFile(join(directory, storedName));
    // A plain ArrayBuffer view is what a Response body accepts.
    return new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

// --- Serving ---------------------------------------------------------------

export type AttachmentHeaders = {
  'Content-Type': 'application/pdf';
  'Content-Disposition': string;
  'Content-Length': string;
  'X-Content-Type-Options': 'nosniff';
  'Cache-Control': string;
  'Content-Security-Policy': string;
  'Cross-Origin-Resource-Policy': string;
};

/** Headers that make the browser download the PDF and never render it as our page. */
export function attachmentResponseHeaders(displayName: string, size: number): AttachmentHeaders {
  return {
    'Content-Type': 'application/pdf',
    'Content-Disposition': contentDisposition(displayName),
    'Content-Length': String(size),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
    // If a browser renders it anyway, it runs with no origin and no scripts.
    'Content-Security-Policy': "sandbox; default-src 'none'; frame-ancestors 'none'",
    // Other sites cannot embed a private file with the reader's cookies.
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/** RFC 6266 with an ASCII filename for old clients and an RFC 5987 filename* for the real name. */
export function contentDisposition(displayName: string): string {
  const name = displayName.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim() || FALLBACK_NAME;
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019\u201a\u201b\u201c-\u201f]/g, "'")
    // RFC 6266 appendix D: some clients percent-decode the plain filename.
    .replace(/[^\x20-\x7e]|%/g, '_')
    .replace(/["\\]/g, '\\$&');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
