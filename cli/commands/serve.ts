// `deskpulse serve`: the one process that owns the DuckDB file; API and dashboards on one port.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { summaryOf } from '../command-list.ts';
import { readDemoConfig } from '../../ingest/demo/demo-config.ts';
import { demoIntoWarehouse } from '../../ingest/demo/demo-into-warehouse.ts';
import { piiKey } from '../../ingest/pseudonymise.ts';
import { pseudonymiseStoredQuarantine } from '../../ingest/quarantine-raw.ts';
import { buildApp } from '../../web/server/app.ts';
import { checkOpenMode, openModeBanner } from '../../web/server/auth/open-mode.ts';
import { serverLogOptions } from '../../web/server/log-options.ts';
import { loadConfig, resolveConfigPath } from '../../warehouse/config.ts';
import { zoneHint } from '../../warehouse/calendar/zone-hint.ts';
import { resolveDbPath } from '../../warehouse/database.ts';
import { openWarehouse } from '../open-warehouse.ts';
import { writeServerNote } from '../server-note.ts';
import { ReportScheduler } from '../../alerts/schedule/report-scheduler.ts';

interface Flags { port?: string; host?: string; db?: string; config?: string; demoIfEmpty?: boolean; open?: boolean }

/** The demo that `npm start` builds on a fresh machine: big enough to look real, quick to make. */
const FIRST_START_DEMO = { days: 60, ticketsPerDay: 1500, seed: 42 };

export function register(program: Command): void {
  program.command('serve')
    .description(summaryOf('serve'))
    .option('--port <port>', 'port (default $PORT or 3000)')
    .option('--host <host>', 'address to listen on (default $HOST or 127.0.0.1)')
    .option('--db <path>', 'warehouse file')
    .option('--config <path>', 'DeskPulse config')
    .option('--demo-if-empty', 'when the warehouse file does not exist, build the demo warehouse first')
    .option('--open', 'answer every request as admin without a token (demo warehouses only)')
    .action(async (flags: Flags) => {
      const path = resolveDbPath(flags.db);
      const fresh = !existsSync(path);
      const warehouse = await openWarehouse(flags);
      if (fresh && flags.demoIfEmpty) {
        process.stderr.write(`serve: ${path} did not exist: building the demo warehouse (${FIRST_START_DEMO.days} days x ` +
          `${FIRST_START_DEMO.ticketsPerDay} tickets/day, seed ${FIRST_START_DEMO.seed}) ...\n`);
        const { ingested } = await demoIntoWarehouse(warehouse, { ...FIRST_START_DEMO, config: readDemoConfig(resolveConfigPath(flags.config)) });
        process.stderr.write(`serve: demo ready: ${ingested.accepted} events, ${ingested.ticketsTouched} tickets in ${ingested.seconds.toFixed(1)} s\n`);
      }
      if (flags.open) {
        try {
          await checkOpenMode(warehouse.db, path);
        } catch (err) {
          warehouse.close();
          throw err;
        }
      }
      const rehashed = await pseudonymiseStoredQuarantine(warehouse, piiKey(warehouse.path));
      if (rehashed) process.stderr.write(`serve: hashed the customer ids of ${rehashed} quarantined rows stored before the ingest hashed them\n`);
      const config = loadConfig(resolveConfigPath(flags.config));
      const timezone = config.timezone;
      const hint = await zoneHint(warehouse, config, 'serve');
      if (hint) process.stderr.write(`serve: ${hint}\n`);
      const app = await buildApp({ warehouse, logger: serverLogOptions(), timezone, open: Boolean(flags.open), warmViews: true, evaluateAlerts: true,
        planning: { configPath: resolveConfigPath(flags.config) } });
      const port = Number(flags.port ?? process.env.PORT ?? 3000);
      const host = flags.host ?? process.env.HOST ?? '127.0.0.1';
      const address = await app.listen({ port, host });
      // Scheduled digests (reports: of the config); a missed one runs once now, in the background.
      const reports = new ReportScheduler(warehouse, resolveConfigPath(flags.config), address, app.log);
      void reports.start();
      if (flags.open) {
        process.stderr.write(openModeBanner(address));
        app.log.warn({ open: true }, `OPEN MODE: every request to ${address} is answered as admin without a token`);
      }
      const removeNote = writeServerNote(path, { pid: process.pid, url: address, startedAt: new Date().toISOString() });
      const stop = async () => {
        removeNote();
        await reports.stop();
        await app.close();
        warehouse.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
