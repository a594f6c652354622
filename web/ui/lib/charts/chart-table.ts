// The words and the table behind a chart, for readers who cannot see it (and for anyone who
// wants the numbers): the rows of the spec's data as its tooltip shows them, and a one-sentence
// summary (how many points, the lowest and the highest value and where). Pure, from the spec alone.
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../i18n/translate.ts';
// kept formatters: toLocaleString per value was 0.5 s for the forecast page's six charts of ~1,000 periods
import { columnDecimals, numberFormat } from '../../../../warehouse/metrics/format-value.ts';

interface Field { field: string; title: string; type: string; format?: string }
type Row = Record<string, unknown>;
interface Node { data?: { values?: Row[]; name?: string }; datasets?: Record<string, Row[]>; encoding?: Record<string, unknown>; layer?: Node[] }

export interface ChartTable {
  columns: string[];
  rows: string[][];
  /** The extremes of the first quantitative field, with the row's other fields naming where. */
  low: { value: string; at: string } | null;
  high: { value: string; at: string } | null;
}

function tooltipFields(node: Node): Field[] | null {
  const tooltip = node.encoding?.tooltip;
  if (Array.isArray(tooltip)) return tooltip as Field[];
  for (const layer of node.layer ?? []) {
    const found = tooltipFields(layer);
    if (found) return found;
  }
  return null;
}

/** Fields of the x, y and colour channels when the spec has no tooltip list. */
function channelFields(node: Node): Field[] {
  const fields: Field[] = [];
  for (const channel of ['y', 'x', 'color']) {
    const def = node.encoding?.[channel] as { field?: string; title?: string; type?: string } | undefined;
    if (def?.field && !fields.some((f) => f.field === def.field)) fields.push({ field: def.field, title: def.title ?? def.field, type: def.type ?? 'nominal' });
  }
  return fields;
}

/**
 * A value as the chart's tooltip shows it (d3 formats: '%' as a percentage, else grouped digits);
 * `decimals`: its column's in the table (columnDecimals), else up to two.
 */
export function formatChartValue(value: unknown, field: Field, lang: Lang, decimals?: number): string {
  if (typeof value !== 'number') return value === null || value === undefined ? '—' : String(value);
  if (field.format?.endsWith('%')) return `${(value * 100).toFixed(1)}%`;
  if (field.format === ',d') return numberFormat(lang, 0).format(value);
  return decimals === undefined ? numberFormat(lang, 2).format(value) : numberFormat(lang, decimals, true).format(value);
}

/**
 * A spec whose layers draw named datasets (the forecast: history, then forecast): the fields of
 * every layer's tooltip, and the rows of each tooltip's dataset once, in the order drawn.
 */
function namedDatasets(root: Node & { datasets: Record<string, Row[]> }): { fields: Field[]; values: Row[] } {
  const fields: Field[] = [];
  const names: string[] = [];
  for (const layer of root.layer ?? []) {
    const tooltip = layer.encoding?.tooltip;
    const name = layer.data?.name;
    if (!Array.isArray(tooltip) || !name) continue;
    for (const f of tooltip as Field[]) if (!fields.some((known) => known.field === f.field)) fields.push(f);
    if (!names.includes(name)) names.push(name);
  }
  // A dataset that only repeats rows of an earlier one (the forecast's peaks) adds none.
  const seen = new Set<string>();
  const values = names.flatMap((name) => root.datasets[name] ?? []).filter((row) => {
    const key = JSON.stringify(fields.map((f) => row[f.field] ?? null));
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return { fields, values };
}

export function chartTable(spec: TopLevelSpec, lang: Lang): ChartTable {
  const root = spec as Node;
  const { values, fields } = root.datasets
    ? namedDatasets(root as Node & { datasets: Record<string, Row[]> })
    : { values: root.data?.values ?? root.layer?.find((l) => l.data?.values)?.data?.values ?? [], fields: tooltipFields(root) ?? channelFields(root) };
  // one number of decimals per column, as the dashboards' tables show them
  const decimals = fields.map((f) => columnDecimals(values.map((row) => (typeof row[f.field] === 'number' ? row[f.field] as number : null))));
  const rows = values.map((row) => fields.map((f, i) => formatChartValue(row[f.field], f, lang, decimals[i])));
  const measure = fields.find((f) => f.type === 'quantitative');
  const labels = fields.filter((f) => f.type !== 'quantitative');
  let low: ChartTable['low'] = null;
  let high: ChartTable['high'] = null;
  if (measure) {
    const numeric = values.filter((row) => typeof row[measure.field] === 'number');
    const at = (row: Record<string, unknown>) => labels.map((f) => formatChartValue(row[f.field], f, lang)).join(' · ');
    const pickBy = (better: (a: number, b: number) => boolean) => numeric.reduce<Record<string, unknown> | null>(
      (best, row) => (best === null || better(row[measure.field] as number, best[measure.field] as number) ? row : best), null);
    const [min, max] = [pickBy((a, b) => a < b), pickBy((a, b) => a > b)];
    if (min) low = { value: formatChartValue(min[measure.field], measure, lang), at: at(min) };
    if (max) high = { value: formatChartValue(max[measure.field], measure, lang), at: at(max) };
  }
  return { columns: fields.map((f) => f.title), rows, low, high };
}
