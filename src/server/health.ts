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

export async function checkHealth(): Promise<Health> {
  try {
    const handle = database();
    await probeReadWrite(handle);
    const pending = await pendingMigrations(handle);
    return { ok: pending.length === 0, database: 'reachable', pendingMigrations: pending };
  } catch (error) {
    return { ok: false, database: databaseFaultOf(error) ?? 'unreachable', pendingMigrations: [] };
  }
}
