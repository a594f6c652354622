// One ingest batch: read the sources (DuckDB does the parsing), map, validate, quarantine what is
// invalid, pseudonymise, dedupe, append and derive tickets — all in ONE transaction.
import { readFileSync } from 'node:fs';
import { appendEvents } from '../warehouse/event-store.ts';
import type { Warehouse } from '../warehouse/database.ts';
import { EVENT_FIELDS } from '../warehouse/event-model.ts';
import { IngestError } from './ingest-error.ts';
import type { Mapping } from './mapping/mapping.ts';
import { sqlIdent, sqlString } from './mapping/sql-quote.ts';
import { hashSql, piiKey } from './pseudonymise.ts';
import { formatOf, listInputs, type SourceFormat } from './sources/list-inputs.ts';
import { positionWord, stageFile } from './sources/stage-file.ts';

const VALIDATE_SQL = readFileSync(new URL('./validate.sql', import.meta.url), 'utf8');
const RAW_LIMIT = 1024 * 1024;

export interface IngestRequest {
  inputs: string[];
  format?: SourceFormat;
  mapping?: Mapping;
  timezone?: string;
  source?: string;
  piiKey?: string;
}

export interface IngestProgress { stage: 'reading' | 'validating' | 'writing' | 'deriving'; file?: string; rows: number }

export interface IngestSummary {
  runId: number;
  rowsRead: number;
  accepted: number;
  duplicates: number;
  quarantined: number;
  ticketsTouched: number;
  seconds: number;
  eventsPerSecond: number;
  quarantine: { position: string; reason: string }[];
}

/** Columns of the typed candidates, pseudonymised where the mapping (or the model) says PII. */
function candidateSelect(mapping?: Mapping): string {
  const pii = new Set<string>(['customer_id', ...(mapping?.pii.fields ?? [])]);
  const typed: Record<string, string> = {
    occurred_at: 'occurred_ts', rating: 'rating_num::TINYINT', handle_seconds: 'handle_num', attrs: 'attrs::JSON',
  };
  const columns = EVENT_FIELDS.map(({ name }) => {
    const expr = typed[name] ?? sqlIdent(name);
    return `${pii.has(name) ? hashSql(expr) : expr} AS ${sqlIdent(name)}`;
  });
  return `SELECT ${columns.join(', ')}, __line FROM _checked WHERE reason IS NULL`;
}

/** Replaces each PII key inside attrs with its keyed hash. */
async function hashPiiAttrs(db: Warehouse['db'], keys: readonly string[], key: string): Promise<void> {
  for (const k of keys) {
    const path = sqlString(`$."${k.replaceAll('"', '\\"')}"`);
    await db.run(`UPDATE _candidates SET attrs = json_merge_patch(attrs, json_object(${sqlString(k)},
      ${hashSql(`json_extract_string(attrs, ${path})`)})) WHERE json_extract_string(attrs, ${path}) IS NOT NULL`, { pii_key: key });
  }
}

export async function ingest(warehouse: Warehouse, request: IngestRequest, onProgress?: (p: IngestProgress) => void): Promise<IngestSummary> {
  const started = performance.now();
  const key = request.piiKey ?? piiKey(warehouse.path);
  const files = await listInputs(warehouse.db, request.inputs, request.format);
  const source = request.source ?? files.join(', ');

  return warehouse.transaction(async (db) => {
    const run = await db.runAndReadAll(
      `INSERT INTO ingest_runs (source, mapping, started_at, status) VALUES ($1, $2, now(), 'committed') RETURNING run_id`,
      [source, request.mapping?.name ?? null]);
    const runId = Number(run.getRows()[0]?.[0]);
    const totals = { rowsRead: 0, accepted: 0, duplicates: 0, quarantined: 0, ticketsTouched: 0 };

    for (const file of files) {
      onProgress?.({ stage: 'reading', file, rows: totals.rowsRead });
      const format = formatOf(file, request.format);
      totals.rowsRead += await stageFile(db, file, format, request.mapping);
      onProgress?.({ stage: 'validating', file, rows: totals.rowsRead });
      await db.run(VALIDATE_SQL, { timezone: request.timezone ?? null });
      // Quarantine keeps at most 1 MiB of a record's text and says so; the file and line lead to the rest.
      const quarantined = await db.runAndReadAll(
        `INSERT INTO quarantine BY NAME
         SELECT $run::BIGINT AS run_id, coalesce($label, __source) AS source, $word || ' ' || __line AS position, __line AS line,
                reason || CASE WHEN length(__raw) > ${RAW_LIMIT}
                  THEN format(' (raw text cut to 1 MiB of {} characters; see the source at this line)', length(__raw)) ELSE '' END AS reason,
                left(__raw, ${RAW_LIMIT}) AS raw, now() AS quarantined_at
         FROM _checked WHERE reason IS NOT NULL RETURNING 1`,
        { run: runId, word: positionWord(format), label: request.source ?? null });
      totals.quarantined += quarantined.getRows().length;
      onProgress?.({ stage: 'writing', file, rows: totals.rowsRead });
      await db.run(`CREATE OR REPLACE TEMP TABLE _candidates AS ${candidateSelect(request.mapping)}`, { pii_key: key });
      await hashPiiAttrs(db, request.mapping?.pii.attrs ?? [], key);
      onProgress?.({ stage: 'deriving', file, rows: totals.rowsRead });
      const appended = await appendEvents(db, '_candidates', runId);
      totals.accepted += appended.accepted;
      totals.duplicates += appended.duplicates;
      totals.ticketsTouched += appended.ticketsTouched;
    }
    await db.run(`UPDATE ingest_runs SET finished_at = now(), rows_read = $rows, accepted = $accepted, duplicates = $dups,
      quarantined = $quarantined, tickets_touched = $touched WHERE run_id = $run`,
      { rows: totals.rowsRead, accepted: totals.accepted, dups: totals.duplicates, quarantined: totals.quarantined, touched: totals.ticketsTouched, run: runId });
    const sample = await db.runAndReadAll('SELECT position, reason FROM quarantine WHERE run_id = $1 ORDER BY line LIMIT 100', [runId]);
    const seconds = (performance.now() - started) / 1000;
    return {
      runId, ...totals, seconds, eventsPerSecond: Math.round(totals.rowsRead / seconds),
      quarantine: sample.getRows().map(([position, reason]) => ({ position: String(position), reason: String(reason) })),
    };
  });
}

export { IngestError };
