// Where a PDF's cross-reference tables and streams say its objects start
// (ISO 32000-1, 7.5.4 and 7.5.8). Readers that follow them parse an object
// at each offset, with comments allowed inside its "N G obj" header, so the
// attachment check parses there too, not only where a header is plainly
// written (pdf-inspection.ts).

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

/**
 * Undoes a PNG predictor (/Predictor 10 to 15), which cross-reference streams
 * almost always use and object streams may. Throws on a row type PNG does not define.
 */
export function undoPngPredictor(data: Uint8Array, { columns, colors, bitsPerComponent }: { columns: number; colors: number; bitsPerComponent: number }): Uint8Array {
  const pixelBytes = Math.max(1, Math.ceil((colors * bitsPerComponent) / 8));
  const rowBytes = Math.ceil((columns * colors * bitsPerComponent) / 8);
  const rows = Math.floor(data.byteLength / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  for (let row = 0; row < rows; row++) {
    const type = data[row * (rowBytes + 1)];
    const input = row * (rowBytes + 1) + 1;
    const at = row * rowBytes;
    for (let index = 0; index < rowBytes; index++) {
      const raw = data[input + index]!;
      const left = index >= pixelBytes ? out[at + index - pixelBytes]! : 0;
      const up = row > 0 ? out[at - rowBytes + index]! : 0;
      const upLeft = row > 0 && index >= pixelBytes ? out[at - rowBytes + index - pixelBytes]! : 0;
      let value: number;
      if (type === 0) value = raw;
      else if (type === 1) value = raw + left;
      else if (type === 2) value = raw + up;
      else if (type === 3) value = raw + ((left + up) >> 1);
      else if (type === 4) value = raw + paeth(left, up, upLeft);
      else throw new Error(`unknown PNG row type ${type}`);
      out[at + index] = value & 0xff;
    }
  }
  return out;
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}
