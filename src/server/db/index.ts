// The process's database, opened on first use from the configuration. Kept
// on globalThis because the Astro bundle and the runtime bundle (start-up, CLI)
// each carry a copy of this module, and one process must hold one connection.
import { config } from '../config';
import { openDatabase, type DatabaseHandle } from './connection';

const SLOT = Symbol.for('whatson.database');
type Slot = { [SLOT]?: DatabaseHandle };

export function database(): DatabaseHandle {
  const slot = globalThis as Slot;
  slot[SLOT] ??= openDatabase(config().DATABASE_URL);
  return slot[SLOT];
}

export async function closeDatabase(): Promise<void> {
  const slot = globalThis as Slot;
  const handle = slot[SLOT];
  slot[SLOT] = undefined;
  await handle?.close();
}
