// Unpacking the streams the attachment check must read inside (object
// streams and cross-reference streams): FlateDecode, with or without a PNG
// predictor, which is what producers write for them. Anything else is left
// to the caller to refuse.
import { promisify } from 'node:util';
import { inflate } from 'node:zlib';

const inflateAsync = promisify(inflate);

export interface PredictorLayout {
  predictor: number;
  columns: number;
  colors: number;
  bitsPerComponent: number;
}

export class StreamDataError extends Error {}

/**
 * Inflates `data` to at most `maxBytes` (a zip bomb stops there) and undoes
 * the predictor; throws StreamDataError for data that is damaged, cut short,
 * too large or predicted in a way PNG does not define.
 */
export async function inflateStreamData(data: Uint8Array, maxBytes: number, layout: PredictorLayout): Promise<Uint8Array> {
  const sane =
    layout.predictor === 1 ||
    (layout.predictor >= 10 &&
      layout.predictor <= 15 &&
      [1, 2, 4, 8, 16].includes(layout.bitsPerComponent) &&
      Number.isInteger(layout.columns) &&
      layout.columns >= 1 &&
      layout.columns <= 65_536 &&
      Number.isInteger(layout.colors) &&
      layout.colors >= 1 &&
      layout.colors <= 32);
  if (!sane) throw new StreamDataError(`predictor ${layout.predictor} is not one we read`);
  let inflated: Uint8Array;
  try {
    const buffer = await inflateAsync(data, { maxOutputLength: Math.max(maxBytes, 1) });
    inflated = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    throw new StreamDataError((error as Error).message);
  }
  return layout.predictor === 1 ? inflated : undoPngPredictor(inflated, layout);
}

/**
 * Undoes a PNG predictor (/Predictor 10 to 15), which cross-reference streams
 * almost always use and object streams may. Throws on a row type PNG does not define.
 */
function undoPngPredictor(data: Uint8Array, { columns, colors, bitsPerComponent }: PredictorLayout): Uint8Array {
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
      else throw new StreamDataError(`unknown PNG row type ${type}`);
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
