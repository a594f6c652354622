// `deskpulse ingest FILES...`: one batch into the warehouse, or to the running server that holds it.
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { ingest, type IngestSummary } from '../../ingest/pipeline.ts';
import { loadMapping } from '../../ingest/mapping/load-mapping.ts';
import { checkEncoding, isUtf8, transcodeToUtf8 } from '../../ingest/sources/transcode.ts';
import { resolveDbPath } from '../../warehouse/database.ts';
import { openWarehouse } from '../open-warehouse.ts';
import { runningServer } from '../server-note.ts';

interface IngestFlags {
  mapping?: string; format?: 'csv' | 'ndjson' | 'json' | 'parquet'; timezone?: string; encoding?: string; json?: boolean; db?: string; config?: string;
}

/** `-` reads standard input: spooled to a temp file (DuckDB reads files), named "stdin" in messages. */
async function spoolStdin(format: IngestFlags['format']): Promise<{ file: string; cleanup: () => void }> {
  if (!format) throw new Error('reading standard input (-) needs --format csv, ndjson, json or parquet');
  const dir = mkdtempSync(join(tmpdir(), 'deskpulse-stdin-'));
  const file = join(dir, `stdin.${format}`);
  await pipeline(process.stdin, createWriteStream(file));
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const CONTENT_TYPE: Record<string, string> = { csv: 'text/csv', ndjson: 'application/x-ndjson', jsonl: 'application/x-ndjson', json: 'application/json' };

async function viaServer(url: string, files: string[], flags: IngestFlags): Promise<IngestSummary[]> {
  const summaries: IngestSummary[] = [];
  for (const file of files) {
    const type = CONTENT_TYPE[flags.format ?? extname(file).slice(1).toLowerCase()];
    if (!type) throw new Error(`${file}: the server takes CSV, NDJSON or JSON bodies; stop the server to ingest this file directly`);
    const query = new URLSearchParams({ ...(flags.mapping ? { mapping: flags.mapping } : {}), ...(flags.timezone ? { timezone: flags.timezone } : {}) });
    // The server wants an ingest (or admin) token: DESKPULSE_TOKEN, from `deskpulse token create --role ingest`.
    const auth: Record<string, string> = process.env.DESKPULSE_TOKEN ? { authorization: `Bearer ${process.env.DESKPULSE_TOKEN}` } : {};
    const response = await fetch(`${url}/api/events?${query}`, { method: 'POST', headers: { 'content-type': type, ...auth }, body: readFileSync(file) });
    const body = (await response.json()) as IngestSummary & { message?: string };
    if (response.status === 401) throw new Error(`the server at ${url} wants a token: set DESKPULSE_TOKEN to an ingest token (${body.message})`);
    if (!response.ok) throw new Error(body.message ?? `the server answered ${response.status}`);
    summaries.push(body);
  }
  return summaries;
}

function printSummary(s: IngestSummary, json: boolean): void {
  if (json) return void process.stdout.write(`${JSON.stringify(s)}\n`);
  process.stdout.write(`run ${s.runId}: ${s.rowsRead} rows read, ${s.accepted} accepted, ${s.duplicates} duplicates, ` +
    `${s.quarantined} quarantined, ${s.ticketsTouched} tickets updated, ${s.eventsPerSecond} events/s\n`);
  for (const u of s.unchanged) process.stdout.write(`  unchanged since run ${u.run}, not read again: ${u.file}\n`);
  for (const q of s.quarantine.slice(0, 10)) process.stdout.write(`  quarantined ${q.position}: ${q.reason}\n`);
  if (s.quarantined > 10) process.stdout.write(`  ... see \`deskpulse quarantine list --run ${s.runId}\`\n`);
}

export function register(program: Command): void {
  program.command('ingest')
    .description('load events from CSV, NDJSON, JSON or Parquet files, directories or globs (one batch, all or nothing)')
    .argument('<files...>', 'files, directories or glob patterns; - for standard input')
    .option('--mapping <name|file>', 'map a foreign export (servicenow, eventlog, or a mapping YAML file)')
    .option('--format <format>', 'csv, ndjson, json or parquet (default: by extension)')
    .option('--timezone <zone>', 'zone of timestamps without an offset, e.g. Asia/Shanghai')
    .option('--encoding <encoding>', 'text encoding of the files (default utf-8, BOM or not), e.g. gb18030 for Chinese Excel exports')
    .option('--json', 'print the summary as JSON')
    .option('--db <path>', 'warehouse file (default $DESKPULSE_DB or ./data/deskpulse.duckdb)')
    .option('--config <path>', 'DeskPulse config (default $DESKPULSE_CONFIG or ./config/deskpulse.yaml)')
    .action(async (inputs: string[], flags: IngestFlags) => {
      if (flags.encoding) checkEncoding(flags.encoding);
      const stdin = inputs.includes('-') ? await spoolStdin(flags.format) : undefined;
      const files = inputs.map((f) => (f === '-' ? stdin!.file : f));
      try {
        await ingestFiles(files, flags, stdin ? 'stdin' : undefined);
      } finally {
        stdin?.cleanup();
      }
    });
}

async function ingestFiles(files: string[], flags: IngestFlags, source?: string): Promise<void> {
  const server = runningServer(resolveDbPath(flags.db));
  if (server) {
    process.stderr.write(`ingest: ${resolveDbPath(flags.db)} is held by the server at ${server.url}; sending the batch there\n`);
    const utf8 = isUtf8(flags.encoding) ? { copies: files, cleanup: () => {} } : await transcodeToUtf8(files, flags.encoding!);
    try {
      for (const s of await viaServer(server.url, utf8.copies, flags)) printSummary(s, Boolean(flags.json));
    } finally {
      utf8.cleanup();
    }
    return;
  }
  const warehouse = await openWarehouse(flags);
  process.stderr.write(`ingest: opened the warehouse file ${warehouse.path} directly\n`);
  const bar = process.stderr.isTTY && !flags.json
    ? new cliProgress.SingleBar({ format: 'ingest [{bar}] {stage} {file} ({rows} rows)', hideCursor: true }, cliProgress.Presets.shades_classic) : undefined;
  try {
    const mapping = flags.mapping ? await loadMapping(flags.mapping) : undefined;
    const summary = await ingest(warehouse, { inputs: files, format: flags.format, mapping, timezone: flags.timezone, encoding: flags.encoding, source }, (p) => {
      if (!bar) return;
      if (p.step === 0) bar.start(p.steps, 0, { stage: p.stage, file: '', rows: 0 });
      bar.update(p.step, { stage: p.stage, file: p.file ?? '', rows: p.rows });
    });
    bar?.update(bar.getTotal());
    bar?.stop();
    printSummary(summary, Boolean(flags.json));
  } finally {
    bar?.stop();
    warehouse.close();
  }
}
