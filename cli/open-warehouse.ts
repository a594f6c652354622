// Opens the warehouse file for a CLI command and syncs the config into it; a file
// held by another process becomes a message that says which process and what to do, never a lock error.
import { Warehouse, resolveDbPath } from '../warehouse/database.ts';
import { loadConfig, resolveConfigPath } from '../warehouse/config.ts';
import { syncConfig } from '../warehouse/calendar/sync-config.ts';
import { keepDailyRollup } from '../warehouse/rollups/daily-rollup.ts';
import { runningServer } from './server-note.ts';

export async function openWarehouse(flags: { db?: string; config?: string }): Promise<Warehouse> {
  const path = resolveDbPath(flags.db);
  let warehouse: Warehouse;
  try {
    warehouse = await Warehouse.open(path);
  } catch (err) {
    const message = (err as Error).message;
    if (!/lock/i.test(message)) throw err;
    const server = runningServer(path);
    const holder = server ? `the DeskPulse server at ${server.url} (pid ${server.pid})` : `another process (${/PID \d+/.exec(message)?.[0] ?? 'see lsof'})`;
    throw new Error(`${path} is held by ${holder}; stop it, or send the work to that server`);
  }
  const config = loadConfig(resolveConfigPath(flags.config));
  await warehouse.transaction(async (db) => {
    await syncConfig(db, config);
    await keepDailyRollup(db, config.timezone); // its days are the config zone's: built anew when that changes
  });
  return warehouse;
}
