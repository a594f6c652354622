// `deskpulse rederive [--calendar C] [--all]`: derives tickets, status spans and agent replies again
// after a config change (a calendar's hours or holidays, a team's calendar, default_calendar), which
// re-ingesting cannot do (unchanged files are not read again). One transaction, on the warehouse file.
import type { Command } from 'commander';
import { summaryOf } from '../command-list.ts';
import cliProgress from 'cli-progress';
import { rederive } from '../../warehouse/lifecycle/rederive.ts';
import { openWarehouse } from '../open-warehouse.ts';

interface Flags { calendar?: string; all?: boolean; db?: string; config?: string }

export function register(program: Command): void {
  program.command('rederive')
    .description(summaryOf('rederive'))
    .option('--calendar <id>', 'the tickets on this calendar, before or after the config change')
    .option('--all', 'every ticket')
    .option('--db <path>', 'warehouse file (default $DESKPULSE_DB or ./data/deskpulse.duckdb)')
    .option('--config <path>', 'DeskPulse config (default $DESKPULSE_CONFIG or ./config/deskpulse.yaml)')
    .action(async (flags: Flags) => {
      if (Boolean(flags.calendar) === Boolean(flags.all)) throw new Error('rederive: say which tickets: --calendar ID (those on one calendar) or --all');
      // Loads the config into the warehouse first: the derivation reads calendars and teams from there.
      const warehouse = await openWarehouse(flags);
      const bar = process.stderr.isTTY
        ? new cliProgress.SingleBar({ format: 'rederive [{bar}] {value}/{total} tickets', hideCursor: true }, cliProgress.Presets.shades_classic) : undefined;
      try {
        const summary = await rederive(warehouse, flags.all ? 'all' : { calendar: flags.calendar! }, (p) => {
          if (p.done === 0) {
            process.stderr.write(`rederive: deriving ${p.tickets} tickets again, in one transaction\n`);
            bar?.start(p.tickets, 0);
          } else if (bar) bar.update(p.done);
          // Without a terminal (a log), a line per slice.
          else process.stderr.write(`rederive: ${p.done}/${p.tickets} tickets\n`);
        });
        bar?.stop();
        const which = flags.all ? 'all tickets' : `the tickets on calendar ${flags.calendar}`;
        process.stdout.write(`rederive: ${summary.tickets} tickets re-derived (${which}) in ${summary.seconds.toFixed(1)} s\n`);
      } finally {
        bar?.stop();
        warehouse.close();
      }
    });
}
