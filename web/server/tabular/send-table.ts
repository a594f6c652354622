// Answers a metric route with its MetricTable in the format asked for: JSON by default, an Arrow
// IPC stream for `Accept: application/vnd.apache.arrow.stream`, CSV or XLSX downloads for ?format=.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MetricTable } from '../../../warehouse/metrics/table.ts';
import { ForbiddenError } from '../auth/forbidden-error.ts';
import type { Role } from '../auth/request-principal.ts';
import { contentDisposition, exportFilename } from './export-filename.ts';
import { tableToArrow } from './table-to-arrow.ts';
import { tableToCsv, type Lang } from './table-to-csv.ts';
import { tableToXlsx } from './table-to-xlsx.ts';

export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Roles that may download any table; planners only where the route says `config.planExport`. */
export const EXPORT_ROLES: readonly Role[] = ['admin', 'manager', 'team_lead'];

function checkExportAllowed(request: FastifyRequest, format: string): void {
  const role = request.principal?.role;
  if (role && EXPORT_ROLES.includes(role)) return;
  if (role === 'planner' && request.routeOptions.config.planExport) return;
  throw new ForbiddenError(`the ${role ?? 'anonymous'} role may not download ${format.toUpperCase()} exports of ${request.routeOptions.url ?? request.url}; ` +
    `exports need an admin, manager or team_lead token (planners may export forecasts and staffing)`);
}

export async function sendTable(request: FastifyRequest, reply: FastifyReply, table: MetricTable): Promise<FastifyReply> {
  const query = (request.query ?? {}) as { format?: string; lang?: string };
  const lang: Lang = query.lang === 'zh' ? 'zh' : 'en';
  if (query.format === 'csv' || query.format === 'xlsx') {
    checkExportAllowed(request, query.format);
    const body = query.format === 'csv' ? tableToCsv(table, lang) : await tableToXlsx(table, lang);
    return reply
      .header('content-type', query.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
      .header('content-disposition', contentDisposition(exportFilename(table, query.format)))
      .send(body);
  }
  if (query.format !== 'json' && String(request.headers.accept ?? '').includes(ARROW_STREAM)) {
    return reply.header('content-type', ARROW_STREAM).send(Buffer.from(tableToArrow(table)));
  }
  return reply.send(table);
}
