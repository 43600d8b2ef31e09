// The scheduled digest job inside the portal. Every instance starts the
// timer, but a pass runs only where it takes a PostgreSQL advisory lock, so
// one instance at a time does the work (SQLite serves one host, where the
// passes of one process never overlap). The lock only saves work: the claim
// rows of send-digests.ts are what make each digest go out once, even when
// cron's `whatson digest send` runs beside the portal or a pass dies midway.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/connection';
import { database } from '../db/index';
import { portalNow } from '../clock';
import { contentDirectory, topicSlugsOnDisk } from '../content-directory';
import { currentEvents } from '../event-editor/event-transfer';
import { readEventFiles, translationsKeyOf, type EventFile, type EventFilesRead } from '../event-editor/event-files';
import { portalEventOf } from '../event-editor/stored-event-rows';
import { readContentTranslations } from '../translations/translation-files';
import type { PortalEvent } from '../events/portal-event';
import { sendDueDigests, type DigestRunReport } from './send-digests';
import { reviewLinksOnDisk } from '../review-mechanism/review-files';
import { countriesConcernedBy } from '../review-mechanism/review-mechanism';
import { repeatInBackground, type BackgroundJob } from '../background-job';

// Any constant other than the migrations' own.
const DIGEST_LOCK = 7_345_018;

/** What a digest pass reads of the content folder. */
interface DigestFiles {
  eventFiles: EventFilesRead;
  /** The files' translation files (<name>.<locale>.md), by collection/file name: a digest speaks its reader's language. */
  translations: ReturnType<typeof readContentTranslations>;
  topicTitles: Map<string, string>;
  reviews: ReturnType<typeof reviewLinksOnDisk>;
}

export interface DigestSources {
  events: PortalEvent[];
  topicTitles: Map<string, string>;
  countriesOf: (event: PortalEvent) => ReadonlySet<string>;
  problems: string[];
}

async function readDigestFiles(directory: string): Promise<DigestFiles> {
  const topicTitles = new Map<string, string>();
  for (const slug of topicSlugsOnDisk(directory)) {
    const text = await readFile(join(directory, 'topics', `${slug}.md`), 'utf8').catch(() => '');
    const title = /^title:\s*["']?(.+?)["']?\s*$/m.exec(text)?.[1];
    topicTitles.set(slug, title ?? slug);
  }
  return { eventFiles: await readEventFiles(directory), translations: readContentTranslations(directory), topicTitles, reviews: reviewLinksOnDisk(directory) };
}

/** `converted`: the events made of files on earlier passes, which currentEvents hands back as the same objects. */
async function digestSourcesOf(db: DatabaseHandle['db'], directory: string, files: DigestFiles, converted = new WeakMap<EventFile, PortalEvent>()): Promise<DigestSources> {
  const { events, rejected } = await currentEvents(db, directory, files.eventFiles);
  const portalEvent = (file: EventFile) => {
    let event = converted.get(file);
    // A version the browser stored carries its translations; a file's are beside it.
    const translations = file.translations ?? files.translations.get(translationsKeyOf(file));
    if (!event) converted.set(file, (event = portalEventOf(file.collection, file.slug, file.data, translations)));
    return event;
  };
  return {
    events: events.map(portalEvent),
    topicTitles: files.topicTitles,
    countriesOf: (event) => countriesConcernedBy(event, files.reviews),
    problems: rejected.map((file) => `${file.path}: ${Object.values(file.issues).join('; ')}`),
  };
}

/** The published events (files, and what the browser stored) and topic titles, read outside Astro. */
export async function readDigestSources(directory = contentDirectory(), db: DatabaseHandle['db'] = database().db): Promise<DigestSources> {
  return digestSourcesOf(db, directory, await readDigestFiles(directory));
}

/**
 * The sources for the portal's job, which makes a pass every 15 minutes: the
 * content folder is fixed for the life of the build (its pages show it as
 * built; privacy housekeeping reads it once too), so it is read on the first
 * pass only, where each reading and validating of every file cost about 10 s
 * of CPU at 5,000 events, and each file's event is converted once; what the
 * browser stored is read on every pass.
 */
export function digestSourcesReader(db: DatabaseHandle['db'], directory = contentDirectory()): () => Promise<DigestSources> {
  let files: Promise<DigestFiles> | undefined;
  // Converting 5,000 files' events to PortalEvents cost about half a second a pass.
  const converted = new WeakMap<EventFile, PortalEvent>();
  return async () => {
    files ??= readDigestFiles(directory);
    let read: DigestFiles;
    try {
      read = await files;
    } catch (error) {
      // Read again on the next pass.
      files = undefined;
      throw error;
    }
    return digestSourcesOf(db, directory, read, converted);
  };
}

/** One pass under the digest lock; 'busy' when another instance holds it. */
export async function runDigestPass(
  handle: Pick<DatabaseHandle, 'db' | 'dialect'>,
  options: Parameters<typeof sendDueDigests>[1],
): Promise<DigestRunReport | 'busy'> {
  if (handle.dialect !== 'postgres') return sendDueDigests(handle.db, options);
  // A session lock on one reserved connection; the work itself uses the pool.
  return handle.db.connection().execute(async (connection) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${DIGEST_LOCK}) as locked`.execute(connection);
    if (!rows[0]?.locked) return 'busy' as const;
    try {
      return await sendDueDigests(handle.db, options);
    } finally {
      await sql`select pg_advisory_unlock(${DIGEST_LOCK})`.execute(connection);
    }
  });
}

export type DigestJob = BackgroundJob;

export interface DigestJobOptions {
  intervalMs?: number;
  firstPassAfterMs?: number;
  now?: () => Date;
  log?: (line: string) => void;
  readSources?: () => Promise<DigestSources>;
}

/** Every 15 minutes (the first pass a minute after start): digests are due once their day or week has ended. */
export function startDigestJob(handle: Pick<DatabaseHandle, 'db' | 'dialect'>, options: DigestJobOptions = {}): DigestJob {
  const { intervalMs = 15 * 60_000, firstPassAfterMs = 60_000, now = portalNow, log = console.error, readSources = digestSourcesReader(handle.db) } = options;
  async function pass(): Promise<void> {
    try {
      const { events, topicTitles, countriesOf } = await readSources();
      const report = await runDigestPass(handle, { now: now(), events, topicTitles, countriesOf });
      if (report !== 'busy' && report.sent > 0) log(`[whatson] topic digests: ${report.sent} written to the outbox, ${report.empty} with nothing new`);
    } catch (error) {
      // Nothing was claimed without its email: the next pass tries again.
      log(`[whatson] topic digests postponed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return repeatInBackground(pass, { intervalMs, firstPassAfterMs });
}
