// A transactional outbox for email. A change that warrants an email writes it
// into outgoing_mail inside its own transaction (enqueueMail), so the message
// exists exactly when the change does. Delivery happens afterwards: at once
// by the request that made the change (deliverMailSoon, which can never fail
// that request), and by a worker in every instance that retries with back-off
// and picks up what a crashed instance left. Claims expire, so a message
// claimed by a process that died is delivered by another; the message id
// names the delivery (outbox file name, SMTP Message-ID), so a repeat after
// such a crash replaces rather than duplicates.
import { portalNow } from '../clock';
import { hostname } from 'node:os';
import type { ExpressionBuilder, Kysely } from 'kysely';
import { generateToken } from '../auth/tokens';
import type { Database } from '../db/schema';
import { prepare } from '../db/prepared-query';
import { logLine } from '../http/log-line';
import { prepareDeliveryThread } from './delivery-thread';
import { deliverMail, type MailAttachment, type MailMessage, type QueuedMail } from './mailer';

/** How long a claimed message is left to its claimer before another instance may take it. */
export const CLAIM_MS = 30_000;
export const MAX_ATTEMPTS = 8;
const BATCH_SIZE = 25;
const MAX_BATCHES_PER_PASS = 20;
const SENT_KEPT_MS = 30 * 24 * 60 * 60 * 1000;

const INSTANCE = `${hostname()}:${process.pid}:${generateToken().slice(0, 8)}`;

let sequence = 0;

/** Ordered by the time of writing, so the queue and the outbox folder list messages in that order. */
function newMailId(now: number): string {
  sequence = (sequence + 1) % 1_000_000;
  return `${String(now).padStart(14, '0')}-${String(sequence).padStart(6, '0')}-${generateToken().slice(0, 8)}`;
}

/**
 * Writes the message into the queue. Call it with the transaction of the
 * change the message reports. The queue keeps the portal's clock, not the
 * domain's `now`, which a test may pass from another day.
 */
export async function enqueueMail(trx: Kysely<Database>, message: MailMessage): Promise<void> {
  await insertQueuedMail.all(trx, queuedMailRow(message));
}

/**
 * The row enqueueMail writes. Exported for a write that picks its recipient
 * in SQL (a password reset, which must do the same work whether or not the
 * address has an account).
 */
export function queuedMailRow(message: MailMessage) {
  prepareDeliveryThread();
  const now = portalNow().getTime();
  const stamp = new Date(now).toISOString();
  return {
    id: newMailId(now),
    recipient: message.to,
    subject: message.subject,
    body: message.text,
    attachments: message.attachments?.length ? JSON.stringify(message.attachments) : null,
    headers: message.headers && Object.keys(message.headers).length ? JSON.stringify(message.headers) : null,
    state: 'pending' as const,
    attempts: 0,
    next_attempt_at: stamp,
    claimed_by: null,
    claimed_until: null,
    last_error: null,
    created_at: stamp,
    sent_at: null,
  };
}

const insertQueuedMail = prepare(
  ['id', 'recipient', 'subject', 'body', 'attachments', 'headers', 'state', 'attempts', 'next_attempt_at', 'claimed_by', 'claimed_until', 'last_error', 'created_at', 'sent_at'],
  (db, row: ReturnType<typeof queuedMailRow>) => db.insertInto('outgoing_mail').values(row),
);

/** 15 s after the first failure, doubling, at most an hour: eight tries span about half a day. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 15_000 * 2 ** Math.max(0, attempts - 1));
}

function claimable(stamp: string) {
  return (eb: ExpressionBuilder<Database, 'outgoing_mail'>) =>
    eb.and([eb('state', '=', 'pending'), eb('next_attempt_at', '<=', stamp), eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', stamp)])]);
}

async function claimDueMail(db: Kysely<Database>, now: Date) {
  const stamp = now.toISOString();
  // What is due, read from the index alone (migration 2026-12-01-76), then taken by id.
  const due = await db.selectFrom('outgoing_mail').select('id').where(claimable(stamp)).orderBy('id').limit(BATCH_SIZE).execute();
  if (due.length === 0) return [];
  // The condition again: a message another instance claimed in between is skipped
  // (on PostgreSQL it is re-checked after waiting for that instance's row lock).
  return db
    .updateTable('outgoing_mail')
    .set((eb) => ({ claimed_by: INSTANCE, claimed_until: new Date(now.getTime() + CLAIM_MS).toISOString(), attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', due.map((row) => row.id))
    .where(claimable(stamp))
    .returning(['id', 'recipient', 'subject', 'body', 'attachments', 'headers', 'attempts'])
    .execute();
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

/** One pass over what is due: claim, deliver, record. Throws only if the database cannot be reached. */
export async function deliverQueuedMail(db: Kysely<Database>, now: () => Date = portalNow, onFirstClaim?: () => void): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  for (let batch = 0; batch < MAX_BATCHES_PER_PASS; batch += 1) {
    const claimed = await claimDueMail(db, now());
    if (batch === 0) onFirstClaim?.();
    // Handed over together: the delivery thread takes them one after another while this thread goes on.
    const outcomes = await Promise.allSettled(claimed.map((row) => deliverMail(queuedMessageOf(row))));
    const sent = claimed.filter((_, index) => outcomes[index]!.status === 'fulfilled').map((row) => row.id);
    if (sent.length) {
      await db
        .updateTable('outgoing_mail')
        .set({ state: 'sent', sent_at: now().toISOString(), body: '', attachments: null, headers: null, claimed_by: null, claimed_until: null, last_error: null })
        .where('id', 'in', sent)
        .execute();
      report.sent += sent.length;
    }
    for (const [index, row] of claimed.entries()) {
      const outcome = outcomes[index]!;
      if (outcome.status === 'fulfilled') continue;
      const error: unknown = outcome.reason;
      const gaveUp = row.attempts >= MAX_ATTEMPTS;
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      await db
        .updateTable('outgoing_mail')
        .set({
          state: gaveUp ? 'failed' : 'pending',
          next_attempt_at: new Date(now().getTime() + retryDelayMs(row.attempts)).toISOString(),
          claimed_by: null,
          claimed_until: null,
          last_error: reason,
        })
        .where('id', '=', row.id)
        .execute();
      // An SMTP server's answer can span lines: escaped into one.
      console.error(`[whatson] mail ${gaveUp ? 'failed for good' : 'will be retried'}: ${logLine({ id: row.id, to: row.recipient, reason })}`);
      if (gaveUp) report.failed += 1;
      else report.retrying += 1;
    }
    if (claimed.length < BATCH_SIZE) break;
  }
  return report;
}

function queuedMessageOf(row: Awaited<ReturnType<typeof claimDueMail>>[number]): QueuedMail {
  return {
    id: row.id,
    to: row.recipient,
    subject: row.subject,
    text: row.body,
    attachments: row.attachments ? (JSON.parse(row.attachments) as MailAttachment[]) : undefined,
    headers: row.headers ? (JSON.parse(row.headers) as Record<string, string>) : undefined,
  };
}

interface DeliveryState {
  /**
   * The pass that claims at the end of this turn of the event loop: whoever
   * asks before then shares it, so one claim (and one "sent" update) serves
   * every message committed meanwhile, not one each.
   */
  gathering: Promise<void> | null;
  /** The pass whose first claim is not made yet: what is committed before it starts, it takes. */
  claiming: Promise<void> | null;
  /** The pass that starts once that claim is made, shared by whoever asks meanwhile. */
  next: Promise<void> | null;
  /** Every pass not finished yet. */
  passes: Set<Promise<void>>;
}

const deliveries = new WeakMap<Kysely<Database>, DeliveryState>();

async function passQuietly(db: Kysely<Database>, onFirstClaim: () => void): Promise<void> {
  try {
    await deliverQueuedMail(db, portalNow, onFirstClaim);
  } catch (error) {
    // The messages stay queued; the worker tries again.
    console.error(`[whatson] mail delivery postponed: ${logLine({ reason: error instanceof Error ? error.message : String(error) })}`);
  } finally {
    onFirstClaim();
  }
}

/** How long a request waits for its email before answering anyway (the worker finishes the job). */
export const DELIVERY_WAIT_MS = 2_000;

/**
 * Delivers what is queued now, including what the caller just committed, and
 * resolves when that is done or after `waitMs`, whichever comes first: a slow
 * mail server must not hold the answer. Never rejects: a failed delivery stays
 * queued for the worker. Requests arriving while a pass makes its first
 * claim share the pass that starts after it (startDelivery).
 */
export function deliverMailSoon(db: Kysely<Database>, waitMs = DELIVERY_WAIT_MS): Promise<void> {
  const delivered = startDelivery(db);
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, waitMs);
    timer.unref();
  });
  return Promise.race([delivered, waited]).finally(() => clearTimeout(timer));
}

/**
 * A pass gathers until the end of this turn of the event loop (the requests
 * whose changes committed in the same turn share it), unless another pass is
 * still making its first claim; then it starts right after that claim, and
 * everyone who asks meanwhile shares it. Passes overlap once they have
 * claimed (a claim never takes what another holds): while the delivery thread
 * writes one pass's messages, this thread answers requests and the next pass
 * claims theirs.
 */
function startDelivery(db: Kysely<Database>): Promise<void> {
  let state = deliveries.get(db);
  if (!state) deliveries.set(db, (state = { gathering: null, claiming: null, next: null, passes: new Set() }));
  const current = state;
  if (current.gathering) return current.gathering;
  if (current.next) return current.next;
  const start = (): Promise<void> => {
    current.next = null;
    let claimed!: () => void;
    const claiming = new Promise<void>((resolve) => (claimed = resolve));
    current.claiming = claiming;
    void claiming.then(() => {
      if (current.claiming === claiming) current.claiming = null;
    });
    // Done only once every earlier pass is done too: what was committed before asking is then
    // delivered (or tried), whichever pass claimed it.
    const earlier = [...current.passes];
    const pass = Promise.all([passQuietly(db, claimed), ...earlier])
      .then(() => undefined)
      .finally(() => current.passes.delete(pass));
    current.passes.add(pass);
    return pass;
  };
  const gathered = (): Promise<void> => {
    current.gathering = null;
    if (!current.claiming) return start();
    current.next = current.claiming.then(start);
    return current.next;
  };
  current.gathering = new Promise<void>((resolve) => setImmediate(resolve)).then(gathered);
  return current.gathering;
}

export interface MailWorker {
  stop(): Promise<void>;
}

/** The worker each instance runs: retries, back-off, and what crashed instances left behind. */
export function startMailWorker(db: Kysely<Database>, intervalMs = 2_000): MailWorker {
  let passes = 0;
  const timer = setInterval(() => {
    passes += 1;
    void startDelivery(db);
    // About once an hour, forget messages sent long ago (their bodies are already gone).
    if (passes % Math.max(1, Math.round(3_600_000 / intervalMs)) === 0) void forgetOldSentMail(db).catch(() => undefined);
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      const state = deliveries.get(db);
      await state?.gathering;
      await state?.next;
      await Promise.all(state?.passes ?? []);
    },
  };
}

async function forgetOldSentMail(db: Kysely<Database>, now = portalNow()): Promise<void> {
  await db.deleteFrom('outgoing_mail').where('state', '=', 'sent').where('sent_at', '<', new Date(now.getTime() - SENT_KEPT_MS).toISOString()).execute();
}

export interface MailQueueSummary {
  pending: number;
  failed: number;
  oldestPendingAt: string | null;
  problems: { id: string; recipient: string; subject: string; state: 'pending' | 'failed'; attempts: number; lastError: string | null; createdAt: string }[];
}

/** What `whatson doctor` and the secretariat see: what waits, and what could not be delivered. */
export async function summariseMailQueue(db: Kysely<Database>): Promise<MailQueueSummary> {
  const counts = await db
    .selectFrom('outgoing_mail')
    .select((eb) => ['state', eb.fn.countAll<number>().as('count'), eb.fn.min('created_at').as('oldest')])
    .where('state', 'in', ['pending', 'failed'])
    .groupBy('state')
    .execute();
  const problems = await db
    .selectFrom('outgoing_mail')
    .select(['id', 'recipient', 'subject', 'state', 'attempts', 'last_error', 'created_at'])
    .where((eb) => eb.or([eb('state', '=', 'failed'), eb.and([eb('state', '=', 'pending'), eb('attempts', '>', 0)])]))
    .orderBy('created_at')
    .limit(100)
    .execute();
  const pending = counts.find((row) => row.state === 'pending');
  return {
    pending: Number(pending?.count ?? 0),
    failed: Number(counts.find((row) => row.state === 'failed')?.count ?? 0),
    oldestPendingAt: (pending?.oldest as string | null | undefined) ?? null,
    problems: problems.map((row) => ({
      id: row.id,
      recipient: row.recipient,
      subject: row.subject,
      state: row.state as 'pending' | 'failed',
      attempts: row.attempts,
      lastError: row.last_error,
      createdAt: row.created_at,
    })),
  };
}

/** Puts failed messages (all, or the ones named) back in the queue for another round of tries. */
export async function retryFailedMail(db: Kysely<Database>, ids?: readonly string[], now = portalNow()): Promise<number> {
  let query = db.updateTable('outgoing_mail').set({ state: 'pending', attempts: 0, next_attempt_at: now.toISOString(), last_error: null }).where('state', '=', 'failed');
  if (ids) query = ids.length ? query.where('id', 'in', [...ids]) : query.where('id', '=', '');
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
