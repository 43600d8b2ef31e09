// The id of each request: sent as X-Request-Id, written in its log line and
// on error pages, so that what a visitor quotes can be found in the log.
// Random, so that ids say nothing of how many requests came before (a
// counter would tell anyone who asks twice how busy the portal is), and
// made in batches: one random fill and one base64url string per 512 ids,
// each id a slice of it. A UUID per request (crypto.randomUUID) cost a
// cached answer about as much again as this whole module: its 36 characters
// are joined from 20 pieces, and the header check and the log line then
// each flatten them (2026-12-02, 304 polls from memory: 72.4k against 65.7k
// answers per second from one process with and without UUIDs).
import { randomFillSync } from 'node:crypto';

/** 96 random bits: 16 base64url characters, no padding. */
const ID_BYTES = 12;
const ID_CHARS = 16;
const IDS_PER_BATCH = 512;

let batch = '';
let next = IDS_PER_BATCH;

export function newRequestId(): string {
  if (next === IDS_PER_BATCH) {
    // 12 bytes are 16 characters exactly, so the string of a batch is its ids end to end.
    batch = randomFillSync(Buffer.allocUnsafe(ID_BYTES * IDS_PER_BATCH)).toString('base64url');
    next = 0;
  }
  const start = next * ID_CHARS;
  next += 1;
  return batch.slice(start, start + ID_CHARS);
}
