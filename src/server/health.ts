// What a load balancer asks: is the process up, the database reachable and
// writable, the schema current? When not, `database` names the fault.
import { database } from './db/index';
import { databaseFaultOf, type DatabaseFault } from './db/faults';
import { pendingMigrations } from './db/migrate';
import { probeReadWrite } from './db/probe';

export interface Health {
  ok: boolean;
  database: 'reachable' | DatabaseFault;
  pendingMigrations: string[];
}

async function check(): Promise<Health> {
  try {
    const handle = database();
    await probeReadWrite(handle);
    const pending = await pendingMigrations(handle);
    return { ok: pending.length === 0, database: 'reachable', pendingMigrations: pending };
  } catch (error) {
    return { ok: false, database: databaseFaultOf(error) ?? 'unreachable', pendingMigrations: [] };
  }
}

export async function checkHealth(): Promise<Health> {
  const health = await check();
  // A pooled connection whose server process has just ended fails the one
  // query that finds out, and is dropped: ask once more on a new one, so a
  // load balancer does not take an instance out for a connection it replaced.
  return health.database === 'unreachable' ? check() : health;
}
