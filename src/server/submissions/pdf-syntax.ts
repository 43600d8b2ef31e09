// PDF object syntax for the attachment check (pdf-inspection.ts), read with
// @cantoo/pdf-lib's object parser: its tokenizer, strings, hex strings,
// comments and stream extents (/Length, or the search for "endstream").
//
// Four productions are our own, because pdf-lib is built to read one trusted
// document and this server reads hostile ones for months:
// - names and indirect references: PDFName.of and PDFRef.of intern every
//   value in process-wide maps that are never emptied, so a PDF of a million
//   distinct names would grow the server for good. Ours are plain objects,
//   and names are decoded exactly once (#xx in either case, as readers do);
// - numbers: pdf-lib logs a warning for each oversized number (a log flood);
// - dictionaries: a key given twice is refused (ISO 32000-1, 7.3.7), because
//   readers disagree on which value wins and an action could hide behind the
//   one we would not look at;
// - streams inside object streams are refused, as readers refuse them.
import { PDFArray, PDFContext, PDFDict, PDFName, PDFNumber, PDFObject, PDFObjectParser, type PDFStream } from '@cantoo/pdf-lib';

export class PdfNameNode extends PDFObject {
  constructor(readonly value: string) {
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
  get key(): string {
    return `${this.objectNumber} ${this.generation}`;
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
    super(length instanceof PDFNumber ? new Map([[PDFName.of('Length'), length]]) : new Map(), context);
  }
}

export class PdfSyntaxError extends Error {}

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
    bytes: Uint8Array,
    private readonly allowStreams: boolean,
  ) {
    super(ByteStreamClass.of(bytes), PDFContext.create());
  }

  readObject(): ParsedObject {
    const object = this.parseObject();
    return { object, end: this.bytes.offset() };
  }

  /** "N G obj", with whatever whitespace and comments a reader skips; null when there is none. */
  readIndirectHeader(): { key: string } | null {
    try {
      this.skipWhitespaceAndComments();
      const objectNumber = this.parseRawInt();
      this.skipWhitespaceAndComments();
      const generation = this.parseRawInt();
      this.skipWhitespaceAndComments();
      return this.matchKeyword(OBJ) ? { key: `${objectNumber} ${generation}` } : null;
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
    return PDFNumber.of(first.value);
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
export function parseIndirectObjectAt(bytes: Uint8Array): { key: string; object: PDFObject } | null {
  const parser = new CheckingObjectParser(bytes, true);
  const header = parser.readIndirectHeader();
  return header && { key: header.key, object: parser.readObject().object };
}

/**
 * Parses the one object that starts at the beginning of `bytes` (the bytes
 * after an "N G obj" header, or one entry of an object stream). Throws when
 * the syntax is broken.
 */
export function parsePdfObject(bytes: Uint8Array, { allowStreams = true } = {}): ParsedObject {
  return new CheckingObjectParser(bytes, allowStreams).readObject();
}
