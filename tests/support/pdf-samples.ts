// Small PDFs written by hand, so upload tests need no fixture files and can
// build exactly the structure a rule is about.
import { deflateSync } from 'node:zlib';

const encoder = new TextEncoder();

export type PdfObject = string | Uint8Array;

/** The parts one after another, as one array of bytes. */
export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** A PDF with the given objects (numbered from 1, object 1 the catalog) and a correct cross-reference table. */
export function buildPdf(objects: PdfObject[], { padding = 0 } = {}): Uint8Array {
  const parts: Uint8Array[] = [encoder.encode('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')];
  let length = parts[0]!.byteLength;
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(length);
    const part = concat([encoder.encode(`${index + 1} 0 obj\n`), typeof body === 'string' ? encoder.encode(body) : body, encoder.encode('\nendobj\n')]);
    parts.push(part);
    length += part.byteLength;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`)].join('');
  const trailer = `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  const tail = encoder.encode(xref + trailer);
  // Readers ignore bytes after %%EOF, so padding there leaves every offset right.
  const pad = new Uint8Array(padding).fill(0x20);
  return concat([...parts, tail, pad]);
}

/** A stream object whose data are the given bytes. */
export function streamObject(dictionary: string, data: Uint8Array): Uint8Array {
  return concat([encoder.encode(`<< ${dictionary} /Length ${data.byteLength} >>\nstream\n`), data, encoder.encode('\nendstream')]);
}

const PAGE_OBJECTS = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
];
const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';

/** One A4 page saying hello, optionally grown with trailing spaces. */
export function minimalPdf(padding = 0): Uint8Array {
  const content = encoder.encode('BT /F1 24 Tf 72 720 Td (Written input) Tj ET');
  return buildPdf([...PAGE_OBJECTS, streamObject('', content), FONT], { padding });
}

/** The minimal PDF grown to exactly `size` bytes. */
export function pdfOfSize(size: number): Uint8Array {
  return minimalPdf(size - minimalPdf().byteLength);
}

/** A PDF whose catalog opens with the given action dictionary. */
export function pdfWithOpenAction(action: string): Uint8Array {
  const content = encoder.encode('BT /F1 24 Tf 72 720 Td (Open me) Tj ET');
  return buildPdf([
    `<< /Type /Catalog /Pages 2 0 R /OpenAction ${action} >>`,
    ...PAGE_OBJECTS.slice(1),
    streamObject('', content),
    FONT,
  ]);
}

/**
 * A PDF 1.5 object stream holding the given objects (numbered from 10), compressed
 * the way Word or LibreOffice write them, so their dictionaries are not visible as text.
 */
export function objectStream(objects: string[], { dictionary = '/Type /ObjStm /Filter /FlateDecode', compress = (data: Uint8Array) => deflateSync(data) as Uint8Array } = {}): Uint8Array {
  let header = '';
  let body = '';
  objects.forEach((object, index) => {
    header += `${10 + index} ${body.length} `;
    body += `${object}\n`;
  });
  const data = encoder.encode(header + body);
  return streamObject(`${dictionary} /N ${objects.length} /First ${header.length}`, compress(data));
}

export function pdfWithObjectStream(objects: string[], options?: Parameters<typeof objectStream>[1]): Uint8Array {
  return buildPdf([...PAGE_OBJECTS, streamObject('', encoder.encode('BT ET')), FONT, objectStream(objects, options)]);
}

/** A PDF carrying an image stream of the given (binary) bytes. */
export function pdfWithImageData(data: Uint8Array): Uint8Array {
  return buildPdf([...PAGE_OBJECTS, streamObject('', encoder.encode('q 10 0 0 10 0 0 cm /Im1 Do Q')), FONT, streamObject('/Type /XObject /Subtype /Image /Width 4 /Height 4 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /FlateDecode', data)]);
}

export function fromText(text: string): Uint8Array {
  return encoder.encode(text);
}

export function fromBytes(...values: number[]): Uint8Array {
  return new Uint8Array(values);
}

export function uploadedFile(bytes: Uint8Array, name = 'report.pdf', type = 'application/pdf'): File {
  return new File([bytes as Uint8Array<ArrayBuffer>], name, { type });
}
