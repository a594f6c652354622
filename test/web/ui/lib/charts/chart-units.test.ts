// @ts-expect-error -- d3-format (the formatter vega's axes use) ships no type declarations
import { format as untypedFormat } from 'd3-format';
import { describe, expect, it } from 'vitest';
import { axisFormat } from '../../../../../web/ui/lib/charts/chart-units.ts';

// The percentage axis reads the ticks vega draws: decimals follow the data's range.
const format = untypedFormat as (specifier: string) => (n: number) => string;
const ticks = (values: number[], at: number[]) => at.map(format(axisFormat('ratio', values)));

describe('axisFormat', () => {
  it('gives a rate under 1% the decimals its ticks need, instead of 0% at every tick', () => {
    expect(ticks([0.002, 0.008], [0, 0.002, 0.004, 0.006, 0.008])).toEqual(['0%', '0.2%', '0.4%', '0.6%', '0.8%']);
    expect(ticks([0.0004], [0.0001, 0.0002])).toEqual(['0.01%', '0.02%']);
  });

  it('keeps whole percentages for rates of tens of percent, and for no data', () => {
    expect(ticks([0.3, 0.95], [0, 0.2, 0.4, 1])).toEqual(['0%', '20%', '40%', '100%']);
    expect(ticks([0.05], [0.01, 0.02])).toEqual(['1%', '2%']);
    expect(axisFormat('ratio', [])).toBe('.0%');
  });

  it('leaves counts and other units alone', () => {
    expect(axisFormat('count', [0.5])).toBe(',d');
    expect(axisFormat('seconds', [0.5])).toBe('~s');
  });
});
