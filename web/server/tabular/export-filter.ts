// What an export holds, in words the file carries (a CSV's last rows, an XLSX's "Filter" sheet, an
// NDJSON's first line, Arrow schema metadata): the period and zone, the clock, every filter and sort
// of the request, a team lead's teams, and, once written, how many rows the file has.
import type { FastifyRequest } from 'fastify';
import type { Label, MetricTable } from '../../../warehouse/metrics/table.ts';

/** Query fields that shape the file, not the rows it holds. */
const NOT_FILTERS = new Set(['format', 'lang', 'page', 'page_size', 'from', 'to', 'tz']);

export interface ExportFilter {
  period: MetricTable['period'];
  clock: MetricTable['clock'];
  /** Every other query field as given (dimension filters, sort, order, run, status, ...), plus route params. */
  fields: Record<string, string[]>;
  /** A team lead's teams: what the rows are limited to whatever the filter says. */
  scopeTeams: string[] | null;
}

export function exportFilter(request: FastifyRequest, table: Pick<MetricTable, 'period' | 'clock'>): ExportFilter {
  const fields: Record<string, string[]> = {};
  for (const [key, value] of Object.entries((request.params ?? {}) as Record<string, unknown>)) fields[key] = [String(value)];
  for (const [key, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    if (NOT_FILTERS.has(key) || value === undefined || value === null) continue;
    fields[key] = (Array.isArray(value) ? value : [value]).map(String);
  }
  const principal = request.principal;
  return {
    period: table.period, clock: table.clock, fields,
    scopeTeams: principal?.role === 'team_lead' ? (principal.teams ?? []) : null,
  };
}

/** One sentence per language, e.g. "Filter: 2026-11-01 to 2026-11-30 (Europe/Berlin), business hours; team = t1, t2". */
export function filterSentence(filter: ExportFilter): Label {
  const { period } = filter;
  const fields = Object.entries(filter.fields).map(([key, values]) => `${key} = ${values.join(', ')}`);
  const scope = filter.scopeTeams ? [filter.scopeTeams.join(', ')] : [];
  return {
    en: [`Filter: ${period.from} to ${period.to} (${period.timezone}), ${filter.clock === 'business' ? 'business hours' : 'calendar time'}`,
      ...fields, ...scope.map((t) => `limited to your teams: ${t}`)].join('; '),
    zh: [`筛选：${period.from} 至 ${period.to}（${period.timezone}），${filter.clock === 'business' ? '营业时间' : '自然时间'}`,
      ...fields, ...scope.map((t) => `仅限您的团队：${t}`)].join('；'),
  };
}

/** The last line of a complete file: a file cut short lacks it. */
export function rowsSentence(rows: number): Label {
  return { en: `Rows: ${rows} (complete)`, zh: `行数：${rows}（完整）` };
}
