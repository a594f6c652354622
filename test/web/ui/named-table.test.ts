import { describe, expect, it } from 'vitest';
import { namedTable } from '../../../web/ui/lib/api/named-table.ts';
import { slaTerm } from '../../../web/ui/lib/i18n/ticket-terms.ts';
import type { MetricTable } from '../../../warehouse/metrics/table.ts';

const table = (columns: string[], rows: MetricTable['rows']): MetricTable => ({
  name: 't', period: { from: '2026-01-01', to: '2026-01-01', timezone: 'UTC' }, previous: null, clock: 'calendar',
  columns: columns.map((key) => ({ key, label: { en: key, zh: key }, unit: 'text' })), rows,
});
const NAMES: Record<string, Record<string, string>> = { team: { returns: '退换货组' }, region: { east: '华东' } };
const name = (d: string, v: string) => NAMES[d]?.[v] ?? v;

describe('namedTable', () => {
  it('names ids in dimension columns and leaves ids of agents and tickets, numbers and unknown ids alone', () => {
    const t = table(['team', 'agent', 'ticket_id', 'tickets'], [
      { team: 'returns', agent: 'returns', ticket_id: 'returns', tickets: 3 },
      { team: 'nowhere', agent: 'A1', ticket_id: 'T1', tickets: 1 },
      { team: null, agent: null, ticket_id: 'T2', tickets: 0 },
    ]);
    expect(namedTable(t, name).rows).toEqual([
      { team: '退换货组', agent: 'returns', ticket_id: 'returns', tickets: 3 },
      { team: 'nowhere', agent: 'A1', ticket_id: 'T1', tickets: 1 },
      { team: null, agent: null, ticket_id: 'T2', tickets: 0 },
    ]);
    expect(t.rows[0]!.team).toBe('returns');
  });

  it('names a value column only when told which dimension it holds', () => {
    const t = table(['value', 'csat'], [{ value: 'east', csat: 0.9 }]);
    expect(namedTable(t, name).rows[0]!.value).toBe('east');
    expect(namedTable(t, name, 'region').rows[0]!.value).toBe('华东');
  });

  it("names an SLA's kind and clock (the breaching tables), not raw codes", () => {
    const t = table(['ticket_id', 'sla', 'clock'], [{ ticket_id: 'T1', sla: 'resolution', clock: 'calendar' }, { ticket_id: 'T2', sla: 'first_response', clock: 'business' }]);
    const zh = (d: string, v: string) => slaTerm(d, v, 'zh') ?? v;
    expect(namedTable(t, zh).rows).toEqual([
      { ticket_id: 'T1', sla: '解决', clock: '自然时间' },
      { ticket_id: 'T2', sla: '首次响应', clock: '工作时间' },
    ]);
    expect(slaTerm('sla', 'resolution', 'en')).toBe('Resolution');
    expect(slaTerm('team', 'resolution', 'en')).toBeNull();
  });
});
