import { describe, expect, it } from 'vitest';
import { chartTable } from '../../../../../web/ui/lib/charts/chart-table.ts';
import { forecastSpec, type ForecastLabels } from '../../../../../web/ui/lib/charts/forecast.ts';

const labels: ForecastLabels = {
  time: 'Time', arrivals: 'Arrivals', history: 'Actual', p50: 'Forecast (p50)', band: 'p10-p90', peak: 'Peak', p10: 'p10', p90: 'p90', series: 'Series',
};

describe('chartTable', () => {
  it("reads a forecast chart's named datasets: history and forecast rows, the peaks not twice, extremes of the history", () => {
    const spec = forecastSpec({
      daily: true, labels,
      rows: [
        { kind: 'history', start: '2026-12-01T00:00:00+08:00', actual: 120 },
        { kind: 'history', start: '2026-12-02T00:00:00+08:00', actual: 80 },
        { kind: 'forecast', start: '2026-12-03T00:00:00+08:00', p10: 90, p50: 100, p90: 110 },
      ],
      peaks: [{ start: '2026-12-03T00:00:00+08:00', p10: 90, p50: 100, p90: 110 }],
    });
    const table = chartTable(spec, 'en');
    expect(table.columns).toEqual(['Time', 'Actual', 'p10', 'Forecast (p50)', 'p90']);
    expect(table.rows.map((r) => r[0])).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    expect(table.rows[2]).toEqual(['2026-12-03', '—', '90', '100', '110']);
    expect(table.low).toEqual({ value: '80', at: '2026-12-02' });
    expect(table.high).toEqual({ value: '120', at: '2026-12-01' });
  });

  it('shows each column with one number of decimals, in en and zh: 1.50 beside 1.25, whole numbers whole', () => {
    const spec = forecastSpec({
      daily: true, labels,
      rows: [
        { kind: 'history', start: '2026-12-01T00:00:00+08:00', actual: 120 },
        { kind: 'forecast', start: '2026-12-02T00:00:00+08:00', p10: 1.5, p50: 1_002.25, p90: 3 },
        { kind: 'forecast', start: '2026-12-03T00:00:00+08:00', p10: 1.25, p50: 1_003.2, p90: 4 },
      ],
      peaks: [],
    });
    for (const lang of ['en', 'zh'] as const) {
      expect(chartTable(spec, lang).rows.slice(1)).toEqual([
        ['2026-12-02', '—', '1.50', '1,002.25', '3'],
        ['2026-12-03', '—', '1.25', '1,003.20', '4'],
      ]);
    }
  });
});
