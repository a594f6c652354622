// The forecast chart's colours (issue 18 item 17): every colour it draws a mark in has >= 3:1
// against the card and the page; the p10-p90 band's fill is a lighter tint, so its edges are dashed lines.
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../../../../web/ui/lib/charts/palette.ts';
import { FORECAST_COLOURS, forecastSpec } from '../../../../../web/ui/lib/charts/forecast.ts';

const labels = { time: 'Time', arrivals: 'Arrivals', history: 'History', p50: 'Forecast p50', band: 'p10-p90', peak: 'Peak', p10: 'p10', p90: 'p90', series: 'Series' };
const rows = [
  { kind: 'forecast', start: '2026-12-04T09:00:00+08:00', p10: 8, p50: 10, p90: 13 },
  { kind: 'forecast', start: '2026-12-04T10:00:00+08:00', p10: 9, p50: 12, p90: 16 },
];

type Layer = {
  data?: { name?: string }; mark: { type: string; stroke?: string; strokeDash?: number[]; fillOpacity?: number };
  encoding: { y?: { field?: string }; y2?: { field?: string }; color?: { scale: { domain: string[]; range: string[] } } };
};

describe('the forecast chart colours', () => {
  it('has >= 3:1 against the card (#fff) and the page (#f6f8fa) for history, p50, band and peaks', () => {
    for (const colour of FORECAST_COLOURS) {
      expect(contrastRatio(colour, '#ffffff'), colour).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(colour, '#f6f8fa'), colour).toBeGreaterThanOrEqual(3);
    }
  });

  it('outlines the band from p10 to p90 with dashed edges in the band\'s colour, its fill a tint', () => {
    const spec = forecastSpec({ rows, peaks: [], daily: false, labels }) as unknown as { layer: Layer[] };
    const area = spec.layer.find((l) => l.mark.type === 'area')!;
    expect([area.encoding.y?.field, area.encoding.y2?.field]).toEqual(['p10', 'p90']);
    const { domain, range } = area.encoding.color!.scale;
    expect(range).toEqual([...FORECAST_COLOURS]);
    const bandColour = range[domain.indexOf(labels.band)]!;
    expect(contrastRatio(bandColour, '#f6f8fa')).toBeGreaterThanOrEqual(3);
    // The edges (the area's outline) in the full colour, dashed; the fill lighter.
    expect(area.mark.stroke).toBe(bandColour);
    expect(area.mark.strokeDash?.length).toBeGreaterThan(0);
    expect(area.mark.fillOpacity).toBeLessThan(1);
    // The legend draws each series' symbol at full strength, not at the band fill's 20%.
    expect((area.encoding.color as unknown as { legend: { symbolOpacity?: number } }).legend.symbolOpacity).toBe(1);
  });
});
