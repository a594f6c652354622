// The scheduled reports on the Alerts page in words, en and zh: who a digest is for, its language and
// each delivery with the day it reports on.
import { describe, expect, it } from 'vitest';
import { languageText, nextRunText, reportDeliveryText, scheduleText, scopeText } from '../../../web/ui/routes/alerts/report-text.ts';

const names: Record<string, { en: string; zh: string }> = { returns: { en: 'Returns & exchanges', zh: '售后退换货' }, logistics: { en: 'Logistics', zh: '物流查询' } };

describe('report text', () => {
  it('words the scope, schedule, language and deliveries in the page language', () => {
    const lead = { role: 'team_lead', teams: ['returns', 'logistics'] };
    expect(scopeText(lead, 'en', (_d, v) => names[v]!.en)).toBe('Team lead of Returns & exchanges, Logistics');
    expect(scopeText(lead, 'zh', (_d, v) => names[v]!.zh)).toBe('售后退换货、物流查询 组长');
    expect(scopeText({ role: 'manager', teams: [] }, 'zh', (_d, v) => v)).toBe('经理（全部团队）');
    expect(scheduleText({ schedule: '30 8 * * *', timezone: 'Asia/Shanghai' })).toBe('30 8 * * * (Asia/Shanghai)');
    expect([languageText('zh', 'en'), languageText('en', 'zh')]).toEqual(['in Chinese', '英文']);
    const failed = { day: '2026-12-01', target: 'dead', at: '2026-12-02T00:30:01Z', attempts: 3, outcome: 'failed' as const, why: 'HTTP 500' };
    expect(reportDeliveryText(failed, 'en')).toBe('digest of 2026-12-01 · dead: failed after 3 attempts: HTTP 500');
    expect(reportDeliveryText({ ...failed, outcome: 'sent', attempts: 1, why: null }, 'zh')).toMatch(/^2026-12-01 日报 · dead/);
  });

  it('gives the next run in the schedule\'s zone, whatever the browser\'s', () => {
    // 00:30 UTC is 08:30 in Shanghai: the hour the cron "30 8 * * *" names.
    expect(nextRunText({ next_run_at: '2026-12-04T00:30:00.000Z', timezone: 'Asia/Shanghai' })).toBe('2026-12-04 08:30');
    expect(nextRunText({ next_run_at: '2026-12-04T00:30:00.000Z', timezone: 'UTC' })).toBe('2026-12-04 00:30');
    expect(nextRunText({ next_run_at: null, timezone: 'UTC' })).toBe('—');
  });
});
