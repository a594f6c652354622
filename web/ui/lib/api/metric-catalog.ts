// The /api/metrics catalog as a lookup by metric key. The answer is read as a list of metric
// definitions, either bare, under "metrics", or as MetricTable rows.
import type { ColumnUnit, Label, MetricInfo } from './types.ts';

const UNITS: readonly ColumnUnit[] = ['text', 'date', 'timestamp', 'count', 'seconds', 'ratio', 'rating', 'number'];

function isLabel(value: unknown): value is Label {
  return typeof value === 'object' && value !== null && typeof (value as Label).en === 'string' && typeof (value as Label).zh === 'string';
}

function toInfo(item: unknown): MetricInfo | null {
  if (typeof item !== 'object' || item === null) return null;
  const r = item as Record<string, unknown>;
  const label = isLabel(r.label) ? r.label
    : typeof r.label_en === 'string' ? { en: r.label_en, zh: typeof r.label_zh === 'string' ? r.label_zh : r.label_en } : null;
  const key = typeof r.key === 'string' ? r.key : typeof r.metric === 'string' ? r.metric : null;
  if (!key || !label || !UNITS.includes(r.unit as ColumnUnit)) return null;
  const better = r.higherIsBetter ?? r.higher_is_better;
  return { key, label, unit: r.unit as ColumnUnit, higherIsBetter: typeof better === 'boolean' ? better : null,
    description: isLabel(r.description) ? r.description : typeof r.description === 'string' ? { en: r.description, zh: r.description } : { en: '', zh: '' } };
}

export function readCatalog(body: unknown): Map<string, MetricInfo> {
  const list = Array.isArray(body) ? body
    : typeof body === 'object' && body !== null
      ? ((body as { metrics?: unknown }).metrics ?? (body as { rows?: unknown }).rows) : null;
  const entries = (Array.isArray(list) ? list : []).map(toInfo).filter((m): m is MetricInfo => m !== null);
  return new Map(entries.map((m) => [m.key, m]));
}
