import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METRICS, OVERVIEW_KPIS, metricColumn } from '../../../warehouse/metrics/catalog.ts';
import { KPI_COLUMNS } from '../../../warehouse/metrics/kpis.ts';

describe('metric catalog', () => {
  it('declares each metric once with both labels, a unit and a description', () => {
    const keys = METRICS.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const m of METRICS) {
      expect(m.label.en.length * m.label.zh.length * m.description.en.length * m.description.zh.length).toBeGreaterThan(0);
    }
  });

  it('covers every overview KPI and every column of the KPI query', () => {
    const keys = new Set<string>(METRICS.map((m) => m.key));
    expect(OVERVIEW_KPIS.filter((k) => !keys.has(k))).toEqual([]);
    expect(KPI_COLUMNS.filter((k) => !keys.has(k))).toEqual([]);
    expect(metricColumn('frt_median', 'median')).toEqual({ key: 'median', label: { en: 'First response, median', zh: '首次响应时长中位数' }, unit: 'seconds' });
  });

  // Each KPI's words are written once: a per-agent column or metric takes them from the catalogue
  // (metricColumn, metricDefinition). The UI's own dictionary (web/ui/lib/i18n) is left out: it
  // titles pages and charts ("CSAT" over the CSAT trend), it does not label a measure's values.
  it('writes each KPI label, English and Chinese, only in catalog.ts', () => {
    const root = join(import.meta.dirname, '../../..');
    const sources = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' || path.endsWith(join('web', 'ui', 'lib', 'i18n')) ? [] : sources(path);
      return /\.(ts|svelte|sql)$/.test(e.name) ? [path] : [];
    });
    const files = ['warehouse', 'web', 'alerts', 'forecasting', 'cli'].flatMap((d) => sources(join(root, d)))
      .map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));
    const written = METRICS.flatMap((m) => [m.label.en, m.label.zh].map((label) => {
      const quoted = ["'", '"', '`'].map((q) => q + label.replaceAll(q, `\\${q}`) + q);
      return { label, paths: files.filter((f) => quoted.some((q) => f.text.includes(q))).map((f) => f.path) };
    }));
    expect(written.filter((w) => w.paths.join() !== 'warehouse/metrics/catalog.ts')).toEqual([]);
  });
});
