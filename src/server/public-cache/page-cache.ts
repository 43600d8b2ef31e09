// Public answers kept in memory, each tied to the public data version it was
// rendered at and to the moment it stops being true. Bounded in bytes; the
// least recently used answer goes first. While the version cannot be read
// (the database is unavailable) the answers are kept, to be served stale.
import type { OutgoingHttpHeaders } from 'node:http';

export type CompressedEncoding = 'br' | 'gzip';

export interface CachedPage {
  status: number;
  /** As sent uncompressed, ETag and Content-Length included. */
  headers: OutgoingHttpHeaders;
  body: Buffer;
  etag: string;
  lastModified?: string;
  version: number;
  expiresAt: number;
  /** Worth compressing (a text type, not tiny): then it varies by Accept-Encoding. */
  compressible: boolean;
  /** The compressed copies made so far: quickly when a client first asks for one, small when it is asked for again. */
  encoded: Partial<Record<CompressedEncoding, Buffer | Promise<Buffer>>>;
}

export interface PageCacheOptions {
  readVersion: () => Promise<number>;
  /** How long a version read is believed: the longest another instance's change stays unseen. */
  versionRefreshMs?: number;
  versionReadTimeoutMs?: number;
  maxBytes?: number;
  clock?: () => number;
}

export const VERSION_REFRESH_MS = 500;
/** After a failed version read, how long requests take the last good copy without asking the database again. */
export const RETRY_AFTER_FAILURE_MS = 1_000;
/** How long requests wait for a version read (a busy pool, a lost network) before they count it as failed. */
export const VERSION_READ_TIMEOUT_MS = 2_000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** A page as kept: with the count of uses (inserts and moves to the back) when it was last put at the back. */
interface Kept {
  page: CachedPage;
  movedAt: number;
}

export class PageCache {
  /** In order of use, least recently used first: eviction takes from the front. */
  private readonly pages = new Map<string, Kept>();
  /** Inserts and moves to the back so far: a page moved since fewer than half the pages ago is in the newer half. */
  private moves = 0;
  private readonly rendering = new Map<string, Promise<void>>();
  private bytes = 0;
  private version: number | null = null;
  private versionReadAt = -Infinity;
  private versionFailedAt = -Infinity;
  private versionReading: Promise<number | null> | null = null;
  /** A read that outlived its timeout and has not settled: no second one is started beside it. */
  private readOutstanding = false;
  private localChanges = 0;
  private readonly readVersion: () => Promise<number>;
  private readonly versionRefreshMs: number;
  private readonly versionReadTimeoutMs: number;
  private readonly maxBytes: number;
  private readonly clock: () => number;

  constructor(options: PageCacheOptions) {
    this.readVersion = options.readVersion;
    this.versionRefreshMs = options.versionRefreshMs ?? VERSION_REFRESH_MS;
    this.versionReadTimeoutMs = options.versionReadTimeoutMs ?? VERSION_READ_TIMEOUT_MS;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.clock = options.clock ?? Date.now;
  }

  /**
   * The public data version, read from the database at most once per refresh
   * interval (one read shared by every request waiting for it). Null when it
   * cannot be read: then nothing new is kept, and what is kept may be served
   * stale (getStale). A read that takes longer than its timeout counts as
   * failed for those waiting (it may still finish and be used). After a
   * failure the database is left alone for a moment, so that while it is
   * down each request does not wait for its own failure (a pool timeout, a
   * busy SQLite file), and a read that hangs is never joined by another.
   */
  currentVersion(): Promise<number | null> | number | null {
    const now = this.clock();
    if (this.versionIsFresh(now)) return this.version;
    if (this.versionReading) return this.versionReading;
    if (now - this.versionFailedAt < RETRY_AFTER_FAILURE_MS || this.readOutstanding) return null;
    const startedAt = now;
    const changesBefore = this.localChanges;
    this.readOutstanding = true;
    const read = this.readVersion()
      .then((version) => {
        if (version !== this.version) this.clear();
        this.version = version;
        this.versionFailedAt = -Infinity;
        // A read that began before a local change may predate it: do not trust it for long.
        if (this.localChanges === changesBefore) this.versionReadAt = startedAt;
        return version;
      })
      .catch(() => {
        // The pages stay, tied to the last version read: when the database
        // answers again they are served if that is still the version.
        this.versionFailedAt = this.clock();
        return null;
      })
      .finally(() => {
        this.readOutstanding = false;
      });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<null>((resolve) => {
      timer = setTimeout(() => {
        this.versionFailedAt = this.clock();
        resolve(null);
      }, this.versionReadTimeoutMs);
    });
    this.versionReading = Promise.race([read, timedOut]).finally(() => {
      clearTimeout(timer);
      this.versionReading = null;
    });
    return this.versionReading;
  }

  /** Whether the version last read is believed without reading it again. */
  private versionIsFresh(now: number): boolean {
    return now - this.versionReadAt < this.versionRefreshMs;
  }

  /** A change was just made through this instance: the next request reads the version again. */
  checkVersionNow(): void {
    this.localChanges += 1;
    this.versionReadAt = -Infinity;
  }

  get(key: string, version: number): CachedPage | undefined {
    const kept = this.pages.get(key);
    if (!kept) return undefined;
    const { page } = kept;
    if (!isCurrent(page, version, this.clock())) {
      this.remove(key, page);
      return undefined;
    }
    this.used(key, kept);
    return page;
  }

  /**
   * The page kept under `key` when it is current by the version already read
   * (within the refresh interval): one lookup, no read started, nothing to
   * await. Undefined otherwise, and then get() after currentVersion() decides.
   */
  getKnownCurrent(key: string): CachedPage | undefined {
    const kept = this.pages.get(key);
    if (!kept) return undefined;
    const now = this.clock();
    const { page } = kept;
    if (!this.versionIsFresh(now) || !isCurrent(page, this.version, now)) return undefined;
    this.used(key, kept);
    return page;
  }

  /** The last copy kept for `key`, whatever its version or age: for when the current version cannot be read. */
  getStale(key: string): CachedPage | undefined {
    const kept = this.pages.get(key);
    if (!kept) return undefined;
    this.used(key, kept);
    return kept.page;
  }

  /**
   * Most recently used last, so eviction takes from the front. A page already
   * in the newer half stays where it is: far from eviction either way, and the
   * pages asked for most (every cached answer comes here) are not taken out
   * of the map and put back on each request.
   */
  private used(key: string, kept: Kept): void {
    if (this.moves - kept.movedAt < this.pages.size / 2) return;
    this.pages.delete(key);
    kept.movedAt = ++this.moves;
    this.pages.set(key, kept);
  }

  /** Whether something is kept under `key` (of any version): only public pages ever are. */
  holds(key: string): boolean {
    return this.pages.has(key);
  }

  set(key: string, page: CachedPage): void {
    if (page.version !== this.version || page.body.length > this.maxBytes / 4) return;
    const previous = this.pages.get(key);
    if (previous) this.remove(key, previous.page);
    this.pages.set(key, { page, movedAt: ++this.moves });
    this.bytes += bytesOf(page);
    this.evictOverBudget();
  }

  /**
   * A compressed copy of a kept page, new or in place of the one it had
   * (a quick copy made again small): counted in the budget while the page is kept.
   */
  addEncoded(key: string, page: CachedPage, encoding: CompressedEncoding, body: Buffer): void {
    const previous = page.encoded[encoding];
    page.encoded[encoding] = body;
    if (this.pages.get(key)?.page !== page) return;
    this.bytes += body.length - (Buffer.isBuffer(previous) ? previous.length : 0);
    this.evictOverBudget();
  }

  private evictOverBudget(): void {
    for (const [oldestKey, oldest] of this.pages) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldestKey, oldest.page);
    }
  }

  /** While one request renders a page, others asking for it wait instead of rendering it too. */
  whileRendering(key: string): Promise<void> | undefined {
    return this.rendering.get(key);
  }

  startRendering(key: string): () => void {
    let done!: () => void;
    this.rendering.set(key, new Promise<void>((resolve) => (done = resolve)));
    return () => {
      this.rendering.delete(key);
      done();
    };
  }

  get size(): { pages: number; bytes: number } {
    return { pages: this.pages.size, bytes: this.bytes };
  }

  private remove(key: string, page: CachedPage): void {
    this.pages.delete(key);
    this.bytes -= bytesOf(page);
  }

  private clear(): void {
    this.pages.clear();
    this.bytes = 0;
  }
}

/** Whether a kept page is the one to answer with at `version`, now. */
function isCurrent(page: CachedPage, version: number | null, now: number): boolean {
  return page.version === version && page.expiresAt > now;
}

/** The bytes a page holds: its body and the compressed copies made so far. */
function bytesOf(page: CachedPage): number {
  let bytes = page.body.length;
  for (const copy of Object.values(page.encoded)) if (Buffer.isBuffer(copy)) bytes += copy.length;
  return bytes;
}
