// `deskpulse migrate`: applies the migrations (opening does) and prints the schema version.
import type { Command } from 'commander';
import { summaryOf } from '../command-list.ts';
import { openWarehouse } from '../open-warehouse.ts';

export function register(program: Command): void {
  program.command('migrate')
    .description(summaryOf('migrate'))
    .option('--db <path>', 'warehouse file')
    .option('--config <path>', 'DeskPulse config')
    .action(async (flags: { db?: string; config?: string }) => {
      const warehouse = await openWarehouse(flags);
      try {
        process.stdout.write(`${warehouse.path}: schema version ${await warehouse.schemaVersion()}\n`);
      } finally {
        warehouse.close();
      }
    });
}
