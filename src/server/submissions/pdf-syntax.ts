// PDF object syntax for the attachment check (pdf-inspection.ts), read with
// @cantoo/pdf-lib's object parser: its tokenizer, strings, hex strings,
// comments and stream extents (/Length, or the search for "endstream").
//
// Some productions are our own, because pdf-lib is built to read one trusted
// document and this server reads hostile ones for months:
// - names and indirect references: PDFName.of and PDFRef.of intern every
//   value in process-wide maps that are never emptied, so a PDF of a million
//   distinct names would grow the server for good. Ours are plain objects,
//   and names are decoded exactly once (#xx in either case, as readers do);
// - numbers: pdf-lib logs a warning for each oversized number (a log flood);
// - dictionaries: a key given twice is refused (ISO 32000-1, 7.3.7), because
//   readers disagree on which value wins and an action could hide behind the
//   one we would not look at;
// - literal strings and the search for "endstream": pdf-lib builds strings a
//   character at a time and steps through stream data byte by byte, which
//   takes seconds on 10 MB of hostile data; ours scan the bytes directly;
// - streams inside object streams are refused, as readers refuse them.
import { objectKey } from './pdf-object-locations';
import { PDFArray, PDFContext, PDFDict, PDFHexString, PDFName, PDFNumber, PDFObject, PDFObjectParser, PDFString, type PDFStream } from '@cantoo/pdf-lib';

export class PdfNameNode extends PDFObject {
  constructor(readonly value: string) {
    super();
  }
}

export class PdfNumberNode extends PDFObject {
  constructor(readonly value: number) {
    super();
  }
}

export class PdfRefNode extends PDFObject {
  constructor(
    readonly objectNumber: number,
    readonly generation: number,
  ) {
    super();
  }
  get key(): number {
    return objectKey(this.objectNumber, this.generation);
  }
}

export class PdfArrayNode extends PDFObject {
  constructor(readonly items: PDFObject[]) {
    super();
  }
}

/** A dictionary with every entry by its decoded key; pdf-lib sees only /Length, to find the stream's end. */
export class PdfDictNode extends PDFDict {
  constructor(
    readonly byKey: Map<string, PDFObject>,
    context: PDFContext,
  ) {
    const length = byKey.get('Length');
    super(length instanceof PdfNumberNode ? new Map([[PDFName.of('Length'), PDFNumber.of(length.value)]]) : new Map(), context);
  }
}

export class PdfSyntaxError extends Error {}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

type ByteStream = ConstructorParameters<typeof PDFObjectParser>[0];
// pdf-lib does not export its ByteStream class; a parser it builds carries one.
const ByteStreamClass = (PDFObjectParser.forBytes(new Uint8Array(0), PDFContext.create()) as unknown as { bytes: ByteStream }).bytes
  .constructor as unknown as { of(bytes: Uint8Array): ByteStream };

const OBJ = [0x6f, 0x62, 0x6a];
const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]); // ( ) < > [ ] { } / %
const isDigit = (byte: number | undefined) => byte !== undefined && byte >= 0x30 && byte <= 0x39;
const isHex = (byte: number | undefined) => byte !== undefined && (isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66));

export interface ParsedObject {
  object: PDFObject;
  /** Offset just after the object, relative to the start of the bytes given. */
  end: number;
}

class CheckingObjectParser extends PDFObjectParser {
  constructor(
    private readonly source: Uint8Array,
    context: PDFContext,
    private readonly allowStreams: boolean,
  ) {
    super(ByteStreamClass.of(source), context);
  }

  readObject(): ParsedObject {
    const object = this.parseObject();
    return { object, end: this.bytes.offset() };
  }

  /** "N G obj", with whatever whitespace and comments a reader skips; null when there is none. */
  readIndirectHeader(): { key: number } | null {
    try {
      this.skipWhitespaceAndComments();
      const objectNumber = this.parseRawInt();
      this.skipWhitespaceAndComments();
      const generation = this.parseRawInt();
      this.skipWhitespaceAndComments();
      return this.matchKeyword(OBJ) ? { key: objectKey(objectNumber, generation) } : null;
    } catch {
      return null;
    }
  }

  protected override parseName(): PDFName {
    return new PdfNameNode(this.readName()) as unknown as PDFName;
  }

  private readName(): string {
    this.bytes.assertNext(0x2f);
    const raw: number[] = [];
    while (!this.bytes.done()) {
      const byte = this.bytes.peek();
      if (WHITESPACE.has(byte) || DELIMITERS.has(byte)) break;
      raw.push(this.bytes.next());
    }
    let name = '';
    for (let index = 0; index < raw.length; index++) {
      if (raw[index] === 0x23 && isHex(raw[index + 1]) && isHex(raw[index + 2])) {
        name += String.fromCharCode(parseInt(String.fromCharCode(raw[index + 1]!, raw[index + 2]!), 16));
        index += 2;
      } else {
        name += String.fromCharCode(raw[index]!);
      }
    }
    return name;
  }

  protected override parseNumberOrRef(): PDFNumber {
    const first = this.readNumber();
    this.skipWhitespaceAndComments();
    const lookahead = this.bytes.offset();
    if (Number.isInteger(first.value) && !first.text.includes('.') && isDigit(this.bytes.peek())) {
      const second = this.readNumber();
      this.skipWhitespaceAndComments();
      if (Number.isInteger(second.value) && this.bytes.peek() === 0x52 /* R */) {
        this.bytes.next();
        return new PdfRefNode(first.value, second.value) as unknown as PDFNumber;
      }
    }
    this.bytes.moveTo(lookahead);
    return new PdfNumberNode(first.value) as unknown as PDFNumber;
  }

  private readNumber(): { value: number; text: string } {
    let text = '';
    while (!this.bytes.done()) {
      const byte = this.bytes.peek();
      if (!(isDigit(byte) || byte === 0x2b || byte === 0x2d || byte === 0x2e)) break;
      text += String.fromCharCode(this.bytes.next());
    }
    const value = Number(text);
    if (!text || !Number.isFinite(value)) throw new PdfSyntaxError(`not a number: ${text.slice(0, 20)}`);
    return { value, text };
  }

  protected override parseString(): PDFString {
    const start = this.bytes.offset();
    let depth = 0;
    for (let index = start; index < this.source.byteLength; index++) {
      const byte = this.source[index];
      if (byte === 0x5c /* \\ */) index++;
      else if (byte === 0x28) depth++;
      else if (byte === 0x29 && --depth === 0) {
        this.bytes.moveTo(index + 1);
        return PDFString.of(latin1(this.source, start + 1, index));
      }
    }
    throw new PdfSyntaxError('unterminated string');
  }

  protected override parseHexString(): PDFHexString {
    const start = this.bytes.offset();
    const end = this.source.indexOf(0x3e, start);
    if (end === -1) throw new PdfSyntaxError('unterminated hex string');
    this.bytes.moveTo(end + 1);
    return PDFHexString.of(latin1(this.source, start + 1, end));
  }

  /** Where stream data ends when /Length does not say: before the first "endstream" and the end of line ahead of it. */
  protected override findEndOfStreamFallback(): number {
    const keyword = Buffer.from(this.source.buffer, this.source.byteOffset, this.source.byteLength).indexOf('endstream', this.bytes.offset(), 'latin1');
    if (keyword === -1) throw new PdfSyntaxError('stream without endstream');
    this.bytes.moveTo(keyword + 'endstream'.length);
    let end = keyword;
    if (this.source[end - 1] === 0x0a) end--;
    if (this.source[end - 1] === 0x0d) end--;
    return Math.max(end, 0);
  }

  protected override parseArray(): PDFArray {
    this.bytes.assertNext(0x5b);
    const items: PDFObject[] = [];
    for (;;) {
      this.skipWhitespaceAndComments();
      if (this.bytes.done()) throw new PdfSyntaxError('unterminated array');
      if (this.bytes.peek() === 0x5d) break;
      items.push(this.parseObject());
    }
    this.bytes.next();
    return new PdfArrayNode(items) as unknown as PDFArray;
  }

  protected override parseDict(): PDFDict {
    this.bytes.assertNext(0x3c);
    this.bytes.assertNext(0x3c);
    const entries = new Map<string, PDFObject>();
    for (;;) {
      this.skipWhitespaceAndComments();
      if (this.bytes.done()) throw new PdfSyntaxError('unterminated dictionary');
      if (this.bytes.peek() === 0x3e) break;
      const key = this.readName();
      if (entries.has(key)) throw new PdfSyntaxError(`the key /${key} appears twice in one dictionary`);
      entries.set(key, this.parseObject());
    }
    this.bytes.assertNext(0x3e);
    this.bytes.assertNext(0x3e);
    return new PdfDictNode(entries, this.context);
  }

  protected override parseDictOrStream(): PDFDict | PDFStream {
    return this.allowStreams ? super.parseDictOrStream() : this.parseDict();
  }
}

/**
 * The object a cross-reference entry points to: null when no "N G obj" header
 * is there (offsets are often a little off, and readers then rebuild the table
 * from the headers, which we read anyway); throws when the header is there
 * but the object after it is broken.
 */
export function parseIndirectObjectAt(bytes: Uint8Array, context: PDFContext): { key: number; object: PDFObject } | null {
  const parser = new CheckingObjectParser(bytes, context, true);
  const header = parser.readIndirectHeader();
  return header && { key: header.key, object: parser.readObject().object };
}

/**
 * Parses the one object that starts at the beginning of `bytes` (the bytes
 * after an "N G obj" header, or one entry of an object stream). Throws when
 * the syntax is broken.
 */
export function parsePdfObject(bytes: Uint8Array, { allowStreams = true, context = PDFContext.create() } = {}): ParsedObject {
  return new CheckingObjectParser(bytes, context, allowStreams).readObject();
}
