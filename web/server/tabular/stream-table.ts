// Exports of row lists (a ticket list, low ratings, the ingest log, quarantine): every row under the
// filter, streamed from DuckDB a chunk at a time straight into the file (no page size; memory bounded
// by the chunk). The interactive JSON list keeps paging.
//
// The query budget (DESKPULSE_QUERY_BUDGET_MS) bounds each step of DuckDB work, not the download: the
// query's start and every chunk fetch must each finish within it, while a long export of a million rows
// streams on at the pace the client reads. A step that runs out of budget before the first byte is the
// usual 503; after it, the response is aborted (no final chunk), so the client sees a failed download
// and never a file that looks complete (every complete file ends with its row count, export-encoders.ts).
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { Column, MetricTable } from '../../../warehouse/metrics/table.ts';
import { withQueryBudget } from '../../../warehouse/query-budget.ts';
import type { AppContext } from '../app.ts';
import { checkExportAllowed } from './send-table.ts';
import { contentDisposition, exportFilename } from './export-filename.ts';
import { exportFilter } from './export-filter.ts';
import { EXPORT_TYPES, encodeExport, type ExportFormat, type Row } from './export-encoders.ts';
import { exportLang } from './export-lang.ts';
import { exportSlotsOf } from './export-slots.ts';
import { isoAt } from '../../../warehouse/calendar/zoned-iso.ts';

/** Every row of a list under a filter: the SQL selects one column per column key, in the list's order. */
export interface RowListing {
  table: Pick<MetricTable, 'name' | 'period' | 'clock'> & { columns: Column[] };
  sql: string;
  params: Record<string, DuckDBValue>;
}

/** DuckDB values as table cells: instants in the list's zone, big integers as numbers. */
function toRow(record: Record<string, unknown>, iso: (at: Date) => string): Row {
  const row: Row = {};
  for (const [key, value] of Object.entries(record)) {
    row[key] = value instanceof Date ? iso(value)
      : typeof value === 'bigint' ? Number(value)
        : (value as Row[string]);
  }
  return row;
}

/** The chunks after `first`, each fetch within the budget. */
async function* chunksOf(db: DuckDBConnection, budgetMs: number, first: Row[] | null, next: () => Promise<Row[] | null>): AsyncGenerator<Row[]> {
  let chunk = first;
  while (chunk) {
    yield chunk;
    chunk = await withQueryBudget(db, budgetMs, next);
  }
}

export async function streamTable(ctx: Pick<AppContext, 'warehouse' | 'queryBudgetMs'>, request: FastifyRequest, reply: FastifyReply,
  format: ExportFormat, listing: RowListing): Promise<FastifyReply> {
  checkExportAllowed(request, format);
  const lang = exportLang(request);
  // Held from here until the download ends, however it ends (export-slots.ts: why a cap).
  const release = exportSlotsOf(ctx.warehouse).take(request.principal, lang);
  const { table } = listing;
  const zone = table.period.timezone;
  const iso = (at: Date) => isoAt(at, zone);
  let db: DuckDBConnection;
  try {
    // A connection of its own for as long as the download lasts, closed after it (never back to the pool).
    db = await ctx.warehouse.connect();
  } catch (err) {
    release();
    throw err;
  }
  // Closed once the download ends, however it ends, but never under a fetch that is running.
  let fetching = false;
  let ended = false;
  const close = () => {
    if (!ended) return;
    release();
    try { db.closeSync(); } catch { /* already closed */ }
  };
  let first: Row[] | null;
  let next: () => Promise<Row[] | null>;
  try {
    const used = new Set([...listing.sql.matchAll(/\$([a-z_][a-z0-9_]*)/gi)].map((m) => m[1]!));
    const params = Object.fromEntries(Object.entries(listing.params).filter(([k]) => used.has(k)));
    const result = await withQueryBudget(db, ctx.queryBudgetMs, () => db.stream(listing.sql, params));
    const chunks = result.yieldRowObjectJs();
    next = async () => {
      fetching = true;
      try {
        const chunk = await chunks.next();
        return chunk.done ? null : chunk.value.map((record) => toRow(record, iso));
      } finally {
        fetching = false;
        close();
      }
    };
    first = await withQueryBudget(db, ctx.queryBudgetMs, next);
  } catch (err) {
    ended = true;
    close();
    throw err;
  }
  const filter = exportFilter(request, table);
  const body = Readable.from(encodeExport(format, { table, filter, lang },
    chunksOf(db, ctx.queryBudgetMs, first, next)), { objectMode: false });
  body.once('close', () => {
    ended = true;
    if (!fetching) close();
  });
  return reply
    .header('content-type', EXPORT_TYPES[format])
    .header('content-disposition', contentDisposition(exportFilename(table, format, filter)))
    .send(body);
}
