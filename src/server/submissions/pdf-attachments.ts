// An optional PDF attached to written input (security note, "Uploads"): a size
// limit, the type checked by its bytes, storage outside the web root under a
// random name, and serving only as a download. The people who read these files
// work on organised crime, so a PDF that can run a script or carry another file
// is refused rather than trusted to the reader's PDF viewer.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflate } from 'node:zlib';

export const MAX_PDF_BYTES = 10 * 1024 * 1024;
const MAX_DISPLAY_NAME_LENGTH = 120;
// A zip bomb hidden in an object stream must not exhaust memory while we look inside.
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;
// Browsers save a file under this name; only the random stored name touches the disk.
const FALLBACK_NAME = 'attachment.pdf';
const STORED_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.pdf$/;

export const PDF_UPLOAD_MESSAGES = {
  empty: 'The chosen file is empty. Choose the PDF again, or remove the attachment.',
  tooLarge: 'The PDF is larger than 10 MB; make it smaller (for example export it again with compressed images) or leave it out and link to it in your text.',
  notPdf: 'This file is not a PDF: its content is not a PDF, whatever its name says. Save or export the document as PDF and choose that file.',
  activeContent:
    'The PDF contains embedded scripts (JavaScript), launch actions or attached files, which are a common way to spread malware, so we cannot accept it. Print it to a new PDF (for example with "Save as PDF" or "Microsoft Print to PDF") and attach that copy.',
  uncheckable:
    'We could not check this PDF for embedded scripts because it is encrypted or compressed in an unusual way. Remove any password and print it to a new PDF (for example with "Save as PDF"), then attach that copy.',
} as const;

export interface PdfUpload {
  bytes: Uint8Array<ArrayBuffer>;
  size: number;
  /** Safe to show and to offer as the download name; never used as a path. */
  originalName: string;
}

export type PdfUploadResult = { ok: true; value: PdfUpload | null } | { ok: false; message: string };

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
  const verdict = await findActiveContent(bytes);
  if (verdict === 'active') return { ok: false, message: PDF_UPLOAD_MESSAGES.activeContent };
  if (verdict === 'uncheckable') return { ok: false, message: PDF_UPLOAD_MESSAGES.uncheckable };
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

// --- Looking for scripts and embedded files -------------------------------
//
// Names are matched as PDF tokens with #xx escapes decoded, because
// "/J#61vaScript" is the same name to a reader. Short names (/JS, /EF) are only
// looked for in object syntax: in compressed stream data they turn up by chance,
// and no script runs without its action also naming /S /JavaScript.
const ACTIVE_NAMES = new Set(['JavaScript', 'JS', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'EF', 'FileAttachment']);
const LONG_ACTIVE_NAMES = new Set([...ACTIVE_NAMES].filter((name) => name.length > 2));
const NAME_TOKEN = /\/((?:[^\x00\t\n\f\r /[\]<>(){}%#]|#[0-9A-Fa-f]{2}|#)*)/g;
const STREAM_START = />>[\x00\t\n\f\r ]*stream(?:\r\n|\n|\r)/g;
const OTHER_FILTERS = new Set(['ASCIIHexDecode', 'AHx', 'ASCII85Decode', 'A85', 'LZWDecode', 'LZW', 'RunLengthDecode', 'RL', 'CCITTFaxDecode', 'CCF', 'JBIG2Decode', 'DCTDecode', 'DCT', 'JPXDecode', 'Crypt']);

const inflateAsync = promisify(inflate);

function namesIn(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(NAME_TOKEN)) {
    names.add(match[1]!.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
  }
  return names;
}

function mentionsAny(text: string, wanted: ReadonlySet<string>): boolean {
  for (const name of namesIn(text)) if (wanted.has(name)) return true;
  return false;
}

type Verdict = 'clean' | 'active' | 'uncheckable';

async function findActiveContent(bytes: Uint8Array): Promise<Verdict> {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  // The whole file is searched for the long names, wherever they are, so a
  // region we mistake for stream data cannot hide an action.
  if (mentionsAny(text, LONG_ACTIVE_NAMES)) return 'active';
  let budget = MAX_INFLATED_BYTES;
  let objectSyntax = '';
  let position = 0;
  for (const start of text.matchAll(STREAM_START)) {
    const dataStart = start.index + start[0].length;
    if (dataStart < position) continue;
    const dataEnd = text.indexOf('endstream', dataStart);
    const end = dataEnd === -1 ? text.length : dataEnd;
    const dictionary = text.slice(Math.max(position, text.lastIndexOf('obj', start.index)), start.index + 2);
    objectSyntax += text.slice(position, start.index + 2) + '\n';
    position = end;
    const names = namesIn(dictionary);
    // Object streams (PDF 1.5) hold ordinary dictionaries, compressed: a reader
    // finds them through the cross-reference stream whatever /Type says, so /First
    // (which every object stream needs) identifies them too.
    if (!names.has('ObjStm') && !names.has('First')) continue;
    const data = bytes.subarray(dataStart, end);
    if (!names.has('Filter')) {
      objectSyntax += text.slice(dataStart, end) + '\n';
      continue;
    }
    // Only a lone FlateDecode without a predictor is something we can read as
    // the reader will; anything else could reassemble a name we never saw.
    const flate = names.has('FlateDecode') || names.has('Fl');
    if (!flate || [...names].some((name) => OTHER_FILTERS.has(name)) || names.has('DecodeParms') || names.has('DP')) return 'uncheckable';
    try {
      const inflated = await inflateAsync(data, { maxOutputLength: budget });
      budget -= inflated.byteLength;
      objectSyntax += inflated.toString('latin1') + '\n';
    } catch {
      // Encrypted, damaged, or over the budget: we cannot say it is harmless.
      return 'uncheckable';
    }
  }
  objectSyntax += text.slice(position);
  return mentionsAny(objectSyntax, ACTIVE_NAMES) ? 'active' : 'clean';
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
