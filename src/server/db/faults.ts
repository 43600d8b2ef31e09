// Which failures mean "the database cannot serve right now" (answer 503 and
// let the visitor retry) rather than "the portal has a bug" (500). One
// function decides, for both dialects; the middleware, our HTTP server,
// /healthz and start-up all ask it.

/** What is wrong with the database, as /healthz and the logs say it. */
export type DatabaseFault = 'unreachable' | 'pool exhausted' | 'read-only' | 'busy' | 'disk full' | 'storage error';

/** Thrown when a connection could not be obtained at all (see connection.ts): whatever the cause, the database is unavailable. */
export class ConnectionUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`could not connect to the database: ${messageOf(cause)}`, { cause });
    this.name = 'ConnectionUnavailableError';
  }
}

/** pg-pool's error when every connection stayed busy for connectionTimeoutMillis. */
const POOL_TIMEOUT = 'timeout exceeded when trying to connect';

// Errors pg and Kysely raise without a code when a connection died or was closed under a query.
const LOST_CONNECTION = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Postgres connection has been discarded',
  'Cannot use a pool after calling end on the pool',
  'driver has already been destroyed',
];

// Node's network errors on the way to the database server.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EPIPE', 'ECONNABORTED']);

function faultOfCode(code: string): DatabaseFault | null {
  if (NETWORK_CODES.has(code)) return 'unreachable';
  // PostgreSQL (https://www.postgresql.org/docs/current/errcodes-appendix.html):
  // 08 connection exception, 57P01-03 administrator/crash shutdown and "cannot
  // connect now", 3D000 the database is gone, 28 the role or password is refused.
  if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-5]$/.test(code) || code === '3D000' || /^28[0-9A-Z]{3}$/.test(code)) return 'unreachable';
  if (code === '53300') return 'unreachable'; // too many connections on the server
  if (code === '25006') return 'read-only'; // a standby, or default_transaction_read_only
  if (code === '53100') return 'disk full';
  if (code === '55P03' || code === '57014') return 'busy'; // lock_timeout, statement_timeout
  // SQLite (https://sqlite.org/rescode.html), extended codes included.
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_READONLY')) return 'read-only';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'unreachable';
  if (code === 'SQLITE_FULL') return 'disk full';
  if (code.startsWith('SQLITE_IOERR')) return 'storage error';
  return null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Why the database is unavailable, or null when `error` is something else (a bug, a constraint). */
export function databaseFaultOf(error: unknown): DatabaseFault | null {
  // Kysely, pg and our own wrappers nest the original error as `cause`.
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    // By name: the Astro bundle and the runtime bundle each have their own copy of the class.
    if (current instanceof Error && current.name === 'ConnectionUnavailableError') {
      return messageOf(current.cause).includes(POOL_TIMEOUT) ? 'pool exhausted' : (databaseFaultOf(current.cause) ?? 'unreachable');
    }
    if (typeof current !== 'object') break;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      const fault = faultOfCode(code);
      if (fault) return fault;
    }
    const message = messageOf(current);
    if (message.includes(POOL_TIMEOUT)) return 'pool exhausted';
    if (LOST_CONNECTION.some((text) => message.startsWith(text))) return 'unreachable';
  }
  return null;
}

/** How long a visitor should wait before trying again (the Retry-After header). */
export function retryAfterSeconds(fault: DatabaseFault): number {
  if (fault === 'pool exhausted' || fault === 'busy') return 5;
  return fault === 'unreachable' ? 10 : 30;
}

/**
 * PostgreSQL refused text it cannot store (NUL: 22021; a character the
 * encoding lacks: 22P05). Not a fault of the database: the request was bad (4xx).
 */
export function isUnstorableText(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === '22021' || code === '22P05') return true;
  }
  return false;
}
