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
import { PDFHexString, PDFNumber, PDFRawStream, PDFString, type PDFObject } from '@cantoo/pdf-lib';
import { promisify } from 'node:util';
import { inflate } from 'node:zlib';
import { crossReferenceStreamOffsets, crossReferenceTableOffsets, undoPngPredictor } from './pdf-cross-references';
import { PdfArrayNode, PdfDictNode, PdfNameNode, PdfRefNode, parseIndirectObjectAt, parsePdfObject } from './pdf-syntax';

export type PdfInspection =
  | { verdict: 'clean' }
  /** `finding` names what was found (for tests and logs), e.g. "/JavaScript". */
  | { verdict: 'active'; finding: string }
  | { verdict: 'encrypted' }
  | { verdict: 'damaged'; detail: string }
  | { verdict: 'uncheckable'; detail: string };

// Names that make a PDF run, start, fetch or carry something, wherever they
// appear (as a key or a value, after #xx decoding). Decisions:
// - /OpenAction and /AA are not refused as such (opening at page 1 is common):
//   the actions in them are judged like every other action.
// - /SubmitForm sends what the reader typed (or the whole file) to an address
//   the author chose, and with a file-share target leaks Windows credentials;
//   /ImportData and /GoToR open other files the same way. A form meant to be
//   printed or filled in needs none of them.
const REFUSED_NAMES = new Map<string, string>([
  ['JavaScript', 'a script'],
  ['JS', 'a script'],
  ['OnInstantiate', 'a script in 3D artwork'],
  ['Launch', 'a launch action'],
  ['EmbeddedFile', 'an embedded file'],
  ['EmbeddedFiles', 'embedded files'],
  ['EF', 'an embedded file'],
  ['FileAttachment', 'a file attachment annotation'],
  ['GoToE', 'an action opening an embedded document'],
  ['GoToR', 'an action opening another file'],
  ['ImportData', 'an action importing a file'],
  ['SubmitForm', 'a form submission action'],
  ['XFA', 'an XFA form'],
  ['RichMedia', 'rich media (Flash or video with scripts)'],
  ['RichMediaExecute', 'a rich media action'],
]);
// Links may go to the web or start an email, as in written input itself.
const LINK_SCHEMES = new Set(['http', 'https', 'mailto']);

// A zip bomb hidden in an object stream must not exhaust memory while we look inside.
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;
const MAX_OBJECTS = 1_000_000;
// A header inside another object's stream data cuts that object short; it is
// then read again up to the end of the file, a few times at most (each costs a
// pass over the rest of the file).
const MAX_REREADS = 16;
// Long checks let other requests run between batches.
const OBJECTS_PER_BATCH = 2_000;

const WS = '[\\x00\\t\\n\\f\\r ]';
// Headers as written by producers and found by readers that rebuild a file.
// Character classes only: a group repeated per character makes the regular
// expression engine overflow its stack on megabytes of spaces. Headers with
// comments inside are found through the cross-reference entries instead.
const OBJECT_HEADER = new RegExp(`(?<![0-9])([0-9]+)${WS}+([0-9]+)${WS}*obj`, 'g');
const TRAILER = new RegExp(`trailer(?=${WS}*<<)`, 'g');

const inflateAsync = promisify(inflate);

class Refusal extends Error {
  constructor(readonly inspection: Exclude<PdfInspection, { verdict: 'clean' }>) {
    super(inspection.verdict);
  }
}

type ObjectStream = { stream: PDFRawStream; dict: PdfDictNode; where: string };

class Inspection {
  private readonly versions = new Map<string, PDFObject[]>();
  private readonly roots: PDFObject[] = [];
  private readonly objectStreams: ObjectStream[] = [];
  private encrypted = false;
  private budget = MAX_INFLATED_BYTES;
  private objects = 0;
  private rereads = 0;

  constructor(private readonly bytes: Uint8Array) {}

  async run(): Promise<PdfInspection> {
    const text = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength).toString('latin1');
    const headers = [...text.matchAll(OBJECT_HEADER)].map((match) => ({ key: `${Number(match[1])} ${Number(match[2])}`, start: match.index, body: match.index + match[0].length }));
    const nextHeader = (offset: number) => headers[firstIndexAfter(headers, offset)]?.start ?? this.bytes.byteLength;
    for (const header of headers) {
      this.remember(header.key, this.parseBounded((end) => parsePdfObject(this.bytes.subarray(header.body, end)).object, nextHeader(header.start), `object ${header.key} at ${header.start}`));
      await this.count();
    }
    const trailers: { trailer: PDFObject; where: string }[] = [];
    for (const match of text.matchAll(TRAILER)) {
      const start = match.index + match[0].length;
      const where = `trailer at ${match.index}`;
      const trailer = this.parseOrDamaged(() => parsePdfObject(this.bytes.subarray(start, nextHeader(start)), { allowStreams: false }).object, where);
      trailers.push({ trailer, where });
      if (trailer instanceof PdfDictNode && trailer.byKey.has('Root')) this.roots.push(trailer.byKey.get('Root')!);
      await this.count();
    }
    await this.readCrossReferencedObjects(text, new Set(headers.map((header) => header.start)), nextHeader);
    // Known first, because the strings of an encrypted file (link addresses
    // among them) are unreadable without its key.
    const topLevel = [...trailers.map(({ trailer }) => trailer), ...[...this.versions.values()].flat()];
    this.encrypted = topLevel.some((object) => dictionaryOf(object)?.byKey.has('Encrypt'));
    for (const { trailer, where } of trailers) this.judge(trailer, where);
    for (const [key, objects] of this.versions) for (const object of objects) this.judge(object, `object ${key}`);
    // Names outside streams are never encrypted, so what is found above stands;
    // object streams of an encrypted file cannot be read without its key.
    if (this.encrypted) return { verdict: 'encrypted' };
    for (let index = 0; index < this.objectStreams.length; index++) await this.readObjectStream(this.objectStreams[index]!);
    if (!this.roots.some((root) => this.resolve(root).some((catalog) => catalog instanceof PdfDictNode))) {
      return { verdict: 'damaged', detail: 'no trailer names a document catalog' };
    }
    return { verdict: 'clean' };
  }

  /**
   * Reads up to `end` (the next header): a header inside another object's
   * stream data cuts that object short, so it is then read again to the end
   * of the file, a few times at most (each costs a pass over the rest).
   */
  private parseBounded<T>(parse: (end?: number) => T, end: number, where: string): T {
    try {
      return parse(end);
    } catch {
      if (++this.rereads > MAX_REREADS) throw new Refusal({ verdict: 'uncheckable', detail: 'too many objects overlap' });
      return this.parseOrDamaged(() => parse(undefined), where);
    }
  }

  /** Objects at offsets the cross-reference tables and streams give, where no plain header is. */
  private async readCrossReferencedObjects(text: string, headerStarts: Set<number>, nextHeader: (offset: number) => number): Promise<void> {
    const offsets = crossReferenceTableOffsets(text);
    for (const [key, objects] of [...this.versions]) {
      for (const object of objects) {
        const dict = dictionaryOf(object);
        if (!(object instanceof PDFRawStream) || !dict || !this.namesOf(dict.byKey.get('Type')).includes('XRef')) continue;
        const widths = this.resolve(dict.byKey.get('W')).flatMap((value) => (value instanceof PdfArrayNode ? value.items : []));
        const numbers = widths.map((width) => (width instanceof PDFNumber ? width.asNumber() : NaN));
        if (numbers.length !== 3 || numbers.some((width) => !Number.isInteger(width) || width < 0 || width > 8)) {
          throw new Refusal({ verdict: 'damaged', detail: `cross-reference stream ${key} has no valid /W` });
        }
        offsets.push(...crossReferenceStreamOffsets(await this.decode(object, dict, `cross-reference stream ${key}`), numbers));
      }
    }
    for (const offset of new Set(offsets)) {
      if (headerStarts.has(offset) || offset >= this.bytes.byteLength) continue;
      const entry = this.parseBounded((end) => parseIndirectObjectAt(this.bytes.subarray(offset, end)), nextHeader(offset), `object at ${offset}`);
      if (entry) this.remember(entry.key, entry.object);
      await this.count();
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

  private remember(key: string, object: PDFObject): void {
    const versions = this.versions.get(key);
    if (versions) versions.push(object);
    else this.versions.set(key, [object]);
  }

  private async count(): Promise<void> {
    this.objects++;
    if (this.objects > MAX_OBJECTS) throw new Refusal({ verdict: 'uncheckable', detail: 'too many objects' });
    if (this.objects % OBJECTS_PER_BATCH === 0) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Every name in the object, every link action, and what the rest of the check needs. */
  private judge(root: PDFObject, where: string): void {
    const pending: PDFObject[] = [root];
    while (pending.length > 0) {
      const object = pending.pop()!;
      if (object instanceof PdfNameNode) this.judgeName(object.value, where);
      else if (object instanceof PdfArrayNode) for (const item of object.items) pending.push(item);
      else if (object instanceof PDFRawStream) {
        const dict = dictionaryOf(object)!;
        pending.push(dict);
        if (dict.byKey.has('First') || this.namesOf(dict.byKey.get('Type')).includes('ObjStm')) this.objectStreams.push({ stream: object, dict, where });
      } else if (object instanceof PdfDictNode) {
        for (const [key, value] of object.byKey) {
          this.judgeName(key, where);
          pending.push(value);
        }
        if (object.byKey.has('Root') && object.byKey.has('Size')) this.roots.push(object.byKey.get('Root')!);
        if (this.namesOf(object.byKey.get('S')).includes('URI')) this.judgeLink(object.byKey.get('URI'), where);
      }
    }
  }

  private judgeName(name: string, where: string): void {
    const what = REFUSED_NAMES.get(name);
    if (what) throw new Refusal({ verdict: 'active', finding: `/${name} (${what}) in ${where}` });
    // A Crypt filter means encrypted streams, whatever the trailer says.
    if (name === 'Crypt') this.encrypted = true;
  }

  private judgeLink(target: PDFObject | undefined, where: string): void {
    if (this.encrypted) return;
    for (const value of this.resolve(target)) {
      if (!(value instanceof PDFString || value instanceof PDFHexString)) continue;
      const uri = Buffer.from(value.asBytes()).toString('latin1').replace(/^[\x00-\x20]+/, '');
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1]?.toLowerCase();
      // No scheme: a relative web address, unless it names a path or a file share.
      const allowed = scheme ? LINK_SCHEMES.has(scheme) : !/^[\\/]/.test(uri);
      if (!allowed) throw new Refusal({ verdict: 'active', finding: `a link to ${JSON.stringify(uri.slice(0, 40))} in ${where}` });
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

  /** One value every version agrees on, or a refusal: a reader could pick another. */
  private integer(dict: PdfDictNode, key: string, where: string): number {
    const values = new Set(this.resolve(dict.byKey.get(key)).map((value) => (value instanceof PDFNumber ? value.asNumber() : NaN)));
    const [value] = values;
    if (values.size !== 1 || !Number.isInteger(value) || value! < 0) throw new Refusal({ verdict: 'uncheckable', detail: `object stream ${where} has no clear /${key}` });
    return value!;
  }

  private async readObjectStream({ stream, dict, where }: ObjectStream): Promise<void> {
    const data = await this.decode(stream, dict, `object stream ${where}`);
    const first = this.integer(dict, 'First', where);
    const count = this.integer(dict, 'N', where);
    if (first > data.byteLength || count > data.byteLength) throw new Refusal({ verdict: 'damaged', detail: `object stream ${where} is shorter than it says` });
    // The header: pairs of object number and offset from /First.
    const numbers = Buffer.from(data.buffer, data.byteOffset, first).toString('latin1').match(/[0-9]+/g) ?? [];
    if (numbers.length < count * 2) throw new Refusal({ verdict: 'damaged', detail: `object stream ${where} lists fewer objects than /N` });
    const entries = Array.from({ length: count }, (_, index) => ({ key: `${Number(numbers[index * 2])} 0`, offset: first + Number(numbers[index * 2 + 1]) }));
    // Each distinct offset is read once, up to the next one, so overlapping
    // entries cannot make the work grow with their square.
    const offsets = [...new Set(entries.map((entry) => entry.offset))].sort((a, b) => a - b);
    const parsed = new Map<number, PDFObject>();
    for (const [index, offset] of offsets.entries()) {
      if (offset > data.byteLength) throw new Refusal({ verdict: 'damaged', detail: `object stream ${where} points past its end` });
      const view = data.subarray(offset, offsets[index + 1] ?? data.byteLength);
      parsed.set(offset, this.parseOrDamaged(() => parsePdfObject(view, { allowStreams: false }).object, `object at ${offset} in object stream ${where}`));
      await this.count();
    }
    for (const entry of entries) this.remember(entry.key, parsed.get(entry.offset)!);
    for (const entry of entries) this.judge(parsed.get(entry.offset)!, `object ${entry.key} in object stream ${where}`);
  }

  /** FlateDecode (with or without a PNG predictor) is what producers write for these streams; only that is unpacked, within the budget. */
  private async decode(stream: PDFRawStream, dict: PdfDictNode, where: string): Promise<Uint8Array> {
    const filters = this.namesOf(dict.byKey.get('Filter'));
    if (filters.length === 0 && !dict.byKey.has('Filter')) return stream.contents;
    if (filters.length !== 1 || !['FlateDecode', 'Fl'].includes(filters[0]!)) {
      throw new Refusal({ verdict: 'uncheckable', detail: `${where} uses ${filters.join(' ') || 'an unknown filter'}` });
    }
    let inflated: Uint8Array;
    try {
      const buffer = await inflateAsync(stream.contents, { maxOutputLength: Math.max(this.budget, 1) });
      this.budget -= buffer.byteLength;
      inflated = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (error) {
      // Damaged, encrypted, cut short or over the budget: we cannot say it is harmless.
      throw new Refusal({ verdict: 'uncheckable', detail: `${where}: ${(error as Error).message}` });
    }
    const parameters = [...this.resolve(dict.byKey.get('DecodeParms')), ...this.resolve(dict.byKey.get('DP'))].find((value) => value instanceof PdfDictNode);
    if (!parameters) return inflated;
    const number = (key: string, fallback: number) => {
      const values = this.resolve(parameters.byKey.get(key));
      return values.length === 0 ? fallback : values[0] instanceof PDFNumber ? values[0].asNumber() : NaN;
    };
    const predictor = number('Predictor', 1);
    if (predictor === 1) return inflated;
    const layout = { columns: number('Columns', 1), colors: number('Colors', 1), bitsPerComponent: number('BitsPerComponent', 8) };
    const sane = predictor >= 10 && predictor <= 15 && [1, 2, 4, 8, 16].includes(layout.bitsPerComponent) && Number.isInteger(layout.columns) && layout.columns >= 1 && layout.columns <= 65_536 && Number.isInteger(layout.colors) && layout.colors >= 1 && layout.colors <= 32;
    if (!sane) throw new Refusal({ verdict: 'uncheckable', detail: `${where} uses predictor ${predictor}` });
    try {
      return undoPngPredictor(inflated, layout);
    } catch (error) {
      throw new Refusal({ verdict: 'uncheckable', detail: `${where}: ${(error as Error).message}` });
    }
  }
}

function dictionaryOf(object: PDFObject): PdfDictNode | undefined {
  if (object instanceof PdfDictNode) return object;
  if (object instanceof PDFRawStream && object.dict instanceof PdfDictNode) return object.dict;
  return undefined;
}

/** Index of the first header that starts after `offset` (headers are in file order). */
function firstIndexAfter(headers: { start: number }[], offset: number): number {
  let low = 0;
  let high = headers.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (headers[middle]!.start > offset) high = middle;
    else low = middle + 1;
  }
  return low;
}

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
