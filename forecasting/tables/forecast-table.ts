// A forecast as a MetricTable: per queue, the recent history (actual arrivals) then the forecast
// periods with p10/p50/p90, so one chart or one CSV shows both sides of the origin.
import type { Column, MetricTable } from '../../warehouse/metrics/table.ts';
import type { CurrentForecast } from '../current-forecast.ts';
import { periodOf } from './table-period.ts';
import { isoAt } from '../../warehouse/calendar/zoned-iso.ts';

export interface HistoryPoint { start: number; actual: number }

const COLUMNS: Column[] = [
  { key: 'queue', label: { en: 'Queue', zh: '队列' }, unit: 'text' },
  { key: 'start', label: { en: 'Period start', zh: '时段开始' }, unit: 'timestamp' },
  { key: 'kind', label: { en: 'History or forecast', zh: '历史/预测' }, unit: 'text' },
  { key: 'actual', label: { en: 'Actual arrivals', zh: '实际到达量' }, unit: 'count' },
  { key: 'p10', label: { en: 'Forecast p10', zh: '预测 p10' }, unit: 'number' },
  { key: 'p50', label: { en: 'Forecast p50', zh: '预测中位数' }, unit: 'number' },
  { key: 'p90', label: { en: 'Forecast p90', zh: '预测 p90' }, unit: 'number' },
  { key: 'in_calendar_hours', label: { en: 'In opening hours', zh: '营业时间内' }, unit: 'text' },
];

const round = (x: number) => Math.round(x * 100) / 100;

export function forecastTable(f: Pick<CurrentForecast, 'queues' | 'generatedAt'>, history: ReadonlyMap<string, readonly HistoryPoint[]>): MetricTable {
  const rows: MetricTable['rows'] = [];
  const instants: number[] = [];
  for (const q of f.queues) {
    for (const h of history.get(q.queueId) ?? []) {
      rows.push({ queue: q.queueId, start: isoAt(h.start, q.zone), kind: 'history', actual: h.actual, p10: null, p50: null, p90: null, in_calendar_hours: null });
      instants.push(h.start);
    }
    for (const i of q.intervals) {
      const start = Number(i.start);
      rows.push({
        queue: q.queueId, start: isoAt(start, q.zone), kind: 'forecast', actual: null,
        p10: round(i.p10 ?? i.p50), p50: round(i.p50), p90: round(i.p90), in_calendar_hours: i.inCalendarHours ?? null,
      });
      instants.push(start);
    }
  }
  return { name: 'forecast', period: periodOf(instants, f.queues[0]?.zone ?? 'UTC', f.generatedAt), previous: null, clock: 'calendar', columns: COLUMNS, rows };
}
