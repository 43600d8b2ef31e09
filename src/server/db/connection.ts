// Opens the database named by the configuration: an embedded SQLite file by
// default, PostgreSQL (a pool) when DATABASE_URL is postgres://.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type PostgresPool, type PostgresPoolClient, type SqliteDialectConfig } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from '../config';
import { ConnectionUnavailableError, databaseFaultOf } from './faults';
import type { Database } from './schema';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The SQLite connection, for online backups; absent on PostgreSQL. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

// COUNT(*) and BIGINT arrive from pg as strings; every count here fits a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // Security note, "Data": WAL for concurrent readers, NORMAL sync (durable at
  // each WAL checkpoint and safe against application crashes), foreign keys on,
  // and a busy timeout instead of immediate SQLITE_BUSY errors.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // SQLite's own default keeps 2 MiB of pages: a burst of people each applying for the
  // first time read their sessions and accounts from the file on every request.
  sqlite.pragma('cache_size = -65536');
  return sqlite;
}

const STATEMENTS_KEPT = 1_000;

/**
 * Kysely's SQLite driver prepares every query again (a tenth of the main
 * thread's time while applications pour in, more than running them); the
 * portal runs a few hundred distinct statements, so each is prepared once
 * and reused. better-sqlite3 runs a statement to completion before it
 * returns, so one statement is never used by two queries at once (the
 * portal streams no query). Bounded: the least recently used goes first.
 */
function withStatementCache(sqlite: SQLite.Database): { prepare(sql: string): SQLite.Statement; close(): void } {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= STATEMENTS_KEPT) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
    close: () => sqlite.close(),
  };
}

/**
 * Kysely begins SQLite transactions with a plain (deferred) `begin`, which
 * takes the write lock only at the first write. In WAL mode a transaction that
 * read first and then finds that another process (a second worker, the admin
 * CLI) committed in between cannot write at all: SQLITE_BUSY_SNAPSHOT at once,
 * which busy_timeout does not wait out, and a visitor saw "try again". Taking
 * the lock at `begin` makes the other writers wait their turn instead.
 */
class WriteLockingSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class WriteLockingSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver() {
    return new WriteLockingSqliteDriver(this.#config);
  }
}

export function openDatabase(target: DatabaseTarget): DatabaseHandle {
  if (target.kind === 'sqlite') {
    const sqlite = openSqlite(target.file);
    const db = new Kysely<Database>({ dialect: new WriteLockingSqliteDialect({ database: withStatementCache(sqlite) }) });
    return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 10, connectionTimeoutMillis: 5000 });
  // pg emits 'error' on a client whose server connection dies (a restart, a
  // failover, pg_terminate_backend, a network drop). The pool listens only
  // while a client is idle; a client checked out by a request had no listener,
  // and an unhandled 'error' event ends the process. Every client gets one for
  // its whole life: the request using it fails with the error (503), and the
  // pool discards the client when it is released.
  pool.on('connect', (client) => {
    client.on('error', (error) => console.error(`[whatson] PostgreSQL connection lost: ${describeError(error)}`));
  });
  // The pool re-emits an idle client's error; the client's own listener has logged it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: reportingConnectFailures(pool) }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/**
 * A terminated backend first answers the running query with an error
 * (57P01) and closes the socket a moment later: released in between, the
 * client would go back to the pool as if healthy and fail the next request
 * too. A client whose query failed because its connection is gone is
 * destroyed on release instead.
 */
function discardingWhenLost(client: pg.PoolClient): PostgresPoolClient {
  let lost = false;
  const query = (...args: unknown[]) => {
    const result = (client.query as (...parameters: unknown[]) => unknown)(...args);
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        if (databaseFaultOf(error) === 'unreachable') lost = true;
        throw error;
      });
    }
    return result;
  };
  return { query, release: () => client.release(lost || undefined) } as unknown as PostgresPoolClient;
}

function describeError(error: Error & { code?: string }): string {
  return error.code ? `${error.message} (${error.code})` : error.message;
}

/**
 * The pool as Kysely sees it, except that failing to get a connection (the
 * server refuses, the database is gone, every connection stayed busy) is one
 * kind of error: the database is unavailable, whatever the server said.
 */
function reportingConnectFailures(pool: pg.Pool): PostgresPool {
  return {
    Client: pg.Client,
    options: pool.options,
    connect: () =>
      pool.connect().then(discardingWhenLost, (error: unknown) => {
        throw new ConnectionUnavailableError(error);
      }),
    end: () => pool.end(),
  };
}
