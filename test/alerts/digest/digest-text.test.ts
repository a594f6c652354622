// The digest names problem types as the dashboards do (the warehouse's value labels), in its language.
import { describe, expect, it } from 'vitest';
import type { DigestData } from '../../../alerts/digest/digest-data.ts';
import { digestText, kpiLine } from '../../../alerts/digest/digest-text.ts';
import { compare } from '../../../warehouse/metrics/compare.ts';
import { formatDelta } from '../../../warehouse/metrics/format-value.ts';

const data: DigestData = {
  day: '2026-09-01', previousDay: '2026-08-25', timezone: 'Asia/Shanghai', teams: null, kpis: [], outOfLine: [], breaching: 0,
  growing: [{ problem_type: 'refund_delay', tickets: 40, expected: 12, vs_expected: 3.3 }, { problem_type: 'unnamed_type', tickets: 9, expected: 3, vs_expected: 3 }],
  lowRatings: [], lowRatingsTotal: 0, volume: [],
};
const labels = [{ dimension: 'problem_type', value: 'refund_delay', en: 'Refund delayed', zh: '退款延迟' }];

describe('digestText', () => {
  it('lists growing problem types by their names in the digest language (an unnamed one as its id)', () => {
    const zh = digestText(data, 'zh', [], 'http://x/', labels);
    expect(zh.text).toContain('退款延迟：40 张');
    expect(zh.html).toContain('退款延迟');
    expect(zh.text).not.toContain('refund_delay');
    expect(zh.text).toContain('unnamed_type：9 张');
    expect(digestText(data, 'en', [], 'http://x/', labels).text).toContain('Refund delayed: 40 tickets');
  });
});

describe('the digest words changes as the Overview does', () => {
  const sla = { metric: 'sla_frt' as const, ...compare(0.82, 0.8) };
  const volume = { metric: 'volume' as const, ...compare(412, 398) };

  it('a rate (SLA, CSAT) changes by percentage points, not by a relative %', () => {
    expect(kpiLine(sla, 'en')).toMatch(/82\.0% \(Week before 80\.0%, \+2\.0 pp\)$/);
    expect(kpiLine(sla, 'en')).not.toContain('2.5%');
    expect(kpiLine(sla, 'zh')).toMatch(/82\.0% \(上周同日 80\.0%, \+2\.0 个百分点\)$/);
    expect(kpiLine({ metric: 'csat', ...compare(0.7, 0.75) }, 'en')).toContain('−5.0 pp');
  });

  it('a count changes by a relative %; the html table says the same as the text', () => {
    expect(kpiLine(volume, 'en')).toBe('Tickets created: 412 (Week before 398, +3.5%)');
    const html = digestText({ ...data, kpis: [sla, volume] }, 'en', [], 'http://x/', labels).html;
    expect(html).toContain('+2.0 pp');
    expect(html).toContain('+3.5%');
  });

  it('is the Overview\'s formatter (one definition): every headline unit', () => {
    for (const [metric, value, previous] of [['frt_median', 5400, 3600], ['backlog', 30, 40], ['sla_resolution', 0.9, 0.95]] as const) {
      const k = { metric, ...compare(value, previous) };
      const unit = metric === 'frt_median' ? 'seconds' : metric === 'backlog' ? 'count' : 'ratio';
      for (const lang of ['en', 'zh'] as const) expect(kpiLine(k, lang).endsWith(`${formatDelta(k.delta, k.delta_pct, unit, lang)})`)).toBe(true);
    }
  });
});
