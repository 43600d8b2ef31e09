import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFName, PDFRef } from '@cantoo/pdf-lib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  MAX_PDF_BYTES,
  PDF_UPLOAD_MESSAGES,
  attachmentResponseHeaders,
  inspectPdfUpload,
  readAttachment,
  sanitizePdfDisplayName,
  storeAttachment,
} from '../../src/server/submissions/pdf-attachments';
import { benign, hostile, onePagePdf, withPngPredictor } from '../support/hostile-pdfs';
import { fromBytes, fromText, minimalPdf, pdfOfSize, pdfWithImageData, pdfWithObjectStream, pdfWithOpenAction, uploadedFile } from '../support/pdf-samples';
import { translate } from '../../src/i18n/translate';

async function refusal(file: File) {
  const result = await inspectPdfUpload(file);
  if (result.ok) throw new Error(`expected ${file.name} to be refused`);
  return translate('en', result.message);
}

describe('PDF uploads: what is accepted', () => {
  it('accepts a small valid PDF and keeps its bytes, size and name', async () => {
    const bytes = minimalPdf();
    const result = await inspectPdfUpload(uploadedFile(bytes, 'Position paper.pdf'));
    expect(result).toEqual({ ok: true, value: { bytes, size: bytes.byteLength, originalName: 'Position paper.pdf' } });
  });

  it('treats no file chosen as no attachment', async () => {
    // What a browser posts for an untouched file input: an empty part with no name.
    expect(await inspectPdfUpload(new File([], '', { type: 'application/octet-stream' }))).toEqual({ ok: true, value: null });
    expect(await inspectPdfUpload(null)).toEqual({ ok: true, value: null });
    expect(await inspectPdfUpload(undefined)).toEqual({ ok: true, value: null });
  });

  it('accepts a PDF whose objects are compressed in an object stream', async () => {
    const pdf = pdfWithObjectStream(['<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (https://www.unodc.org/) >> >>']);
    expect((await inspectPdfUpload(uploadedFile(pdf))).ok).toBe(true);
  });

  it('does not mistake image bytes that happen to spell /JS or /EF for a script', async () => {
    const noise = fromText('\x89\x12/JS (\x00\xff/EF<\x07/J#53 \x01');
    expect((await inspectPdfUpload(uploadedFile(pdfWithImageData(noise)))).ok).toBe(true);
  });
});

describe('uploads: size limit', () => {
  it('accepts a PDF of exactly 10 MB', async () => {
    const result = await inspectPdfUpload(uploadedFile(pdfOfSize(MAX_PDF_BYTES)));
    expect(result.ok && result.value?.size).toBe(10 * 1024 * 1024);
  });

  it('refuses a PDF of 10 MB and one byte, saying what to do', async () => {
    const message = await refusal(uploadedFile(pdfOfSize(MAX_PDF_BYTES + 1)));
    expect(message).toMatch(/^The PDF is larger than 10 MB; /);
    expect(message).toMatch(/smaller|leave it out/);
  });

  it('refuses an empty file that has a name', async () => {
    expect(await refusal(uploadedFile(new Uint8Array(0), 'report.pdf'))).toEqual(PDF_UPLOAD_MESSAGES.empty);
  });
});

describe('uploads: type checked by magic bytes', () => {
  it.each([
    ['a Windows executable', fromBytes(0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00)],
    ['a Linux executable', fromBytes(0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00)],
    ['a PNG image', fromBytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d)],
    ['a ZIP or DOCX file', fromBytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00)],
    ['an HTML page', fromText('<!DOCTYPE html><html><script>alert(document.cookie)</script></html>')],
    ['an HTML page with a PDF header further in', fromText('<html><body>%PDF-1.4</body></html>')],
    ['a PDF with something in front of its header', fromText(' %PDF-1.4\n%%EOF\n')],
  ])('refuses %s named report.pdf and declared application/pdf', async (_, bytes) => {
    expect(await refusal(uploadedFile(bytes, 'report.pdf', 'application/pdf'))).toEqual(PDF_UPLOAD_MESSAGES.notPdf);
  });

  it('tells the person the file is not a PDF whatever its name says', () => {
    expect(translate('en', PDF_UPLOAD_MESSAGES.notPdf)).toMatch(/not a PDF/);
    expect(translate('en', PDF_UPLOAD_MESSAGES.notPdf)).toMatch(/export/);
  });
});

describe('uploads: no embedded scripts or files', () => {
  it.each([
    ['a JavaScript open action', '<< /S /JavaScript /JS (app.alert\\(1\\)) >>'],
    ['a /JS entry alone', '<< /JS 9 0 R >>'],
    ['a name written with #xx escapes', '<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>'],
    ['a launch action', '<< /S /Launch /F (cmd.exe) >>'],
    ['an embedded file', '<< /S /GoTo /D [3 0 R /Fit] /Names << /EmbeddedFiles 9 0 R >> >>'],
    ['a file specification with an /EF entry', '<< /S /GoToE /T << /R /C /N (x) >> /F << /Type /Filespec /F (x.pdf) /EF << /F 9 0 R >> >> >>'],
  ])('refuses a PDF with %s', async (_, action) => {
    expect(await refusal(uploadedFile(pdfWithOpenAction(action)))).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it('refuses a script hidden in a compressed object stream', async () => {
    const pdf = pdfWithObjectStream(['<< /S /JavaScript /JS (app.launchURL\\("https://example.org"\\)) >>']);
    expect(await refusal(uploadedFile(pdf))).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it('refuses a /JS entry in an object stream whose /Type is hidden', async () => {
    const pdf = pdfWithObjectStream(['<< /JS 9 0 R >>'], { dictionary: '/Type 8 0 R /Filter /FlateDecode' });
    expect(await refusal(uploadedFile(pdf))).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it('says why a script is refused and how to get an acceptable copy', () => {
    expect(translate('en', PDF_UPLOAD_MESSAGES.activeContent)).toMatch(/scripts/);
    expect(translate('en', PDF_UPLOAD_MESSAGES.activeContent)).toMatch(/malware/);
    expect(translate('en', PDF_UPLOAD_MESSAGES.activeContent)).toMatch(/Print it to a new PDF/);
  });

  it('reads an object stream written with a PNG predictor, and finds the script in it', async () => {
    const pdf = pdfWithObjectStream(['<< /S /JavaScript /JS (app.alert\\(1\\)) >>'], {
      dictionary: '/Type /ObjStm /Filter /FlateDecode /DecodeParms << /Predictor 11 /Columns 5 >>',
      compress: (data) => deflateSync(withPngPredictor(data, 5)) as Uint8Array,
    });
    expect(await refusal(uploadedFile(pdf))).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it.each([
    ['encrypted (undecodable) data', { compress: () => fromBytes(...Array.from({ length: 64 }, (_, index) => (index * 37 + 11) % 256)) }],
    ['a filter chain we do not unpack', { dictionary: '/Type /ObjStm /Filter [/FlateDecode /ASCIIHexDecode]' }],
    ['a predictor PNG does not define', { dictionary: '/Type /ObjStm /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>' }],
    ['a TIFF predictor', { dictionary: '/Type /ObjStm /Filter /FlateDecode /DecodeParms << /Predictor 2 /Columns 4 >>' }],
  ])('refuses an object stream it cannot read: %s', async (_, options) => {
    const pdf = pdfWithObjectStream(['<< /S /URI /URI (https://example.org) >>'], options);
    expect(await refusal(uploadedFile(pdf))).toEqual(PDF_UPLOAD_MESSAGES.uncheckable);
  });

  it('stops inflating an object stream that would exhaust memory', async () => {
    const bomb = deflateSync(new Uint8Array(70 * 1024 * 1024)) as Uint8Array;
    const pdf = pdfWithObjectStream(['<< >>'], { compress: () => bomb });
    expect(await refusal(uploadedFile(pdf))).toEqual(PDF_UPLOAD_MESSAGES.uncheckable);
  });
});

// The corpus (tests/support/hostile-pdfs.ts): one test per file, named for it.
describe('PDF corpus: hostile files are refused', () => {
  const refusedAs = async (bytes: Uint8Array | Promise<Uint8Array>) => refusal(uploadedFile(await bytes));

  it('refuses a JavaScript open action hidden in a compressed object stream', async () => {
    expect(await refusedAs(hostile.scriptOpenActionInObjectStream({ objTrick: false }))).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it('refuses a JavaScript open action in an object stream whose dictionary holds "(obj)" (the penetration test bypass)', async () => {
    expect(await refusedAs(hostile.scriptOpenActionInObjectStream({ objTrick: true }))).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it('refuses JavaScript in the /Names /JavaScript tree', async () => {
    expect(await refusedAs(hostile.scriptInNamesTree())).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it("refuses JavaScript in an annotation's action (/A)", async () => {
    expect(await refusedAs(hostile.scriptInAnnotationAction())).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it("refuses JavaScript in an annotation's additional actions (/AA)", async () => {
    expect(await refusedAs(hostile.scriptInAnnotationAdditionalActions())).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it('refuses a link annotation that launches a program', async () => {
    expect(await refusedAs(hostile.launchLink())).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it('refuses a script whose names are written with escapes (/J#61vaScript, /J#53)', async () => {
    expect(await refusedAs(hostile.escapedJavaScriptName())).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it('refuses a names tree written /JavaScr#69pt, with a lowercase escape (/#4aS) in a compressed object stream', async () => {
    expect(await refusedAs(hostile.escapedJavaScriptInNamesTree())).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it('refuses an XFA form carrying a <script>', async () => {
    expect(await refusedAs(hostile.xfaWithScript())).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it('refuses an embedded file', async () => {
    expect(await refusedAs(hostile.embeddedFile())).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it('refuses rich media (Flash or video with scripts)', async () => {
    expect(await refusedAs(hostile.richMedia())).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it('refuses a form that submits its data to another address', async () => {
    expect(await refusedAs(hostile.submitForm())).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it('refuses an action importing data from a file share', async () => {
    expect(await refusedAs(hostile.importData())).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it('refuses an action opening an embedded document (/GoToE)', async () => {
    expect(await refusedAs(hostile.goToEmbedded())).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it('refuses an action opening a file on a network share (/GoToR)', async () => {
    expect(await refusedAs(hostile.goToRemoteShare())).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it('refuses a javascript: link', async () => {
    expect(await refusedAs(hostile.javascriptLink())).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it('refuses a javascript: link split by a tab, as a browser would rejoin it', async () => {
    expect(await refusedAs(hostile.javascriptLinkSplitByTab())).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it('refuses a link to a file share, given by reference', async () => {
    expect(await refusedAs(hostile.fileShareLink())).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it('refuses a dictionary that repeats a key, which could hide a launch action behind the value we read', async () => {
    expect(await refusedAs(hostile.repeatedKeyHidingLaunch())).toEqual(PDF_UPLOAD_MESSAGES.damaged);
  });

  it('follows the cross-reference stream to an object stream whose header hides behind a comment', async () => {
    expect(await refusedAs(hostile.objectStreamBehindCommentedHeader())).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it("refuses a script object written inside an image's data", async () => {
    expect(await refusedAs(hostile.scriptInsideImageData())).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it('refuses absurdly deep nesting as damaged, without a server error', async () => {
    expect(await refusedAs(hostile.deeplyNested())).toEqual(PDF_UPLOAD_MESSAGES.damaged);
  });

  it('gives up on many objects running into each other instead of reading the rest of the file for each', async () => {
    expect(await refusedAs(hostile.manyOverlappingStreams())).toEqual(PDF_UPLOAD_MESSAGES.uncheckable);
  });

  it("never hands the file's names or references to pdf-lib's process-wide pools", async () => {
    const names = vi.spyOn(PDFName, 'of');
    const references = vi.spyOn(PDFRef, 'of');
    try {
      await inspectPdfUpload(uploadedFile(onePagePdf({ objects: Array.from({ length: 500 }, (_, index) => `<< /Unique${index} ${index} 0 R >>`) })));
      expect(new Set(names.mock.calls.map(([name]) => name))).toEqual(new Set(['Length']));
      expect(references).not.toHaveBeenCalled();
    } finally {
      names.mockRestore();
      references.mockRestore();
    }
  });

  it('follows the cross-reference table to an object whose header hides behind a comment', async () => {
    expect(await refusedAs(hostile.scriptBehindCommentedHeaderInTable())).toEqual(PDF_UPLOAD_MESSAGES.activeContent);
  });

  it('refuses an encrypted PDF that needs a password', async () => {
    expect(await refusedAs(hostile.encryptedWithPassword())).toEqual(PDF_UPLOAD_MESSAGES.encrypted);
  });

  it('refuses an encrypted PDF even when it opens without a password (permissions only)', async () => {
    expect(await refusedAs(hostile.encryptedWithPermissionsOnly())).toEqual(PDF_UPLOAD_MESSAGES.encrypted);
  });

  it('refuses a PDF cut in half, saying it seems damaged', async () => {
    expect(await refusedAs(hostile.truncated())).toEqual(PDF_UPLOAD_MESSAGES.damaged);
  });

  it('refuses garbage behind a %PDF header, saying it seems damaged', async () => {
    expect(await refusedAs(hostile.garbage())).toEqual(PDF_UPLOAD_MESSAGES.damaged);
  });

  it('says what to do with an encrypted or a damaged PDF', () => {
    expect(translate('en', PDF_UPLOAD_MESSAGES.encrypted)).toMatch(/password/);
    expect(translate('en', PDF_UPLOAD_MESSAGES.damaged)).toMatch(/damaged or incomplete/);
    for (const message of [PDF_UPLOAD_MESSAGES.encrypted, PDF_UPLOAD_MESSAGES.damaged, PDF_UPLOAD_MESSAGES.uncheckable]) expect(translate('en', message)).toMatch(/print .*to a new PDF/i);
  });
});

describe('PDF corpus: benign files are accepted', () => {
  const accepted = async (bytes: Uint8Array | Promise<Uint8Array>) => {
    const result = await inspectPdfUpload(uploadedFile(await bytes));
    if (!result.ok) throw new Error(`refused: ${result.message}`);
    return result.value;
  };

  it('accepts a multi-page text PDF', async () => {
    expect(await accepted(benign.multiPageText())).not.toBeNull();
  });

  it('accepts a PDF with an image', async () => {
    expect(await accepted(benign.withImage())).not.toBeNull();
  });

  it('accepts a form (AcroForm) without scripts', async () => {
    const pdf = await benign.formWithoutScript();
    expect(Buffer.from(pdf).toString('latin1')).toMatch(/AcroForm/);
    expect(await accepted(pdf)).not.toBeNull();
  });

  it('accepts a PDF with an outline and web and email links', async () => {
    const pdf = await benign.outlineAndLinks();
    expect(Buffer.from(pdf).toString('latin1')).toMatch(/\/Outlines[\s\S]*\/URI/);
    expect(await accepted(pdf)).not.toBeNull();
  });

  it('accepts a PDF written with object streams and a cross-reference stream', async () => {
    const pdf = await benign.withObjectStreams();
    expect(Buffer.from(pdf).toString('latin1')).toMatch(/\/ObjStm[\s\S]*\/XRef/);
    expect(await accepted(pdf)).not.toBeNull();
  });

  it('accepts a hand-written PDF 1.5 with compressed objects, a predicted cross-reference stream and a link', async () => {
    expect(await accepted(benign.compressedObjectsWithLink())).not.toBeNull();
  });

  it('accepts an open action that only opens the first page', async () => {
    expect(await accepted(benign.openAtFirstPage())).not.toBeNull();
  });

  it('checks a PDF of about 10 MB (the time it takes is printed, not asserted)', async () => {
    const pdf = await benign.tenMegabytes();
    const started = performance.now();
    const result = await inspectPdfUpload(uploadedFile(pdf));
    const elapsed = performance.now() - started;
    console.info(`[pdf check] ${(pdf.byteLength / 1024 / 1024).toFixed(1)} MB benign PDF checked in ${elapsed.toFixed(0)} ms`);
    expect(result.ok).toBe(true);
  });
});

describe('uploads: safe display names', () => {
  it.each([
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['C:\\evil\\x.pdf', 'x.pdf'],
    ['/var/www/../shell.pdf', 'shell.pdf'],
    ['line one\r\nSet-Cookie: x.pdf', 'line one Set-Cookie_ x.pdf'],
    ['tab\tand\u0000null.pdf', 'tab and null.pdf'],
    ['say "hi".pdf', "say 'hi'.pdf"],
    ['report\u202Efdp.exe', 'report fdp.exe.pdf'],
    ['notes.PDF', 'notes.pdf'],
    ['slides.docx', 'slides.docx.pdf'],
    ['..', 'attachment.pdf'],
    ['.hidden.pdf', 'hidden.pdf'],
    ['', 'attachment.pdf'],
    ['Rapport – été.pdf', 'Rapport – été.pdf'],
  ])('%j becomes %j', (name, safe) => {
    expect(sanitizePdfDisplayName(name)).toBe(safe);
  });

  it('shortens long names to 120 characters without splitting a character', () => {
    const long = sanitizePdfDisplayName(`${'😀'.repeat(200)}.pdf`);
    expect(Array.from(long)).toHaveLength(120);
    expect(long.endsWith('😀.pdf')).toBe(true);
    expect(long.isWellFormed()).toBe(true);
  });

  it('keeps names stable when sanitised twice', () => {
    for (const name of ['../a/"b"\n.PDF', 'x'.repeat(300), 'C:\\t\\résumé.pdf']) {
      const once = sanitizePdfDisplayName(name);
      expect(sanitizePdfDisplayName(once)).toBe(once);
    }
  });

  it('gives the upload its sanitised name', async () => {
    const result = await inspectPdfUpload(uploadedFile(minimalPdf(), '../../etc/passwd.pdf'));
    expect(result.ok && result.value?.originalName).toBe('passwd.pdf');
  });
});

describe('uploads: stored outside the web root under a random name', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'whatson-attachments-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('creates the directory for the owner only and writes the file with mode 0600', async () => {
    const directory = join(root, 'data', 'attachments');
    const { storedName } = await storeAttachment(minimalPdf(), directory);
    expect(statSync(directory).mode & 0o777).toBe(0o700);
    expect(statSync(join(directory, storedName)).mode & 0o777).toBe(0o600);
    expect(readdirSync(directory)).toEqual([storedName]);
    expect(new Uint8Array(readFileSync(join(directory, storedName)))).toEqual(minimalPdf());
  });

  it('names stored files randomly, never after the upload, even for the same bytes', async () => {
    const bytes = minimalPdf();
    const first = await storeAttachment(bytes, root);
    const second = await storeAttachment(bytes, root);
    for (const { storedName } of [first, second]) expect(storedName).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.pdf$/);
    expect(first.storedName).not.toBe(second.storedName);
    expect(readdirSync(root).sort()).toEqual([first.storedName, second.storedName].sort());
  });

  it('reads a stored file back, and null when it is gone', async () => {
    const { storedName } = await storeAttachment(minimalPdf(), root);
    expect(new Uint8Array((await readAttachment(storedName, root))!)).toEqual(minimalPdf());
    rmSync(join(root, storedName));
    expect(await readAttachment(storedName, root)).toBeNull();
  });

  it.each([
    '../secret.pdf',
    '../../etc/passwd',
    '/etc/passwd',
    '..%2Fsecret.pdf',
    'report.pdf',
    '00000000-0000-4000-8000-000000000000.pdf/../../secret.pdf',
    '00000000-0000-4000-8000-000000000000.pdf\0',
    '00000000-0000-4000-8000-00000000000A.pdf',
    '',
  ])('refuses to read a name it did not issue: %j', async (name) => {
    const outside = join(root, 'secret.pdf');
    writeFileSync(outside, 'secret');
    const inside = join(root, 'store');
    await storeAttachment(minimalPdf(), inside);
    expect(await readAttachment(name, inside)).toBeNull();
  });
});

describe('uploads: served with Content-Disposition: attachment', () => {
  it('sends the PDF as a private, sandboxed download that is never sniffed', () => {
    const headers = new Headers(attachmentResponseHeaders('Position paper.pdf', 1234));
    expect(headers.get('content-type')).toBe('application/pdf');
    expect(headers.get('content-disposition')).toBe(`attachment; filename="Position paper.pdf"; filename*=UTF-8''Position%20paper.pdf`);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('content-length')).toBe('1234');
    expect(headers.get('cache-control')).toBe('private, no-store');
    expect(headers.get('content-security-policy')).toMatch(/^sandbox(;|$)/);
  });

  it('escapes quotes in the plain filename and percent-encodes them in filename*', () => {
    const disposition = attachmentResponseHeaders('He said "no" \\ yes.pdf', 1)['Content-Disposition'];
    expect(disposition).toBe(`attachment; filename="He said \\"no\\" \\\\ yes.pdf"; filename*=UTF-8''He%20said%20%22no%22%20%5C%20yes.pdf`);
  });

  it('encodes non-ASCII names per RFC 5987 with an ASCII fallback', () => {
    const disposition = attachmentResponseHeaders('Rapport – été.pdf', 1)['Content-Disposition'];
    expect(disposition).toBe(`attachment; filename="Rapport - ete.pdf"; filename*=UTF-8''Rapport%20%E2%80%93%20%C3%A9t%C3%A9.pdf`);
    expect(disposition).toMatch(/^[\x20-\x7e]+$/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('Rapport – été.pdf');
  });

  it("encodes characters that RFC 5987 does not allow bare: ' ( ) * and %", () => {
    const disposition = attachmentResponseHeaders("it's (100%)*.pdf", 1)['Content-Disposition'];
    expect(disposition).toBe(`attachment; filename="it's (100_)*.pdf"; filename*=UTF-8''it%27s%20%28100%25%29%2A.pdf`);
  });

  it('cannot be used to inject a header line', () => {
    const headers = attachmentResponseHeaders('a\r\nSet-Cookie: session=x.pdf', 1);
    expect(headers['Content-Disposition']).not.toMatch(/[\r\n]/);
    expect(() => new Headers(headers)).not.toThrow();
  });
});
