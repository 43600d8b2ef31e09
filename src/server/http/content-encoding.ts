// Compression of answers (gzip and brotli, Node's built-in zlib): which
// encoding a client gets (Accept-Encoding with its q-values), which answers
// are worth compressing, and the compressing itself.
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import { promisify } from 'node:util';

export type ContentEncoding = 'br' | 'gzip' | 'identity';

/** Below this, compressing saves less than it costs (and a packet is a packet). */
export const MIN_COMPRESSED_BYTES = 1024;
/** Above this, compressing runs in libuv's thread pool instead of holding up every other request. */
const COMPRESS_OFF_THREAD_BYTES = 128 * 1024;

/**
 * How hard to compress a copy. `quick` for a copy that may be sent only once
 * (a page rendered on a cache miss: a crawler's new combination of filters):
 * on a 22 KiB listing gzip 3 costs 60 % of gzip 6 and brotli 4 55 % of
 * brotli 5, for 8 % more bytes each; brotli 4 is still smaller than gzip 6
 * (brotli 2 and 3 are not smaller than gzip 3: a browser would get more
 * bytes than a crawler). `small` for a copy sent again and again (a page
 * asked for a second time): brotli 5 and gzip 6, about a millisecond per
 * 100 KiB each, brotli 5 as small as gzip 9; higher brotli levels cost ten
 * times more for a few per cent.
 */
export type CompressionEffort = 'quick' | 'small';

const BROTLI_OPTIONS = {
  quick: { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } },
  small: { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } },
};
const GZIP_OPTIONS = { quick: { level: 3 }, small: { level: 6 } };

const COMPRESSIBLE = /^(?:text\/|application\/(?:json|xml|rss\+xml|atom\+xml|javascript|manifest\+json)|image\/svg\+xml)/i;

export function isCompressible(contentType: string | null | undefined): boolean {
  return contentType !== null && contentType !== undefined && COMPRESSIBLE.test(contentType);
}

/** Weights of the codings a client named, as RFC 9110 §12.5.3 reads them; unnamed ones fall under "*". */
function weightsOf(acceptEncoding: string): { br: number; gzip: number; identity: number } {
  const named = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [token, ...parameters] = part.split(';');
    const name = token!.trim().toLowerCase();
    if (!name) continue;
    let weight = 1;
    for (const parameter of parameters) {
      const [key, value] = parameter.split('=');
      if (key?.trim().toLowerCase() !== 'q') continue;
      const parsed = Number(value?.trim());
      weight = Number.isFinite(parsed) && parsed >= 0 && parsed <= 1 ? parsed : 0;
    }
    // x-gzip is gzip's old name; the first mention of a coding wins.
    const coding = name === 'x-gzip' ? 'gzip' : name;
    if (!named.has(coding)) named.set(coding, weight);
  }
  const any = named.get('*');
  const weightOf = (coding: string, otherwise: number) => named.get(coding) ?? any ?? otherwise;
  // Unnamed, identity is acceptable but preferred to nothing the client names (RFC 9110 §12.5.3).
  return { br: weightOf('br', 0), gzip: weightOf('gzip', 0), identity: weightOf('identity', 0) };
}

/** Which of two codings the client weighs the same goes first. */
type TieBreak = 'smallest' | 'cheapest';

const NEGOTIATED: Record<TieBreak, Map<string, ContentEncoding>> = { smallest: new Map(), cheapest: new Map() };
const NEGOTIATED_LIMIT = 256;
/** Tried in this order; a later coding wins a tie, identity loses every tie. */
const TRIED: Record<TieBreak, readonly ('br' | 'gzip')[]> = { smallest: ['gzip', 'br'], cheapest: ['br', 'gzip'] };

function negotiate(acceptEncoding: string | undefined, tieBreak: TieBreak): ContentEncoding {
  if (!acceptEncoding) return 'identity';
  const remembered = NEGOTIATED[tieBreak];
  const known = remembered.get(acceptEncoding);
  if (known) return known;
  const weights = weightsOf(acceptEncoding);
  let best: ContentEncoding = 'identity';
  let bestWeight = weights.identity;
  for (const coding of TRIED[tieBreak]) {
    if (weights[coding] > 0 && weights[coding] >= bestWeight) {
      best = coding;
      bestWeight = weights[coding];
    }
  }
  if (remembered.size >= NEGOTIATED_LIMIT) remembered.clear();
  remembered.set(acceptEncoding, best);
  return best;
}

/**
 * The best coding the client accepts: the highest q-value, brotli before
 * gzip before identity when they tie. A client that refuses everything
 * still gets identity (a 406 helps nobody). Clients send a handful of
 * distinct headers, so the answers are remembered.
 */
export function negotiateEncoding(acceptEncoding: string | undefined): ContentEncoding {
  return negotiate(acceptEncoding, 'smallest');
}

/**
 * The same, but gzip before brotli when they tie: for a page compressed on
 * the spot for the request that rendered it (a cache miss), where gzip 3
 * costs a quarter to a half of brotli 4 for about 10 % more bytes. A client
 * that weighs brotli higher still gets brotli.
 */
export function negotiateQuickEncoding(acceptEncoding: string | undefined): ContentEncoding {
  return negotiate(acceptEncoding, 'cheapest');
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** `body` in `encoding`; large bodies are compressed off the main thread. */
export function compress(body: Buffer, encoding: Exclude<ContentEncoding, 'identity'>, effort: CompressionEffort = 'small'): Buffer | Promise<Buffer> {
  if (body.length < COMPRESS_OFF_THREAD_BYTES) return encoding === 'br' ? brotliCompressSync(body, BROTLI_OPTIONS[effort]) : gzipSync(body, GZIP_OPTIONS[effort]);
  return encoding === 'br' ? brotliAsync(body, BROTLI_OPTIONS[effort]) : gzipAsync(body, GZIP_OPTIONS[effort]);
}

/** The ETag of one encoding of a body: distinct per encoding, so a cache never mixes them up. */
export function encodedTag(etag: string, encoding: ContentEncoding): string {
  if (encoding === 'identity') return etag;
  return etag.endsWith('"') ? `${etag.slice(0, -1)}-${encoding}"` : `${etag}-${encoding}`;
}
