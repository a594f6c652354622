// `deskpulse demo`: a realistic, seeded after-sales centre, into a file or into the warehouse.
import type { Command } from 'commander';
import { summaryOf } from '../command-list.ts';
import { readDemoConfig } from '../../ingest/demo/demo-config.ts';
import { demoIntoWarehouse } from '../../ingest/demo/demo-into-warehouse.ts';
import { writeDemo } from '../../ingest/demo/write-demo.ts';
import { resolveConfigPath } from '../../warehouse/config.ts';
import { openWarehouse } from '../open-warehouse.ts';

interface Flags { days: string; ticketsPerDay: string; seed: string; end?: string; out?: string; db?: string; config?: string }

export function register(program: Command): void {
  program.command('demo')
    .description(summaryOf('demo'))
    .option('--days <n>', 'days of history', '120')
    .option('--tickets-per-day <n>', 'mean tickets on an ordinary day', '3000')
    .option('--seed <n>', 'random seed: same seed, same data', '42')
    .option('--end <date>', 'last day, YYYY-MM-DD (default: yesterday in Asia/Shanghai)')
    .option('--out <file>', 'write a file instead of loading the warehouse')
    .option('--db <path>', 'warehouse file')
    .option('--config <path>', 'DeskPulse config')
    .action(async (flags: Flags) => {
      const options = {
        days: Number(flags.days), ticketsPerDay: Number(flags.ticketsPerDay), seed: Number(flags.seed),
        ...(flags.end ? { end: flags.end } : {}), config: readDemoConfig(resolveConfigPath(flags.config)),
      };
      if (flags.out) {
        const written = await writeDemo({ ...options, out: flags.out });
        process.stdout.write(`demo: wrote ${written.events} events to ${written.file} in ${written.seconds.toFixed(1)} s\n`);
        return;
      }
      const warehouse = await openWarehouse(flags);
      try {
        const { ingested } = await demoIntoWarehouse(warehouse, options);
        process.stdout.write(`demo: ${ingested.accepted} events (${ingested.duplicates} duplicates) into ${warehouse.path}, ` +
          `${ingested.ticketsTouched} tickets, in ${ingested.seconds.toFixed(1)} s\n`);
      } finally {
        warehouse.close();
      }
    });
}
