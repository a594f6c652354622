// Chart colours: readable against the page (>= 3:1), and a value's colour follows its key, not
// its position in the data or the language it is shown in.
import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { PALETTE, coloursFor, contrastRatio, withStableColours } from '../../../../../web/ui/lib/charts/palette.ts';
import { chartTable } from '../../../../../web/ui/lib/charts/chart-table.ts';

const CARD = '#ffffff';
const PAGE = '#f6f8fa';

type Painted = { encoding: { color: { scale: { domain: string[]; range: string[] } } } };
const colourOf = (spec: TopLevelSpec, value: string) => {
  const { domain, range } = (spec as unknown as Painted).encoding.color.scale;
  return range[domain.indexOf(value)];
};

describe('the chart palette', () => {
  it('has at least 3:1 contrast for every colour against the card and the page background', () => {
    for (const colour of PALETTE) {
      expect(contrastRatio(colour, CARD), colour).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(colour, PAGE), colour).toBeGreaterThanOrEqual(3);
    }
    // the measure itself: black on white is 21:1, a colour on itself 1:1
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#1f6fb4', '#1f6fb4')).toBe(1);
  });

  it('gives a key the same colour whatever else the chart shows, and two keys of one chart different colours', () => {
    const alone = coloursFor(['team:returns'])[0];
    const withOthers = coloursFor(['team:logistics', 'team:presales', 'team:returns', 'team:install'])[2];
    expect(withOthers).toBe(alone);
    const many = coloursFor(PALETTE.map((_, i) => `k${i}`));
    expect(new Set(many).size).toBe(PALETTE.length);
  });

  it('colours a value by its key in every language and order', () => {
    const spec = (rows: { category: string; value: number; group: string }[]) => ({
      data: { values: rows }, mark: 'bar',
      encoding: { y: { field: 'category', type: 'nominal' }, x: { field: 'value', type: 'quantitative' }, color: { field: 'group', type: 'nominal' } },
    }) as TopLevelSpec;
    const ids: Record<string, string> = { Returns: 'team:returns', 退换货: 'team:returns', Logistics: 'team:logistics', 物流: 'team:logistics' };
    const keyOf = (v: string) => ids[v] ?? v;
    const en = withStableColours(spec([{ category: 'a', value: 1, group: 'Returns' }, { category: 'b', value: 2, group: 'Logistics' }]), keyOf);
    const zh = withStableColours(spec([{ category: 'b', value: 2, group: '物流' }, { category: 'a', value: 1, group: '退换货' }]), keyOf);
    expect(colourOf(zh, '退换货')).toBe(colourOf(en, 'Returns'));
    expect(colourOf(zh, '物流')).toBe(colourOf(en, 'Logistics'));
    expect(colourOf(en, 'Returns')).not.toBe(colourOf(en, 'Logistics'));
  });

  it('leaves a colour channel with a range of its own alone', () => {
    const spec = { data: { values: [{ g: 'yes' }] }, mark: 'bar', encoding: { color: { field: 'g', type: 'nominal', scale: { domain: ['no', 'yes'], range: ['#4c78a8', '#c92a3a'] } } } } as TopLevelSpec;
    expect(colourOf(withStableColours(spec), 'yes')).toBe('#c92a3a');
  });
});

describe('a chart as words and a table', () => {
  it('lists the rows as the tooltip shows them and names the lowest and highest value', () => {
    const spec = {
      data: { values: [{ team: 'Returns', csat: 0.8 }, { team: 'Logistics', csat: 0.65 }, { team: 'Install', csat: 0.9 }] },
      mark: 'bar',
      encoding: { tooltip: [{ field: 'team', type: 'nominal', title: '团队' }, { field: 'csat', type: 'quantitative', title: '满意度', format: '.1%' }] },
    } as TopLevelSpec;
    const table = chartTable(spec, 'zh');
    expect(table.columns).toEqual(['团队', '满意度']);
    expect(table.rows).toEqual([['Returns', '80.0%'], ['Logistics', '65.0%'], ['Install', '90.0%']]);
    expect(table.low).toEqual({ value: '65.0%', at: 'Logistics' });
    expect(table.high).toEqual({ value: '90.0%', at: 'Install' });
  });
});
