// A trend's y axis names its measure and the unit it is drawn in, in the UI language: never "Value".
import { describe, expect, it } from 'vitest';
import { axisTitle, measureOf } from '../../../../../web/ui/lib/charts/axis-title.ts';
import { trendSpec } from '../../../../../web/ui/lib/charts/trend.ts';

describe('axis titles', () => {
  it('adds the plotted unit to the measure in each language; counts need none', () => {
    expect(axisTitle('First response time', 'seconds', 'en')).toBe('First response time (hours)');
    expect(axisTitle('首次响应时长', 'seconds', 'zh')).toBe('首次响应时长（小时）');
    expect(axisTitle('SLA attainment', 'ratio', 'en')).toBe('SLA attainment (%)');
    expect(axisTitle('满意度', 'ratio', 'zh')).toBe('满意度（%）');
    expect(axisTitle('Mean rating', 'rating', 'en')).toBe('Mean rating (1–5)');
    expect(axisTitle('Tickets', 'count', 'en')).toBe('Tickets');
  });

  it('names a chart by its one series, or by the word it passes', () => {
    expect(measureOf(['CSAT'], undefined, 'en')).toBe('CSAT');
    expect(measureOf(['First response, median', 'First response, p90'], 'First response time', 'en')).toBe('First response time');
    expect(measureOf(['A', 'B'], undefined, 'zh')).toBe('A、B');
  });

  it('titles the drawn y axis and the tooltip with it', () => {
    const yTitle = axisTitle('Resolution time', 'seconds', 'en');
    const spec = trendSpec({ points: [{ x: '2026-11-02', series: 'Median', value: 2 }], unit: 'seconds', grain: 'day',
      xTitle: 'Date', yTitle, seriesTitle: 'Series' }) as unknown as { layer?: unknown[]; encoding?: unknown };
    const text = JSON.stringify(spec);
    expect(text).toContain('"title":"Resolution time (hours)"');
    expect(text).not.toContain('"title":"Value"');
  });
});
