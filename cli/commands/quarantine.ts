// `deskpulse quarantine list|show`: the rows that failed validation, with where and why.
import type { Command } from 'commander';
import { summaryOf } from '../command-list.ts';
import { openWarehouse } from '../open-warehouse.ts';

interface Flags { run?: string; limit: string; json?: boolean; db?: string; config?: string }

export function register(program: Command): void {
  const quarantine = program.command('quarantine').description(summaryOf('quarantine'));
  quarantine.command('list')
    .option('--run <id>', 'only this ingest run')
    .option('--limit <n>', 'at most this many rows', '50')
    .option('--json', 'print JSON lines')
    .option('--db <path>', 'warehouse file')
    .option('--config <path>', 'DeskPulse config')
    .action(async (flags: Flags) => {
      const warehouse = await openWarehouse(flags);
      try {
        const reader = await warehouse.db.runAndReadAll(
          `SELECT row_number() OVER (ORDER BY quarantined_at, run_id, line) AS id, run_id, source, position, reason
           FROM quarantine WHERE $run::BIGINT IS NULL OR run_id = $run::BIGINT ORDER BY id LIMIT $limit::BIGINT`,
          { run: flags.run ?? null, limit: Number(flags.limit) });
        for (const row of reader.getRowObjectsJson()) {
          process.stdout.write(flags.json ? `${JSON.stringify(row)}\n` : `#${row.id} run ${row.run_id} ${row.source} ${row.position}: ${row.reason}\n`);
        }
      } finally {
        warehouse.close();
      }
    });
  quarantine.command('show')
    .argument('<id>', 'the row number printed by `quarantine list`')
    .option('--db <path>', 'warehouse file')
    .option('--config <path>', 'DeskPulse config')
    .action(async (id: string, flags: Flags) => {
      const warehouse = await openWarehouse(flags);
      try {
        const reader = await warehouse.db.runAndReadAll(
          `SELECT * FROM (SELECT row_number() OVER (ORDER BY quarantined_at, run_id, line) AS id, * FROM quarantine) WHERE id = $1`, [Number(id)]);
        const [row] = reader.getRowObjectsJson();
        if (!row) throw new Error(`no quarantined row #${id}; see \`deskpulse quarantine list\``);
        process.stdout.write(`${JSON.stringify(row, null, 2)}\n`);
      } finally {
        warehouse.close();
      }
    });
}
