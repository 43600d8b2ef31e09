// Where a PDF's objects start, as readers find them (pdf-inspection.ts judges
// all of them): plainly written "N G obj" headers, which readers rebuilding a
// damaged file look for, and the offsets of the cross-reference tables and
// streams (ISO 32000-1, 7.5.4 and 7.5.8), where readers parse an object even
// when comments sit inside its header.

/** A number per object number and generation, for maps (collisions only make the check stricter). */
export function objectKey(objectNumber: number, generation: number): number {
  return objectNumber * 0x10_0000 + (generation % 0x10_0000);
}

export interface ObjectHeader {
  key: number;
  /** Offset of the object number. */
  start: number;
  /** Offset just after "obj". */
  body: number;
}

const isWhitespace = (byte: number | undefined) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c || byte === 0x00;
const isDigit = (byte: number | undefined) => byte !== undefined && byte >= 0x30 && byte <= 0x39;

/**
 * Every "digits whitespace digits [whitespace] obj" in the file, in file
 * order: found from each "obj" backwards, so the work stays linear in the
 * size of the file whatever it holds (a regular expression with captures
 * spends seconds allocating on a file of half a million tiny objects).
 */
export function findObjectHeaders(bytes: Uint8Array): ObjectHeader[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headers: ObjectHeader[] = [];
  for (let obj = buffer.indexOf('obj', 0, 'latin1'); obj !== -1; obj = buffer.indexOf('obj', obj + 3, 'latin1')) {
    let index = obj - 1;
    while (isWhitespace(bytes[index])) index--;
    const generationEnd = index + 1;
    while (isDigit(bytes[index])) index--;
    const generationStart = index + 1;
    if (generationStart === generationEnd || !isWhitespace(bytes[index])) continue;
    while (isWhitespace(bytes[index])) index--;
    const numberEnd = index + 1;
    while (isDigit(bytes[index])) index--;
    const start = index + 1;
    if (start === numberEnd) continue;
    const number = Number(buffer.toString('latin1', start, numberEnd));
    const generation = Number(buffer.toString('latin1', generationStart, generationEnd));
    headers.push({ key: objectKey(number, generation), start, body: obj + 3 });
  }
  return headers;
}

const WS = '[\\x00\\t\\n\\f\\r ]';
const XREF_KEYWORD = /(?<![A-Za-z])xref/g;
// One subsection header ("first count") or entry ("offset generation n|f");
// lenient about widths, as readers are.
const XREF_LINE = new RegExp(`${WS}*([0-9]+)${WS}+([0-9]+)(?:${WS}+([nf]))?`, 'y');

/** Offsets of the in-use entries of every cross-reference table in the file. */
export function crossReferenceTableOffsets(text: string): number[] {
  const offsets: number[] = [];
  for (const keyword of text.matchAll(XREF_KEYWORD)) {
    XREF_LINE.lastIndex = keyword.index + keyword[0].length;
    for (let line = XREF_LINE.exec(text); line; line = XREF_LINE.exec(text)) {
      if (line[3] === 'n') offsets.push(Number(line[1]));
    }
  }
  return offsets;
}

/** Offsets of the type 1 (in-use, uncompressed) entries of a decoded cross-reference stream with field widths /W. */
export function crossReferenceStreamOffsets(data: Uint8Array, widths: number[]): number[] {
  const [typeWidth, offsetWidth] = widths as [number, number, number];
  const rowLength = widths.reduce((sum, width) => sum + width, 0);
  const offsets: number[] = [];
  if (rowLength === 0) return offsets;
  for (let row = 0; row + rowLength <= data.byteLength; row += rowLength) {
    // A zero-width type field means every entry is type 1.
    const type = typeWidth === 0 ? 1 : readNumber(data, row, typeWidth);
    if (type === 1) offsets.push(readNumber(data, row + typeWidth, offsetWidth));
  }
  return offsets;
}

function readNumber(data: Uint8Array, start: number, width: number): number {
  let value = 0;
  for (let index = 0; index < width; index++) value = value * 256 + data[start + index]!;
  return value;
}
