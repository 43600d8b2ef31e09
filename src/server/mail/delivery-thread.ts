// Where an email is rendered and handed over: a worker thread of its own.
// Building a message with nodemailer (MIME parts, quoted-printable, the
// calendar attachment in base64, its streams) costs about a millisecond of
// CPU, as much again as the rest of an application; on the main thread it
// delayed every request behind it. The thread takes a finished envelope and
// sends it through SMTP or writes it into the outbox folder (aside, then
// renamed: a crash mid-write leaves no half message, a second delivery of
// the same id replaces the first), and says when that is done or why it
// failed. The queue itself (claims, retries, the transactional outbox) stays
// on the main thread, in outgoing-mail.ts.
//
// The thread runs the plain CommonJS below, evaluated, rather than a file of
// its own: the portal runs from its TypeScript sources (tests), from Astro's
// bundle and from dist/runtime.mjs, and a separate file would have to be
// found beside each of them. Nodemailer is passed in by its resolved path.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What the main thread hands over: everything the thread needs, nothing it must look up. */
export type Handover =
  | { via: 'smtp'; url: string; envelope: Record<string, unknown> }
  | { via: 'outbox'; folder: string; file: string; envelope: Record<string, unknown> };

const THREAD_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { mkdirSync, renameSync, writeFileSync } = require('node:fs');
const nodemailer = require(workerData.nodemailer);
const transports = new Map();
function smtp(url) {
  let transport = transports.get(url);
  if (!transport) {
    // A mail server that stops answering must not hold a delivery (and its claim) for nodemailer's default ten minutes.
    transport = nodemailer.createTransport({ url, connectionTimeout: 10000, greetingTimeout: 10000, socketTimeout: 20000 });
    transports.set(url, transport);
  }
  return transport;
}
const renderer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
// The thread does one message at a time, so its file operations need not
// wait in libuv's pool: done in place they cost a fraction (opening a file
// through fs/promises was a tenth of the thread's time in the applications
// benchmark).
const folders = new Set();
function write(job, message) {
  // The folder is made once, not once per message.
  if (!folders.has(job.folder)) {
    mkdirSync(job.folder, { recursive: true });
    folders.add(job.folder);
  }
  const partial = job.file + '.' + process.pid + '.partial';
  writeFileSync(partial, message);
  renameSync(partial, job.file);
}
async function toOutbox(job) {
  const rendered = await renderer.sendMail(job.envelope);
  try {
    write(job, rendered.message);
  } catch (error) {
    // The folder was removed since it was made (by hand, or a test's clean-up): made again.
    if (error.code !== 'ENOENT') throw error;
    folders.delete(job.folder);
    write(job, rendered.message);
  }
}
async function deliver({ id, job }) {
  try {
    if (job.via === 'smtp') await smtp(job.url).sendMail(job.envelope);
    else await toOutbox(job);
    parentPort.postMessage({ id });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
}
// One message at a time, in the order handed over: one SMTP conversation at a time, as before the thread.
let queue = Promise.resolve();
parentPort.on('message', (handover) => {
  queue = queue.then(() => deliver(handover));
});
`;

interface Pending {
  resolve(): void;
  reject(error: Error): void;
}

interface DeliveryThread {
  worker: Worker;
  /** What this thread was handed and has not answered, by handover number. */
  pending: Map<number, Pending>;
}

let current: DeliveryThread | undefined;
let handovers = 0;

function deliveryThread(): DeliveryThread {
  if (current) return current;
  const worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { nodemailer: createRequire(import.meta.url).resolve('nodemailer') } });
  const started: DeliveryThread = { worker, pending: new Map() };
  worker.on('message', ({ id, error }: { id: number; error?: string }) => {
    const waiting = started.pending.get(id);
    if (!waiting) return;
    started.pending.delete(id);
    if (error === undefined) waiting.resolve();
    else waiting.reject(new Error(error));
    // An idle thread does not keep the process alive; one with work does, so graceful shutdown waits for it.
    if (started.pending.size === 0) worker.unref();
  });
  const lost = (why: Error) => {
    if (current === started) current = undefined;
    // What it held is not known to be delivered: each stays queued (outgoing-mail.ts) and is tried again.
    for (const waiting of started.pending.values()) waiting.reject(why);
    started.pending.clear();
  };
  worker.on('error', lost);
  worker.on('exit', (code) => lost(new Error(`the mail delivery thread stopped (exit code ${code})`)));
  worker.unref();
  current = started;
  return started;
}

/**
 * Starts the thread if it is not running (Node starts a thread and loads
 * nodemailer in a few hundred milliseconds, more on a busy machine): called
 * when a message is queued, so that the thread is ready by the time the
 * change commits and its request waits for the delivery.
 */
export function prepareDeliveryThread(): void {
  deliveryThread();
}

/** Renders and delivers one message on the delivery thread; rejects with the reason if it could not. */
export function handOver(job: Handover): Promise<void> {
  const { worker, pending } = deliveryThread();
  const id = (handovers += 1);
  return new Promise<void>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.ref();
    worker.postMessage({ id, job });
  });
}

/** Messages handed to the delivery thread and not yet answered. */
export function mailInFlight(): number {
  return current?.pending.size ?? 0;
}

/** Ends the delivery thread (what it holds fails and stays queued); the next message starts another. */
export async function stopDeliveryThread(): Promise<void> {
  const running = current;
  current = undefined;
  await running?.worker.terminate();
}
