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
});
