// Every `deskpulse` command's name and one-line summary, with the module that implements it.
// `--help` lists this table and imports nothing else; a command's module is imported only to run it.
import type { Command } from 'commander';

export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<{ register: (program: Command) => void }>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'ingest', summary: 'load events from CSV, NDJSON, JSON or Parquet files, directories or globs (one batch, all or nothing)',
    load: () => import('./commands/ingest.ts') },
  { name: 'quarantine', summary: 'rows that failed validation', load: () => import('./commands/quarantine.ts') },
  { name: 'demo', summary: 'generate demo events (Parquet, CSV or NDJSON by --out extension; without --out, into the warehouse)',
    load: () => import('./commands/demo.ts') },
  { name: 'serve', summary: 'serve the API and the dashboards (the process that owns the warehouse file)',
    load: () => import('./commands/serve.ts') },
  { name: 'migrate', summary: 'create or upgrade the warehouse file and print its schema version', load: () => import('./commands/migrate.ts') },
  { name: 'forecast', summary: 'forecast arrivals per queue (or of a counts file) with p10/p50/p90, after backtesting the models',
    load: () => import('./commands/forecast.ts') },
  { name: 'token', summary: 'API tokens: who may read the dashboards, export, or post events', load: () => import('./commands/token.ts') },
  { name: 'staffing', summary: 'staffing: Erlang C calculator and the recommendation export', load: () => import('./commands/staffing.ts') },
  { name: 'dispatch-rules', summary: 'versions of the dispatch rules DeskPulse wrote: history, show one, roll back to one',
    load: () => import('./commands/dispatch-rules.ts') },
  { name: 'mapping', summary: 'try a mapping of a foreign export on a file', load: () => import('./commands/mapping.ts') },
  { name: 'rederive', summary: 'derive tickets again after a config change: those on one calendar (--calendar) or all (--all), in one transaction',
    load: () => import('./commands/rederive.ts') },
  { name: 'alerts', summary: 'alert rules of the config: list them and their alerts, test one now, history, acknowledge one, propose-route: send a product or region alert\'s tickets to a team (dispatch rules)',
    load: () => import('./commands/alerts.ts') },
  { name: 'report', summary: 'scheduled digests of the config\'s reports: list them, or send one now (--dry-run writes it to files)',
    load: () => import('./commands/report.ts') },
];

/** The summary of command `name` (each command module describes itself with it, so the two never differ). */
export function summaryOf(name: string): string {
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) throw new Error(`cli/command-list.ts has no command '${name}': add it there`);
  return entry.summary;
}
