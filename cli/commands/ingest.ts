// `deskpulse ingest FILES...`: one batch into the warehouse, or to the running server that holds it.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { ingest, type IngestSummary } from '../../ingest/pipeline.ts';
import { loadMapping } from '../../ingest/mapping/load-mapping.ts';
import { resolveDbPath } from '../../warehouse/database.ts';
import { openWarehouse } from '../open-warehouse.ts';
import { runningServer } from '../server-note.ts';

interface IngestFlags { mapping?: string; format?: 'csv' | 'ndjson' | 'json' | 'parquet'; timezone?: string; json?: boolean; db?: string; config?: string }

const CONTENT_TYPE: Record<string, string> = { csv: 'text/csv', ndjson: 'application/x-ndjson', jsonl: 'application/x-ndjson', json: 'application/json' };

async function viaServer(url: string, files: string[], flags: IngestFlags): Promise<IngestSummary[]> {
  const summaries: IngestSummary[] = [];
  for (const file of files) {
    const type = CONTENT_TYPE[flags.format ?? extname(file).slice(1).toLowerCase()];
    if (!type) throw new Error(`${file}: the server takes CSV, NDJSON or JSON bodies; stop the server to ingest this file directly`);
    const query = new URLSearchParams({ ...(flags.mapping ? { mapping: flags.mapping } : {}), ...(flags.timezone ? { timezone: flags.timezone } : {}) });
    const response = await fetch(`${url}/api/events?${query}`, { method: 'POST', headers: { 'content-type': type }, body: readFileSync(file) });
    const body = (await response.json()) as IngestSummary & { message?: string };
    if (!response.ok) throw new Error(body.message ?? `the server answered ${response.status}`);
    summaries.push(body);
  }
  return summaries;
}

function printSummary(s: IngestSummary, json: boolean): void {
  if (json) return void process.stdout.write(`${JSON.stringify(s)}\n`);
  process.stdout.write(`run ${s.runId}: ${s.rowsRead} rows read, ${s.accepted} accepted, ${s.duplicates} duplicates, ` +
    `${s.quarantined} quarantined, ${s.ticketsTouched} tickets updated, ${s.eventsPerSecond} events/s\n`);
  for (const q of s.quarantine.slice(0, 10)) process.stdout.write(`  quarantined ${q.position}: ${q.reason}\n`);
  if (s.quarantined > 10) process.stdout.write(`  ... see \`deskpulse quarantine list --run ${s.runId}\`\n`);
}

export function register(program: Command): void {
  program.command('ingest')
    .description('load events from CSV, NDJSON, JSON or Parquet files, directories or globs (one batch, all or nothing)')
    .argument('<files...>', 'files, directories or glob patterns')
    .option('--mapping <name|file>', 'map a foreign export (servicenow, eventlog, or a mapping YAML file)')
    .option('--format <format>', 'csv, ndjson, json or parquet (default: by extension)')
    .option('--timezone <zone>', 'zone of timestamps without an offset, e.g. Asia/Shanghai')
    .option('--json', 'print the summary as JSON')
    .option('--db <path>', 'warehouse file (default $DESKPULSE_DB or ./data/deskpulse.duckdb)')
    .option('--config <path>', 'DeskPulse config (default $DESKPULSE_CONFIG or ./config/deskpulse.yaml)')
    .action(async (files: string[], flags: IngestFlags) => {
      const server = runningServer(resolveDbPath(flags.db));
      if (server) {
        process.stderr.write(`ingest: ${resolveDbPath(flags.db)} is held by the server at ${server.url}; sending the batch there\n`);
        for (const s of await viaServer(server.url, files, flags)) printSummary(s, Boolean(flags.json));
        return;
      }
      const warehouse = await openWarehouse(flags);
      process.stderr.write(`ingest: opened the warehouse file ${warehouse.path} directly\n`);
      const bar = process.stderr.isTTY && !flags.json
        ? new cliProgress.SingleBar({ format: 'ingest {stage} [{bar}] {value} rows {file}' }, cliProgress.Presets.shades_classic) : undefined;
      bar?.start(1, 0, { stage: 'reading', file: '' });
      try {
        const mapping = flags.mapping ? await loadMapping(flags.mapping) : undefined;
        const summary = await ingest(warehouse, { inputs: files, format: flags.format, mapping, timezone: flags.timezone }, (p) => {
          bar?.setTotal(Math.max(p.rows, 1));
          bar?.update(p.rows, { stage: p.stage, file: p.file ?? '' });
        });
        bar?.stop();
        printSummary(summary, Boolean(flags.json));
      } finally {
        bar?.stop();
        warehouse.close();
      }
    });
}
