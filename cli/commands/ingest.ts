// `deskpulse ingest FILES...`: one batch into the warehouse, or to the running server that holds it.
import { createWriteStream, mkdtempSync, openAsBlob, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Command } from 'commander';
import { summaryOf } from '../command-list.ts';
import cliProgress from 'cli-progress';
import { ingest, type IngestSummary } from '../../ingest/pipeline.ts';
import { loadMapping, mappingPath, shippedMappings } from '../../ingest/mapping/load-mapping.ts';
import { listInputs } from '../../ingest/sources/list-inputs.ts';
import { checkEncoding, isUtf8, transcodeToUtf8 } from '../../ingest/sources/transcode.ts';
import { zoneHint } from '../../warehouse/calendar/zone-hint.ts';
import { loadConfig, resolveConfigPath } from '../../warehouse/config.ts';
import { resolveDbPath } from '../../warehouse/database.ts';
import { openWarehouse } from '../open-warehouse.ts';
import { runningServer } from '../server-note.ts';

interface IngestFlags {
  mapping?: string; format?: 'csv' | 'ndjson' | 'json' | 'parquet'; timezone?: string; calendar?: string; encoding?: string; json?: boolean; db?: string; config?: string;
}

/** `-` reads standard input: spooled to a temp file (DuckDB reads files), named "stdin" in messages. */
async function spoolStdin(format: IngestFlags['format']): Promise<{ file: string; cleanup: () => void }> {
  if (!format) throw new Error('reading standard input (-) needs --format csv, ndjson, json or parquet');
  const dir = mkdtempSync(join(tmpdir(), 'deskpulse-stdin-'));
  const file = join(dir, `stdin.${format}`);
  await pipeline(process.stdin, createWriteStream(file));
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const CONTENT_TYPE: Record<string, string> = { csv: 'text/csv', tsv: 'text/csv', ndjson: 'application/x-ndjson', jsonl: 'application/x-ndjson', json: 'application/json' };

/** How long a batch is sent again while the server answers 429 (busy with other batches). */
const BUSY_WAIT_MS = 10 * 60 * 1000;

/** Seconds of a Retry-After header (seconds or an HTTP date), 5 when it says nothing usable. */
function retryAfterSeconds(header: string | null): number {
  const seconds = Number(header);
  if (header && Number.isFinite(seconds)) return Math.max(1, seconds);
  const at = header ? Date.parse(header) : NaN;
  return Number.isNaN(at) ? 5 : Math.max(1, Math.ceil((at - Date.now()) / 1000));
}

/**
 * The whole batch as ONE multipart request (a "file" part per file, named as the user named it;
 * a mapping file's YAML as the "mapping" part), which the server ingests in one transaction.
 */
async function batchForm(files: { path: string; name: string }[], flags: IngestFlags): Promise<{ form: FormData; query: URLSearchParams }> {
  const form = new FormData();
  for (const { path, name } of files) {
    const type = CONTENT_TYPE[flags.format ?? extname(path).slice(1).toLowerCase()];
    if (!type) throw new Error(`${name}: the server takes CSV, NDJSON or JSON files; stop the server to ingest this file directly`);
    form.append('file', await openAsBlob(path, { type }), name);
  }
  const shipped = flags.mapping !== undefined && shippedMappings().includes(flags.mapping);
  // The server reads no mapping file of ours by path: a mapping of our own travels with the batch.
  if (flags.mapping && !shipped) form.append('mapping', new Blob([readFileSync(mappingPath(flags.mapping))]), flags.mapping);
  const query = new URLSearchParams({ ...(shipped ? { mapping: flags.mapping! } : {}), ...(flags.timezone ? { timezone: flags.timezone } : {}),
    ...(flags.calendar ? { calendar: flags.calendar } : {}) });
  return { form, query };
}

async function viaServer(url: string, files: { path: string; name: string }[], flags: IngestFlags): Promise<IngestSummary> {
  const { form, query } = await batchForm(files, flags);
  // The server wants an ingest (or admin) token: DESKPULSE_TOKEN, from `deskpulse token create --role ingest`.
  const auth: Record<string, string> = process.env.DESKPULSE_TOKEN ? { authorization: `Bearer ${process.env.DESKPULSE_TOKEN}` } : {};
  for (const giveUpAt = Date.now() + BUSY_WAIT_MS; ;) {
    const response = await fetch(`${url}/api/events?${query}`, { method: 'POST', headers: auth, body: form });
    const body = (await response.json()) as IngestSummary & { message?: string };
    if (response.status === 401) throw new Error(`the server at ${url} wants a token: set DESKPULSE_TOKEN to an ingest token (${body.message})`);
    if (response.status === 429 && Date.now() < giveUpAt) {
      const seconds = retryAfterSeconds(response.headers.get('retry-after'));
      process.stderr.write(`ingest: ${body.message ?? 'the server is busy'}; sending the batch again in ${seconds} s\n`);
      await new Promise((done) => setTimeout(done, seconds * 1000));
      continue;
    }
    if (!response.ok) throw new Error(body.message ?? `the server answered ${response.status}`);
    return body;
  }
}

function printSummary(s: IngestSummary, json: boolean): void {
  for (const note of s.notes ?? []) process.stderr.write(`ingest: ${note}\n`);
  if (json) return void process.stdout.write(`${JSON.stringify(s)}\n`);
  process.stdout.write(`run ${s.runId}: ${s.rowsRead} rows read, ${s.accepted} accepted, ${s.duplicates} duplicates, ` +
    `${s.quarantined} quarantined, ${s.ticketsTouched} tickets updated, ${s.eventsPerSecond} events/s\n`);
  for (const u of s.unchanged) process.stdout.write(`  unchanged since run ${u.run}, not read again: ${u.file}\n`);
  for (const q of s.quarantine.slice(0, 10)) process.stdout.write(`  quarantined ${q.position}: ${q.reason}\n`);
  if (s.quarantined > 10) process.stdout.write(`  ... see \`deskpulse quarantine list --run ${s.runId}\`\n`);
}

export function register(program: Command): void {
  program.command('ingest')
    .description(summaryOf('ingest'))
    .argument('<files...>', 'files, directories or glob patterns; - for standard input')
    .option('--mapping <name|file>', 'map a foreign export (servicenow, eventlog, ticketlist, or a mapping YAML file)')
    .option('--format <format>', 'csv, ndjson, json or parquet (default: by extension)')
    .option('--timezone <zone>', 'zone of timestamps without an offset, e.g. Asia/Shanghai (wins over the mapping\'s time.zone)')
    .option('--calendar <id>', 'business calendar (of the config) for tickets whose team has none there (wins over the mapping\'s calendars)')
    .option('--encoding <encoding>', 'text encoding of the files (default utf-8, BOM or not), e.g. gb18030 for Chinese Excel exports')
    .option('--json', 'print the summary as JSON')
    .option('--db <path>', 'warehouse file (default $DESKPULSE_DB or ./data/deskpulse.duckdb)')
    .option('--config <path>', 'DeskPulse config (default $DESKPULSE_CONFIG or ./config/deskpulse.yaml)')
    .action(async (inputs: string[], flags: IngestFlags) => {
      if (flags.encoding) checkEncoding(flags.encoding);
      const stdin = inputs.includes('-') ? await spoolStdin(flags.format) : undefined;
      const files = inputs.map((f) => (f === '-' ? stdin!.file : f));
      try {
        await ingestFiles(files, flags, stdin?.file);
      } finally {
        stdin?.cleanup();
      }
    });
}

/** The files that directories and globs stand for, as the local ingest would read them. */
async function listLocalInputs(inputs: string[], format: IngestFlags['format']): Promise<string[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  try {
    return await listInputs(db, inputs, format);
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

/** `stdin` is the spooled copy of standard input among `files`, if any: it is named "stdin". */
async function ingestFiles(files: string[], flags: IngestFlags, stdin?: string): Promise<void> {
  const source = stdin ? 'stdin' : undefined;
  const server = runningServer(resolveDbPath(flags.db));
  if (server) {
    process.stderr.write(`ingest: ${resolveDbPath(flags.db)} is held by the server at ${server.url}; sending the batch there\n`);
    const listed = await listLocalInputs(files, flags.format);
    const utf8 = isUtf8(flags.encoding) ? { copies: listed, cleanup: () => {} } : await transcodeToUtf8(listed, flags.encoding!);
    try {
      // Each file is named as the user named it (standard input as "stdin"), not by a transcoded copy.
      const named = utf8.copies.map((path, i) => ({ path, name: listed[i] === stdin ? 'stdin' : listed[i]! }));
      printSummary(await viaServer(server.url, named, flags), Boolean(flags.json));
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
    const summary = await ingest(warehouse, { inputs: files, format: flags.format, mapping, timezone: flags.timezone, calendar: flags.calendar, encoding: flags.encoding, source }, (p) => {
      if (!bar) return;
      if (p.step === 0) bar.start(p.steps, 0, { stage: p.stage, file: '', rows: 0 });
      bar.update(p.step, { stage: p.stage, file: p.file ?? '', rows: p.rows });
    });
    bar?.update(bar.getTotal());
    bar?.stop();
    printSummary(summary, Boolean(flags.json));
    const hint = await zoneHint(warehouse, loadConfig(resolveConfigPath(flags.config)), 'ingest');
    if (hint) process.stderr.write(`ingest: ${hint}\n`);
  } finally {
    bar?.stop();
    warehouse.close();
  }
}
