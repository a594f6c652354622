// The digest names problem types as the dashboards do (the warehouse's value labels), in its language.
import { describe, expect, it } from 'vitest';
import type { DigestData } from '../../../alerts/digest/digest-data.ts';
import { digestText } from '../../../alerts/digest/digest-text.ts';

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
