// The Alerts page's words: how far out of line, the group by name, deliveries and the tickets link, in en and zh.
import { describe, expect, it } from 'vitest';
import { deliveryText, eventText, groupText, historyAlertName, kindText, localTime, outOfLine, ruleWatch, ticketsHref } from '../../../web/ui/routes/alerts/alert-text.ts';
import type { MetricInfo } from '../../../web/ui/lib/api/types.ts';

const metrics = new Map<string, MetricInfo>([
  ['sla_frt', { key: 'sla_frt', label: { en: 'SLA first response', zh: '首次响应达标率' }, unit: 'ratio', higherIsBetter: true }],
  ['volume', { key: 'volume', label: { en: 'Tickets created', zh: '新建工单' }, unit: 'count', higherIsBetter: null }],
]);
const metricOf = (k: string) => metrics.get(k);
const nameOf = (d: string, v: string) => (d === 'product' && v === 'laptop' ? 'Laptop' : v);

describe('alert text', () => {
  it('an anomaly: observed against expected and how many times the usual', () => {
    const alert = { kind: 'anomaly', title: '', detail: { group: { product: 'laptop' }, observed: 12, expected: 1.5 } };
    expect(outOfLine(alert, 'en', metricOf, 7200)).toBe('12 tickets in the last 2h 00m, 1.5 expected: 8.0× the usual for this weekday and hour');
    expect(outOfLine(alert, 'zh', metricOf, 7200)).toBe('近 2小时00分 共 12 张工单，预期 1.5 张：是该星期几、该时段常态的 8.0 倍');
    expect(groupText(alert, 'en', nameOf)).toBe('Product: Laptop');
    expect(groupText(alert, 'zh', nameOf)).toBe('产品：Laptop');
    expect(groupText({ detail: { group: {} } }, 'zh', nameOf)).toBe('全部工单');
  });

  it('a history row names its alert: the rule and the group by name, not the engine\'s key', () => {
    const names = (d: string, v: string) => ({ team: { logistics: 'Logistics' }, product: { laptop: 'Laptop' } } as Record<string, Record<string, string>>)[d]?.[v] ?? v;
    expect(historyAlertName('frt-sla-low:team=logistics', 'en', names)).toEqual({ rule: 'frt-sla-low', group: 'Team: Logistics' });
    expect(historyAlertName('frt-sla-low:team=logistics', 'zh', names)).toEqual({ rule: 'frt-sla-low', group: '团队：Logistics' });
    expect(historyAlertName('spike:product=laptop,region=(none)', 'en', names)).toEqual({ rule: 'spike', group: 'Product: Laptop, Region: —' });
    expect(historyAlertName('urgent-breaching', 'zh', names)).toEqual({ rule: 'urgent-breaching', group: null }); // a rule without by: is its own alert
  });

  it('a threshold: the KPI by the catalogue\'s unit against its bound', () => {
    const alert = { kind: 'threshold', title: '', detail: { metric: 'sla_frt', value: 0.625, below: 0.8, above: null, volume: 16 } };
    expect(outOfLine(alert, 'en', metricOf, 3600)).toBe('SLA first response 62.5% over the last 1h 00m, below 80.0% (16 tickets)');
    expect(outOfLine(alert, 'zh', metricOf, 3600)).toBe('近 1小时00分 首次响应达标率 为 62.5%，低于 80.0%（16 张工单）');
  });

  it('breaching: the tickets about to pass and the soonest', () => {
    const detail = { tickets: [{ ticket_id: 'U-1', remaining_seconds: 540 }, { ticket_id: 'U-1', remaining_seconds: 3000 }, { ticket_id: 'U-2', remaining_seconds: 1200 }] };
    expect(outOfLine({ kind: 'breaching', detail, title: '' }, 'en', metricOf, null)).toBe('2 open tickets will pass an SLA target soon, the first in 9m');
  });

  it('step: the tickets over their step limit and the longest overrun', () => {
    const detail = { tickets: [{ ticket_id: 'S-1', spent_seconds: 30_000, limit_seconds: 28_800 }, { ticket_id: 'S-2', spent_seconds: 90_000, limit_seconds: 86_400 }] };
    expect(outOfLine({ kind: 'step', detail, title: '' }, 'en', metricOf, null)).toBe('2 open tickets are over their step limit, the longest by 1h 00m');
    expect(outOfLine({ kind: 'step', detail, title: '' }, 'zh', metricOf, null)).toBe('2 张未结工单超出环节时限，最久的超出 1小时00分');
    expect(kindText('step', 'zh')).toBe('环节超时');
  });

  it('a kind or event the page does not know yet shows as the engine wrote it (no missing text, no crash)', () => {
    expect(outOfLine({ kind: 'propose', detail: {}, title: 'propose: route laptops' }, 'zh', metricOf, null)).toBe('propose: route laptops');
    expect(kindText('propose', 'zh')).toBe('propose');
    expect(kindText('anomaly', 'zh')).toBe('风险预警');
    expect(eventText('proposed', 'en')).toBe('proposed');
    expect(eventText('escalated', 'zh')).toBe('升级');
  });

  it('deliveries: sent, sent after retries, failed with why', () => {
    expect(deliveryText({ target: 'ops', at: '', attempts: 1, outcome: 'sent', why: null }, 'en')).toBe('ops: sent');
    expect(deliveryText({ target: 'ops', at: '', attempts: 2, outcome: 'sent', why: 'HTTP 500' }, 'zh')).toBe('ops：第 2 次发送成功（上次失败：HTTP 500）');
    expect(deliveryText({ target: 'boss', at: '', attempts: 3, outcome: 'failed', why: 'ECONNREFUSED' }, 'en')).toBe('boss: failed after 3 attempts: ECONNREFUSED');
  });

  it('the tickets link and a rule\'s watch', () => {
    expect(ticketsHref({ problem_type: ['complaint'], product: ['laptop'], from: ['2026-09-01'], to: ['2026-09-01'] }))
      .toBe('/tickets?problem_type=complaint&product=laptop&from=2026-09-01&to=2026-09-01');
    const rule = { id: 'spike', kind: 'anomaly', notify: ['ops'], metric: 'volume', window_seconds: 7200, by: ['product'], filter: { problem_type: ['complaint'] },
      evaluated_at: null, firing: null, error: null, next_run_at: null };
    expect(ruleWatch(rule, 'en', metricOf, nameOf)).toBe('Tickets created over 2h 00m, per Product, Problem type: complaint');
    expect(ruleWatch(rule, 'zh', metricOf, nameOf)).toBe('新建工单（2小时00分 窗口），按产品分组，问题类型：complaint');
    expect(localTime('2026-09-01T08:00:00Z', 'Asia/Shanghai')).toBe('2026-09-01 16:00');
  });
});
