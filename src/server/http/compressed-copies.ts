// The compressed copies of a kept page: made quickly the first time a client
// asks for an encoding (most pages rendered on a miss are asked for once: a
// crawler's new combination of filters), and made again, small, once the
// page is asked for a second time and so may be asked for many times more.
import type { CachedPage, CompressedEncoding, PageCache } from '../public-cache/page-cache';
import { compress } from './content-encoding';

/**
 * Copies made quickly, each with whether its small copy is being made. A
 * quick copy and its small copy have the same ETag (encodedTag of the page's
 * tag): both decode to the very bytes of the page the tag names, so a client
 * holding either has the current page and gets a 304; no answer is ever
 * pieced together from ranges of the two (pages are not sent in ranges).
 */
const quickCopies = new WeakMap<Buffer, { refining: boolean }>();

/** The small copies being made, for whoever must know when they are ready (tests). */
const refinements = new WeakMap<CachedPage, Promise<void>>();

/** Whether `copy` is the last this page will get in its encoding (false: a quick copy, to be made again small). */
export function isSmallCopy(copy: Buffer): boolean {
  return !quickCopies.has(copy);
}

/** Settles when the small copies being made of `page` are kept (at once if none is being made). */
export function refined(page: CachedPage): Promise<void> {
  return refinements.get(page) ?? Promise.resolve();
}

function keep(cache: PageCache | undefined, key: string, page: CachedPage, encoding: CompressedEncoding, copy: Buffer): void {
  if (cache) cache.addEncoded(key, page, encoding, copy);
  else page.encoded[encoding] = copy;
}

/**
 * The page's body in `encoding`: the copy kept, else one made now, quickly
 * (once, kept in the cache). A quick copy asked for again is made small
 * after this answer has gone (setImmediate), and replaces it.
 */
export function copyIn(cache: PageCache | undefined, key: string, page: CachedPage, encoding: CompressedEncoding): Buffer | Promise<Buffer> {
  const kept = page.encoded[encoding];
  if (kept) {
    if (Buffer.isBuffer(kept)) refineLater(cache, key, page, encoding, kept);
    return kept;
  }
  const made = compress(page.body, encoding, 'quick');
  if (Buffer.isBuffer(made)) {
    quickCopies.set(made, { refining: false });
    keep(cache, key, page, encoding, made);
    return made;
  }
  // Everyone who asks while it is being made waits for the same copy.
  page.encoded[encoding] = made.then((copy) => {
    quickCopies.set(copy, { refining: false });
    keep(cache, key, page, encoding, copy);
    return copy;
  });
  return page.encoded[encoding]!;
}

function refineLater(cache: PageCache | undefined, key: string, page: CachedPage, encoding: CompressedEncoding, quick: Buffer): void {
  const state = quickCopies.get(quick);
  if (!state || state.refining) return;
  state.refining = true;
  const before = refinements.get(page) ?? Promise.resolve();
  const done = new Promise<void>((resolve) => {
    setImmediate(() => {
      // A page the cache has let go meanwhile is not worth the work.
      if (cache && !cache.holds(key)) return resolve();
      Promise.resolve(compress(page.body, encoding, 'small'))
        .then((small) => {
          if (page.encoded[encoding] === quick) keep(cache, key, page, encoding, small);
        })
        // The quick copy stays: it is the page all the same.
        .catch(() => {})
        .finally(resolve);
    });
  });
  refinements.set(page, before.then(() => done));
}
