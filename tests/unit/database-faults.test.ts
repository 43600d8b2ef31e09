// One function tells "the database cannot serve now" (503, retry) from a bug
// (500); one sentence per start-up fault names the cause and the setting.
import { describe, expect, it } from 'vitest';
import { ConnectionUnavailableError, databaseFaultOf, retryAfterSeconds } from '../../src/server/db/faults';
import { explainDatabaseProblem } from '../../src/server/db/explain-fault';

function coded(code: string, message = 'failed'): Error {
  return Object.assign(new Error(message), { code });
}

describe('database faults', () => {
  it('calls a lost or refused PostgreSQL connection unreachable', () => {
    for (const error of [
      coded('57P01', 'terminating connection due to administrator command'),
      coded('57P02'),
      coded('57P03', 'the database system is starting up'),
      coded('08006'),
      coded('08003'),
      coded('ECONNREFUSED'),
      coded('ECONNRESET'),
      coded('ENOTFOUND'),
      coded('3D000', 'database "x" does not exist'),
      new Error('Connection terminated unexpectedly'),
      new Error('Client has encountered a connection error and is not queryable'),
      new Error('Connection terminated due to connection timeout'),
    ]) {
      expect(databaseFaultOf(error), error.message).toBe('unreachable');
    }
  });

  it('calls a pool that had no free connection for five seconds exhausted', () => {
    const timeout = new Error('timeout exceeded when trying to connect');
    expect(databaseFaultOf(timeout)).toBe('pool exhausted');
    expect(databaseFaultOf(new ConnectionUnavailableError(timeout))).toBe('pool exhausted');
  });

  it('calls any failure to get a connection unreachable, whatever the server said', () => {
    expect(databaseFaultOf(new ConnectionUnavailableError(coded('55000', 'database "x" is not currently accepting connections')))).toBe('unreachable');
  });

  it('finds the fault under wrappers, and recognises a wrapper made by another bundle', () => {
    const wrapped = new Error('outer', { cause: new Error('middle', { cause: coded('57P01') }) });
    expect(databaseFaultOf(wrapped)).toBe('unreachable');
    const foreign = Object.assign(new Error('could not connect'), { name: 'ConnectionUnavailableError', cause: coded('28000') });
    expect(databaseFaultOf(foreign)).toBe('unreachable');
  });

  it('names read-only, busy, full and failing storage on both databases', () => {
    expect(databaseFaultOf(coded('25006', 'cannot execute INSERT in a read-only transaction'))).toBe('read-only');
    expect(databaseFaultOf(coded('SQLITE_READONLY'))).toBe('read-only');
    expect(databaseFaultOf(coded('SQLITE_READONLY_DBMOVED'))).toBe('read-only');
    expect(databaseFaultOf(coded('SQLITE_BUSY', 'database is locked'))).toBe('busy');
    expect(databaseFaultOf(coded('SQLITE_BUSY_SNAPSHOT'))).toBe('busy');
    expect(databaseFaultOf(coded('55P03'))).toBe('busy');
    expect(databaseFaultOf(coded('SQLITE_CANTOPEN'))).toBe('unreachable');
    expect(databaseFaultOf(coded('SQLITE_FULL'))).toBe('disk full');
    expect(databaseFaultOf(coded('53100'))).toBe('disk full');
    expect(databaseFaultOf(coded('SQLITE_IOERR_WRITE'))).toBe('storage error');
  });

  it('leaves bugs and broken rules to the 500 page', () => {
    for (const error of [
      coded('23505', 'duplicate key value violates unique constraint'),
      coded('42P01', 'relation "sessions" does not exist'),
      coded('SQLITE_CONSTRAINT_UNIQUE'),
      coded('SQLITE_ERROR', 'no such table: sessions'),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      'a string',
      null,
    ]) {
      expect(databaseFaultOf(error)).toBeNull();
    }
  });

  it('asks for a short wait when busy and a longer one when the database is gone', () => {
    expect(retryAfterSeconds('pool exhausted')).toBe(5);
    expect(retryAfterSeconds('busy')).toBe(5);
    expect(retryAfterSeconds('unreachable')).toBe(10);
    expect(retryAfterSeconds('read-only')).toBe(30);
  });
});

describe('start-up database problems', () => {
  const postgres = { kind: 'postgres' as const, url: 'postgres://whatson:s3cret-password@db.internal:5433/whatson' };

  it('names the cause and DATABASE_URL in one line, never the password', () => {
    const lines = [
      explainDatabaseProblem(postgres, new ConnectionUnavailableError(coded('ECONNREFUSED'))),
      explainDatabaseProblem(postgres, new ConnectionUnavailableError(coded('ENOTFOUND'))),
      explainDatabaseProblem(postgres, new ConnectionUnavailableError(coded('3D000', 'database "whatson" does not exist'))),
      explainDatabaseProblem(postgres, new ConnectionUnavailableError(coded('28000', 'role "whatson" does not exist'))),
      explainDatabaseProblem(postgres, new ConnectionUnavailableError(coded('28P01', 'password authentication failed for user "whatson"'))),
      explainDatabaseProblem(postgres, coded('25006', 'cannot execute INSERT in a read-only transaction')),
      explainDatabaseProblem(postgres, new ConnectionUnavailableError(new Error('Connection terminated due to connection timeout'))),
    ];
    expect(lines[0]).toBe('PostgreSQL at db.internal:5433 refuses connections (DATABASE_URL): is the server running, on that host and port?');
    expect(lines[1]).toBe('the database host "db.internal" cannot be resolved (DATABASE_URL): check the host name');
    expect(lines[2]).toContain('the database "whatson" does not exist on db.internal:5433');
    expect(lines[3]).toContain('role "whatson" does not exist');
    expect(lines[4]).toContain('refuses the password of "whatson"');
    expect(lines[5]).toContain('is read-only');
    expect(lines[6]).toContain('did not answer within 5 seconds');
    for (const line of lines) {
      expect(line).toContain('(DATABASE_URL)');
      expect(line).not.toContain('s3cret');
      expect(line).not.toContain('\n');
    }
  });

  it('says what is wrong with a SQLite file', () => {
    const sqlite = { kind: 'sqlite' as const, file: '/nowhere/data/whatson.sqlite' };
    expect(explainDatabaseProblem(sqlite, coded('SQLITE_READONLY', 'attempt to write a readonly database'))).toContain('the SQLite file /nowhere/data/whatson.sqlite is read-only');
    expect(explainDatabaseProblem(sqlite, coded('SQLITE_CANTOPEN', 'unable to open database file'))).toBe(
      'cannot create the SQLite file /nowhere/data/whatson.sqlite (DATABASE_URL): its folder /nowhere/data is not writable by this user',
    );
    expect(explainDatabaseProblem(sqlite, coded('EACCES', 'permission denied'))).toContain('cannot create the folder /nowhere/data');
    expect(explainDatabaseProblem(sqlite, coded('SQLITE_NOTADB', 'file is not a database'))).toContain('is not a SQLite database');
  });
});
