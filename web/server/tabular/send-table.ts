// Answers a metric route with its MetricTable in the format asked for: JSON by default, an Arrow
// IPC stream for `Accept: application/vnd.apache.arrow.stream`, CSV, XLSX, NDJSON or Arrow downloads
// for ?format=, each saying the filter it holds. Paged lists export through stream-table.ts instead.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MetricTable } from '../../../warehouse/metrics/table.ts';
import { ForbiddenError } from '../auth/forbidden-error.ts';
import type { Role } from '../auth/request-principal.ts';
import { contentDisposition, exportFilename } from './export-filename.ts';
import { tableToArrow } from './table-to-arrow.ts';
import { tableToCsv, type Lang } from './table-to-csv.ts';
import { tableToXlsx } from './table-to-xlsx.ts';
import { exportFilter, type ExportFilter } from './export-filter.ts';
import { exportLang } from './export-lang.ts';
import { ARROW_STREAM, EXPORT_TYPES, encodeExport, isExportFormat, type ExportFormat } from './export-encoders.ts';

export { ARROW_STREAM, XLSX_TYPE } from './export-encoders.ts';

/** Roles that may download any table; planners only where the route says `config.planExport`. */
export const EXPORT_ROLES: readonly Role[] = ['admin', 'manager', 'team_lead'];

export function checkExportAllowed(request: FastifyRequest, format: string): void {
  const role = request.principal?.role;
  if (role && EXPORT_ROLES.includes(role)) return;
  if (role === 'planner' && request.routeOptions.config.planExport) return;
  throw new ForbiddenError(`the ${role ?? 'anonymous'} role may not download ${format.toUpperCase()} exports of ${request.routeOptions.url ?? request.url}; ` +
    `exports need an admin, manager or team_lead token (planners may export forecasts and staffing)`);
}

async function exportBody(table: MetricTable, format: ExportFormat, filter: ExportFilter, lang: Lang): Promise<string | Buffer> {
  switch (format) {
    case 'csv': return tableToCsv(table, lang, filter);
    case 'xlsx': return tableToXlsx(table, lang, filter);
    case 'arrow': return Buffer.from(tableToArrow(table, filter));
    case 'ndjson': {
      let text = '';
      for await (const part of encodeExport('ndjson', { table, filter, lang }, [table.rows])) text += part;
      return text;
    }
  }
}

export async function sendTable(request: FastifyRequest, reply: FastifyReply, table: MetricTable): Promise<FastifyReply> {
  const query = (request.query ?? {}) as { format?: string };
  if (isExportFormat(query.format)) {
    checkExportAllowed(request, query.format);
    // A page of a longer list is never a file: such routes stream their export (stream-table.ts).
    if (table.total !== undefined && table.total > table.rows.length) {
      throw new Error(`${table.name}: an export of ${table.rows.length} of ${table.total} rows was refused; its route must stream the export`);
    }
    const filter = exportFilter(request, table);
    return reply
      .header('content-type', EXPORT_TYPES[query.format])
      .header('content-disposition', contentDisposition(exportFilename(table, query.format, filter)))
      .send(await exportBody(table, query.format, filter, exportLang(request)));
  }
  if (query.format !== 'json' && String(request.headers.accept ?? '').includes(ARROW_STREAM)) {
    return reply.header('content-type', ARROW_STREAM).send(Buffer.from(tableToArrow(table)));
  }
  return reply.type('application/json; charset=utf-8').send(jsonOf(reply, table));
}

/** Each table's JSON by its route's response schema, kept with the table: a cached table is written out once, not per request. */
const serialized = new WeakMap<MetricTable, string>();

function jsonOf(reply: FastifyReply, table: MetricTable): string {
  let json = serialized.get(table);
  if (json === undefined) {
    json = String(reply.serialize(table));
    serialized.set(table, json);
  }
  return json;
}
