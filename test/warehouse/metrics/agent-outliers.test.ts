// The outlier rule on values worked out by hand: each agent against their own team's median and
// robust scale (1.4826 x MAD), beyond |z| 3.5, only values resting on enough work, teams of 5 or more.
import { describe, expect, it } from 'vitest';
import { outlierLabel, outlierSides, outlierTone } from '../../../warehouse/metrics/agent-outliers.ts';

describe('outlierSides', () => {
  it('judges each agent against their own team, not against everybody', () => {
    // support: median 12.5, |deviations| 0.5 0.5 1.5 1.5 2.5 27.5 -> MAD 1.5, scale 2.224: 40 is z 12.4 (high), 10 is z -1.1.
    // billing: median 40, |deviations| 0 0 0 1 1 15 -> MAD 0.5, scale 0.741: 40 is z 0 there; 25 is z -20 (low).
    const values = [10, 11, 12, 13, 14, 40, 39, 40, 40, 41, 40, 25];
    const teams = ['support', 'support', 'support', 'support', 'support', 'support', 'billing', 'billing', 'billing', 'billing', 'billing', 'billing'];
    expect(outlierSides(values, teams)).toEqual([null, null, null, null, null, 'high', null, null, null, null, null, 'low']);
    // pooled (median 32, MAD 8.5, scale 12.6) nobody is: the team view is what finds them
    expect(outlierSides(values)).toEqual(values.map(() => null));
  });

  it('marks a rate far below the team (CSAT 20% among 80-90%)', () => {
    // median 0.85, |deviations| 0 .03 .05 .05 .65 -> MAD 0.05, scale 0.0741: 0.2 is z -8.8
    expect(outlierSides([0.9, 0.8, 0.85, 0.2, 0.88], ['q', 'q', 'q', 'q', 'q'])).toEqual([null, null, null, 'low', null]);
  });

  it('falls back on the mean absolute deviation when most values are equal', () => {
    // median 0, MAD 0; mean |deviation| 1/6 -> scale 0.209: 1 is z 4.8
    expect(outlierSides([0, 0, 0, 0, 1, 0])).toEqual([null, null, null, null, 'high', null]);
    expect(outlierSides([0, 0, 0, 0, 0])).toEqual([null, null, null, null, null]);
  });

  it('leaves out values resting on too little work, and teams with fewer than five counted agents', () => {
    const counted = [true, true, true, true, false];
    expect(outlierSides([10, 11, 12, 13, 400], ['t', 't', 't', 't', 't'], counted)).toEqual([null, null, null, null, null]);
    expect(outlierSides([10, 11, 12, 400, null], ['t', 't', 't', 't', 't'])).toEqual([null, null, null, null, null]); // 4 values
  });
});

describe('outlierTone and outlierLabel', () => {
  it('says good or bad by the metric\'s direction, neither for workload', () => {
    expect(outlierTone('high', true)).toBe('good'); // CSAT far above
    expect(outlierTone('low', true)).toBe('bad');
    expect(outlierTone('high', false)).toBe('bad'); // first response far above
    expect(outlierTone('low', false)).toBe('good');
    expect(outlierTone('high', null)).toBe('neutral'); // tickets assigned
    expect(outlierTone(null, true)).toBeNull();
    expect(outlierLabel('low', 'good')).toEqual({ en: 'better than the team: far below the team\'s agents', zh: '优于团队：明显低于本团队其他客服' });
  });
});
