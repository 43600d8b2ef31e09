// A database that cannot be used at start-up, said in one sentence that
// names the cause and the setting to look at (and never the password).
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DatabaseTarget } from '../config';

interface CodedError {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The innermost error with a code (pg, Node and SQLite errors have one), and every message on the way to it. */
function rootError(error: unknown): { code: string; message: string; chain: string } {
  const messages: string[] = [];
  let found: { code: string; message: string } | undefined;
  for (let current = error as CodedError | undefined, depth = 0; current && typeof current === 'object' && depth < 5; current = current.cause as CodedError, depth++) {
    const message = String(current.message ?? '');
    messages.push(message);
    if (typeof current.code === 'string') found = { code: current.code, message };
  }
  const fallback = error instanceof Error ? error.message : String(error);
  return { code: found?.code ?? '', message: found?.message ?? messages.at(-1) ?? fallback, chain: messages.join(': ') };
}

function explainSqlite(file: string, code: string, message: string): string {
  const folder = dirname(file);
  const setting = '(DATABASE_URL)';
  if (existsSync(file) && statSync(file).isDirectory()) {
    return `DATABASE_URL names a folder, not a SQLite file: ${file}; name a file in it, such as ${join(file, 'whatson.sqlite')}`;
  }
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `cannot create the folder ${folder} for the SQLite file ${setting}: permission denied; create it, or choose a path this user may write to`;
    case 'ENOTDIR':
    case 'EEXIST':
      return `cannot create the folder ${folder} for the SQLite file ${setting}: a file is in the way`;
    case 'EROFS':
      return `cannot create the folder ${folder} for the SQLite file ${setting}: the file system is read-only`;
    case 'SQLITE_NOTADB':
      return `${file} is not a SQLite database ${setting}: name another file, or move this one away`;
    case 'SQLITE_FULL':
      return `the disk holding the SQLite file ${file} is full ${setting}`;
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return `the SQLite file ${file} is read-only for this user ${setting}: give this user write access to it and to its folder ${folder} (SQLite writes ${basename(file)}-wal and -shm beside it)`;
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return existsSync(file)
      ? `cannot open the SQLite file ${file} ${setting}: check that this user may read and write it and its folder ${folder}`
      : `cannot create the SQLite file ${file} ${setting}: its folder ${folder} is not writable by this user`;
  }
  if (code.startsWith('SQLITE_BUSY')) return `the SQLite file ${file} is locked by another process ${setting}: stop it (or wait for it), then start again`;
  return `cannot use the SQLite file ${file} ${setting}: ${message}`;
}

function explainPostgres(href: string, code: string, message: string, chain: string): string {
  const url = new URL(href);
  const host = url.port ? `${url.hostname}:${url.port}` : url.hostname;
  const name = decodeURIComponent(url.pathname.slice(1)) || decodeURIComponent(url.username);
  const setting = '(DATABASE_URL)';
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return `the database host "${url.hostname}" cannot be resolved ${setting}: check the host name`;
    case 'ECONNREFUSED':
      return `PostgreSQL at ${host} refuses connections ${setting}: is the server running, on that host and port?`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return `the database host ${host} cannot be reached ${setting}: check the host, the network and any firewall`;
    case '3D000':
      return `the database "${name}" does not exist on ${host} ${setting}: create it (createdb ${name}) or fix the name`;
    case '28000':
      return `PostgreSQL at ${host} refuses the connection: ${message} ${setting}: create the role, or fix the user name`;
    case '28P01':
      return `PostgreSQL at ${host} refuses the password of "${decodeURIComponent(url.username)}" ${setting}`;
    case '25006':
      return `the database "${name}" on ${host} is read-only (a standby, or default_transaction_read_only is on) ${setting}: point it at the primary server`;
    case '53300':
      return `PostgreSQL at ${host} has no connection to spare: ${message} ${setting}`;
  }
  if (chain.includes('timeout')) return `PostgreSQL at ${host} did not answer within 5 seconds ${setting}: check the host, the network and any firewall`;
  return `cannot use the database "${name}" at ${host} ${setting}: ${message}`;
}

/** One line, naming the cause and DATABASE_URL. */
export function explainDatabaseProblem(target: DatabaseTarget, error: unknown): string {
  const { code, message, chain } = rootError(error);
  const line = target.kind === 'sqlite' ? explainSqlite(target.file, code, message) : explainPostgres(target.url, code, message, chain);
  return line.replace(/\s*\n\s*/g, ' ');
}
