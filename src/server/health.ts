// What a load balancer asks: is the process up, the database reachable, the schema current?
import { sql } from 'kysely';
import { database } from './db/index';
import { pendingMigrations } from './db/migrate';

export interface Health {
  ok: boolean;
  database: 'reachable' | 'unreachable';
  pendingMigrations: string[];
}

export async function checkHealth(): Promise<Health> {
  try {
    const handle = database();
    await sql`select 1`.execute(handle.db);
    const pending = await pendingMigrations(handle);
    return { ok: pending.length === 0, database: 'reachable', pendingMigrations: pending };
  } catch {
    return { ok: false, database: 'unreachable', pendingMigrations: [] };
  }
}
