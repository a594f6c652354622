// Opens the warehouse file for a CLI command and syncs the config into it; a file
// held by another process becomes a message that says which process and what to do, never a lock error,
// in both languages (cli/main.ts prints the one of the run's --lang, else the locale).
import { BilingualError } from '../forecasting/bilingual-error.ts';
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
    const pid = /PID \d+/.exec(message)?.[0];
    const holder = server ? { en: `the DeskPulse server at ${server.url} (pid ${server.pid})`, zh: `位于 ${server.url} 的 DeskPulse 服务器（进程 ${server.pid}）` }
      : { en: `another process (${pid ?? 'see lsof'})`, zh: `另一个进程（${pid ?? '可用 lsof 查看'}）` };
    throw new BilingualError({ en: `${path} is held by ${holder.en}; stop it, or send the work to that server`,
      zh: `${path} 正被${holder.zh}占用：请先停止它，或把这项工作交给该服务器` });
  }
  const config = loadConfig(resolveConfigPath(flags.config));
  await warehouse.transaction(async (db) => {
    await syncConfig(db, config);
    await keepDailyRollup(db, config.timezone); // its days are the config zone's: built anew when that changes
  });
  return warehouse;
}
