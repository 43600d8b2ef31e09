// The process's database, opened on first use from the configuration.
import { config } from '../config';
import { openDatabase, type DatabaseHandle } from './connection';

let handle: DatabaseHandle | undefined;

export function database(): DatabaseHandle {
  handle ??= openDatabase(config().DATABASE_URL);
  return handle;
}

export async function closeDatabase(): Promise<void> {
  const closing = handle;
  handle = undefined;
  await closing?.close();
}
