// Does a PDF carry active content? Judged on parsed objects (pdf-syntax.ts),
// never on words found in the bytes (security note, "Learned from trying the
// landed portal": the old text scan was bypassed by "(obj)" in a stream's
// dictionary).
//
// Readers find objects in different ways: reading the file from the top,
// following the cross-reference table or stream (whose offsets may point
// anywhere, even into another object's stream data), or rebuilding a damaged
// file by looking for "N G obj". So we judge the union: every object whose
// header appears anywhere in the file, every object of every object stream,
// every version of an object (incremental updates keep the old ones) and every
// trailer. One of them carrying active content is enough to refuse the file.
import { PDFContext, PDFHexString, PDFRawStream, PDFString, type PDFObject } from '@cantoo/pdf-lib';
import { activeContentNamed, isSafeLinkTarget } from './pdf-active-content';
import { crossReferenceStreamOffsets, crossReferenceTableOffsets, findObjectHeaders, objectKey, type ObjectHeader } from './pdf-object-locations';
import { inflateStreamData, StreamDataError } from './pdf-stream-data';
import { PdfArrayNode, PdfDictNode, PdfNameNode, PdfNumberNode, PdfRefNode, parseIndirectObjectAt, parsePdfObject } from './pdf-syntax';

export type PdfInspection =
  | { verdict: 'clean' }
  /** `finding` names what was found (for tests and logs), e.g. "/JavaScript". */
  | { verdict: 'active'; finding: string }
  | { verdict: 'encrypted' }
  | { verdict: 'damaged'; detail: string }
  | { verdict: 'uncheckable'; detail: string };

// A zip bomb hidden in an object stream must not exhaust memory while we look inside.
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;
// Large reports have tens of thousands of objects; each costs some microseconds.
const MAX_OBJECTS = 250_000;
// A header inside another object's stream data cuts that object short; it is
// then read again up to the end of the file, a few times at most (each costs a
// pass over the rest of the file).
const MAX_REREADS = 16;
// Long checks let other requests run between batches.
const OBJECTS_PER_BATCH = 2_000;

const WS = '[\\x00\\t\\n\\f\\r ]';
const TRAILER = new RegExp(`trailer(?=${WS}*<<)`, 'g');

class Refusal extends Error {
  constructor(readonly inspection: Exclude<PdfInspection, { verdict: 'clean' }>) {
    super(inspection.verdict);
  }
}

type ObjectStream = { stream: PDFRawStream; dict: PdfDictNode; key: number };

class Inspection {
  private readonly versions = new Map<number, PDFObject[]>();
  private readonly roots: PDFObject[] = [];
  private readonly objectStreams: ObjectStream[] = [];
  // One for the whole check: pdf-lib's dictionaries need one.
  private readonly context = PDFContext.create();
  private readonly text: string;
  private readonly headers: ObjectHeader[];
  private encrypted = false;
  private budget = MAX_INFLATED_BYTES;
  private objects = 0;
  private rereads = 0;

  constructor(private readonly bytes: Uint8Array) {
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    this.headers = findObjectHeaders(bytes);
  }

  async run(): Promise<PdfInspection> {
    for (const header of this.headers) {
      this.remember(header.key, this.parseBounded(header.body, (view) => parsePdfObject(view, { context: this.context }).object, header.start));
      if (this.count()) await pause();
    }
    const trailers: PDFObject[] = [];
    for (const match of this.text.matchAll(TRAILER)) {
      const start = match.index + match[0].length;
      const trailer = this.parseOrDamaged(() => parsePdfObject(this.bytes.subarray(start, this.nextHeader(start)), { allowStreams: false, context: this.context }).object, `trailer at ${match.index}`);
      trailers.push(trailer);
      if (trailer instanceof PdfDictNode && trailer.byKey.has('Root')) this.roots.push(trailer.byKey.get('Root')!);
      if (this.count()) await pause();
    }
    await this.readCrossReferencedObjects();
    // Known first, because the strings of an encrypted file (link addresses
    // among them) are unreadable without its key.
    this.encrypted = [...trailers, ...[...this.versions.values()].flat()].some((object) => dictionaryOf(object)?.byKey.has('Encrypt'));
    for (const trailer of trailers) this.judge(trailer, 'trailer');
    for (const [key, objects] of this.versions) for (const object of objects) this.judge(object, key);
    // Names outside streams are never encrypted, so what is found above stands;
    // object streams of an encrypted file cannot be read without its key.
    if (this.encrypted) return { verdict: 'encrypted' };
    for (let index = 0; index < this.objectStreams.length; index++) await this.readObjectStream(this.objectStreams[index]!);
    if (!this.roots.some((root) => this.resolve(root).some((catalog) => catalog instanceof PdfDictNode))) {
      return { verdict: 'damaged', detail: 'no trailer names a document catalog' };
    }
    return { verdict: 'clean' };
  }

  private nextHeader(offset: number): number {
    let low = 0;
    let high = this.headers.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.headers[middle]!.start > offset) high = middle;
      else low = middle + 1;
    }
    return this.headers[low]?.start ?? this.bytes.byteLength;
  }

  /**
   * Parses from `start` up to the next header. A header inside another
   * object's stream data cuts that object short, so it is then read again to
   * the end of the file, a few times at most (each costs a pass over the rest).
   */
  private parseBounded<T>(start: number, parse: (view: Uint8Array) => T, at: number): T {
    try {
      return parse(this.bytes.subarray(start, this.nextHeader(at)));
    } catch {
      if (++this.rereads > MAX_REREADS) throw new Refusal({ verdict: 'uncheckable', detail: 'too many objects overlap' });
      return this.parseOrDamaged(() => parse(this.bytes.subarray(start)), `the object at ${at}`);
    }
  }

  private parseOrDamaged<T>(parse: () => T, where: string): T {
    try {
      return parse();
    } catch (error) {
      // A stack overflow on absurd nesting is damage too, not a server error.
      throw new Refusal({ verdict: 'damaged', detail: `${where}: ${(error as Error).message}` });
    }
  }

  /** Objects at offsets the cross-reference tables and streams give, where no plain header is. */
  private async readCrossReferencedObjects(): Promise<void> {
    const offsets = crossReferenceTableOffsets(this.text);
    for (const [key, objects] of [...this.versions]) {
      for (const object of objects) {
        const dict = dictionaryOf(object);
        if (!(object instanceof PDFRawStream) || !dict || !this.namesOf(dict.byKey.get('Type')).includes('XRef')) continue;
        const widths = this.resolve(dict.byKey.get('W')).flatMap((value) => (value instanceof PdfArrayNode ? value.items.map((width) => (width instanceof PdfNumberNode ? width.value : NaN)) : []));
        if (widths.length !== 3 || widths.some((width) => !Number.isInteger(width) || width < 0 || width > 8)) {
          throw new Refusal({ verdict: 'damaged', detail: `cross-reference stream ${describe(key)} has no valid /W` });
        }
        for (const offset of crossReferenceStreamOffsets(await this.decode(object, dict, `cross-reference stream ${describe(key)}`), widths)) offsets.push(offset);
      }
    }
    const plain = new Set(this.headers.map((header) => header.start));
    for (const offset of new Set(offsets)) {
      if (plain.has(offset) || offset >= this.bytes.byteLength) continue;
      const entry = this.parseBounded(offset, (view) => parseIndirectObjectAt(view, this.context), offset);
      if (entry) this.remember(entry.key, entry.object);
      if (this.count()) await pause();
    }
  }

  private remember(key: number, object: PDFObject): void {
    const versions = this.versions.get(key);
    if (versions) versions.push(object);
    else this.versions.set(key, [object]);
  }

  /** True when it is time to let other requests run. */
  private count(): boolean {
    if (++this.objects > MAX_OBJECTS) throw new Refusal({ verdict: 'uncheckable', detail: 'too many objects' });
    return this.objects % OBJECTS_PER_BATCH === 0;
  }

  /** Every name in the object, every link action, and what the rest of the check needs. */
  private judge(root: PDFObject, key: number | 'trailer', objectStream?: number): void {
    const where = () => (key === 'trailer' ? 'the trailer' : objectStream === undefined ? `object ${describe(key)}` : `object ${describe(key)} in object stream ${describe(objectStream)}`);
    const pending: PDFObject[] = [root];
    while (pending.length > 0) {
      const object = pending.pop()!;
      if (object instanceof PdfNameNode) this.judgeName(object.value, where);
      else if (object instanceof PdfArrayNode) for (const item of object.items) pending.push(item);
      else if (object instanceof PDFRawStream) {
        const dict = dictionaryOf(object)!;
        pending.push(dict);
        if (dict.byKey.has('First') || this.namesOf(dict.byKey.get('Type')).includes('ObjStm')) this.objectStreams.push({ stream: object, dict, key: key === 'trailer' ? -1 : key });
      } else if (object instanceof PdfDictNode) {
        for (const [key, value] of object.byKey) {
          this.judgeName(key, where);
          pending.push(value);
        }
        if (object.byKey.has('Root') && object.byKey.has('Size')) this.roots.push(object.byKey.get('Root')!);
        if (object.byKey.has('URI') && this.namesOf(object.byKey.get('S')).includes('URI')) this.judgeLink(object.byKey.get('URI'), where);
      }
    }
  }

  private judgeName(name: string, where: () => string): void {
    const what = activeContentNamed(name);
    if (what) throw new Refusal({ verdict: 'active', finding: `/${name} (${what}) in ${where()}` });
    // A Crypt filter means encrypted streams, whatever the trailer says.
    if (name === 'Crypt') this.encrypted = true;
  }

  private judgeLink(target: PDFObject | undefined, where: () => string): void {
    if (this.encrypted) return;
    for (const value of this.resolve(target)) {
      if (!(value instanceof PDFString || value instanceof PDFHexString)) continue;
      const uri = Buffer.from(value.asBytes()).toString('latin1');
      if (!isSafeLinkTarget(uri)) throw new Refusal({ verdict: 'active', finding: `a link to ${JSON.stringify(uri.slice(0, 40))} in ${where()}` });
    }
  }

  /** The object itself, or every version of the object it refers to (a few references deep). */
  private resolve(object: PDFObject | undefined, depth = 0): PDFObject[] {
    if (object === undefined) return [];
    if (!(object instanceof PdfRefNode)) return [object];
    if (depth >= 8) return [];
    return (this.versions.get(object.key) ?? []).flatMap((version) => this.resolve(version, depth + 1));
  }

  private namesOf(object: PDFObject | undefined, depth = 0): string[] {
    if (depth > 4) return [];
    return this.resolve(object).flatMap((value) =>
      value instanceof PdfNameNode ? [value.value] : value instanceof PdfArrayNode ? value.items.flatMap((item) => this.namesOf(item, depth + 1)) : [],
    );
  }

  /** The one value every version agrees on; NaN when there is none (a reader could pick another). */
  private numberOf(object: PDFObject | undefined, fallback = NaN): number {
    const values = new Set(this.resolve(object).map((value) => (value instanceof PdfNumberNode ? value.value : NaN)));
    if (values.size === 0) return fallback;
    return values.size === 1 ? [...values][0]! : NaN;
  }

  private async readObjectStream({ stream, dict, key }: ObjectStream): Promise<void> {
    const where = describe(key);
    const data = await this.decode(stream, dict, `object stream ${where}`);
    const first = this.numberOf(dict.byKey.get('First'));
    const count = this.numberOf(dict.byKey.get('N'));
    if (![first, count].every((value) => Number.isInteger(value) && value >= 0 && value <= data.byteLength)) {
      throw new Refusal({ verdict: 'damaged', detail: `object stream ${where} has no clear /First and /N` });
    }
    // The header: pairs of object number and offset from /First.
    const numbers = Buffer.from(data.buffer, data.byteOffset, first).toString('latin1').match(/[0-9]+/g) ?? [];
    if (numbers.length < count * 2) throw new Refusal({ verdict: 'damaged', detail: `object stream ${where} lists fewer objects than /N` });
    const entries = Array.from({ length: count }, (_, index) => ({ key: objectKey(Number(numbers[index * 2]), 0), offset: first + Number(numbers[index * 2 + 1]) }));
    // Each distinct offset is read once, up to the next one, so overlapping
    // entries cannot make the work grow with their square.
    const offsets = [...new Set(entries.map((entry) => entry.offset))].sort((a, b) => a - b);
    const parsed = new Map<number, PDFObject>();
    for (const [index, offset] of offsets.entries()) {
      if (offset > data.byteLength) throw new Refusal({ verdict: 'damaged', detail: `object stream ${where} points past its end` });
      const view = data.subarray(offset, offsets[index + 1] ?? data.byteLength);
      parsed.set(offset, this.parseOrDamaged(() => parsePdfObject(view, { allowStreams: false, context: this.context }).object, `object stream ${where}`));
      if (this.count()) await pause();
    }
    for (const entry of entries) this.remember(entry.key, parsed.get(entry.offset)!);
    for (const entry of entries) this.judge(parsed.get(entry.offset)!, entry.key, key);
  }

  private async decode(stream: PDFRawStream, dict: PdfDictNode, where: string): Promise<Uint8Array> {
    const filters = this.namesOf(dict.byKey.get('Filter'));
    if (filters.length === 0 && !dict.byKey.has('Filter')) return stream.contents;
    if (filters.length !== 1 || !['FlateDecode', 'Fl'].includes(filters[0]!)) {
      throw new Refusal({ verdict: 'uncheckable', detail: `${where} uses ${filters.join(' ') || 'an unknown filter'}` });
    }
    const parameters = [...this.resolve(dict.byKey.get('DecodeParms')), ...this.resolve(dict.byKey.get('DP'))].find((value) => value instanceof PdfDictNode);
    const parameter = (key: string, fallback: number) => this.numberOf(parameters?.byKey.get(key), fallback);
    try {
      const data = await inflateStreamData(stream.contents, this.budget, {
        predictor: parameter('Predictor', 1),
        columns: parameter('Columns', 1),
        colors: parameter('Colors', 1),
        bitsPerComponent: parameter('BitsPerComponent', 8),
      });
      this.budget -= data.byteLength;
      return data;
    } catch (error) {
      // Damaged, encrypted, cut short or over the budget: we cannot say it is harmless.
      if (error instanceof StreamDataError) throw new Refusal({ verdict: 'uncheckable', detail: `${where}: ${error.message}` });
      throw error;
    }
  }
}

function describe(key: number): string {
  return `${Math.floor(key / 0x10_0000)} ${key % 0x10_0000}`;
}

function dictionaryOf(object: PDFObject): PdfDictNode | undefined {
  if (object instanceof PdfDictNode) return object;
  if (object instanceof PDFRawStream && object.dict instanceof PdfDictNode) return object.dict;
  return undefined;
}

const pause = () => new Promise((resolve) => setImmediate(resolve));

/** Judges a PDF's bytes (which start with %PDF-); never throws for anything in them. */
export async function inspectPdf(bytes: Uint8Array): Promise<PdfInspection> {
  try {
    return await new Inspection(bytes).run();
  } catch (error) {
    if (error instanceof Refusal) return error.inspection;
    // Anything the parser did not foresee (a stack overflow on absurd nesting)
    // is a file we could not read, not a server error.
    if (error instanceof RangeError) return { verdict: 'damaged', detail: error.message };
    throw error;
  }
}
