// `whatson doctor`: is this installation ready to serve?
import { ConfigError, readConfig } from '../config';
import { openDatabase } from './connection';
import { explainDatabaseProblem } from './explain-fault';
import { pendingMigrations } from './migrate';
import { probeReadWrite } from './probe';
import { summariseMailQueue } from '../mail/outgoing-mail';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** The runtime the portal is tested on; scripts/require-node.mjs refuses any other major. */
export const SUPPORTED_NODE_MAJOR = 24;

export function checkRuntime(version: string = process.versions.node): Check {
  const ok = Number(version.split('.')[0]) === SUPPORTED_NODE_MAJOR;
  return {
    name: 'runtime',
    ok,
    detail: ok ? `Node ${version}` : `Node ${version}; the portal needs Node ${SUPPORTED_NODE_MAJOR}: run it through npm after npm install`,
  };
}

function mailCheck(summary: { pending: number; failed: number; oldestPendingAt: string | null }): Check {
  const waiting = `${summary.pending} waiting${summary.oldestPendingAt ? ` since ${summary.oldestPendingAt}` : ''}`;
  if (summary.failed > 0) {
    return { name: 'email', ok: false, detail: `${summary.failed} failed, ${waiting}: see \`npm run whatson -- mail status\`, then \`mail retry\`` };
  }
  return { name: 'email', ok: true, detail: waiting };
}

export async function runChecks(env: Record<string, string | undefined> = process.env): Promise<Check[]> {
  const runtime = checkRuntime();
  let settings;
  try {
    settings = readConfig(env);
  } catch (error) {
    return [runtime, { name: 'configuration', ok: false, detail: error instanceof ConfigError ? error.message : String(error) }];
  }
  const target = settings.DATABASE_URL;
  const where = target.kind === 'sqlite' ? `SQLite at ${target.file}` : `PostgreSQL at ${new URL(target.url).host}${new URL(target.url).pathname}`;
  const clock = settings.WHATSON_CLOCK ? `, clock moved: it started at ${settings.WHATSON_CLOCK} (WHATSON_CLOCK)` : '';
  const checks: Check[] = [runtime, { name: 'configuration', ok: true, detail: `public origin ${settings.PUBLIC_ORIGIN}, listening on ${settings.HOST}:${settings.PORT}${clock}` }];
  let handle;
  try {
    handle = openDatabase(target);
    await probeReadWrite(handle);
    checks.push({ name: 'database', ok: true, detail: `${where} is reachable and writable` });
    const pending = await pendingMigrations(handle);
    checks.push(
      pending.length === 0
        ? { name: 'migrations', ok: true, detail: 'the schema is current' }
        : { name: 'migrations', ok: false, detail: `${pending.length} pending (${pending.join(', ')}): run \`npm run whatson -- migrate\`` },
    );
    if (pending.length === 0) checks.push(mailCheck(await summariseMailQueue(handle.db)));
  } catch (error) {
    checks.push({ name: 'database', ok: false, detail: explainDatabaseProblem(target, error) });
  } finally {
    await handle?.close();
  }
  return checks;
}
