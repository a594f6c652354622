// What the Forecast page draws of the staffing table: one row per queue and local day (the page's
// first view), or the intervals of one day (a day opened). Grouped by the page's own staffingDays,
// so the rows and the sums the page shows are one computation. Exports keep every interval.
import { staffingDays } from '../../ui/lib/planning/staffing-days.ts';
import type { MetricTable } from '../../../warehouse/metrics/table.ts';

const DAY_COLUMNS: MetricTable['columns'] = [
  { key: 'queue', label: { en: 'Queue id', zh: '队列编号' }, unit: 'text' },
  { key: 'queue_name', label: { en: 'Queue', zh: '队列' }, unit: 'text' },
  { key: 'day', label: { en: 'Day', zh: '日期' }, unit: 'date' },
  { key: 'open_intervals', label: { en: 'Open intervals', zh: '营业时段数' }, unit: 'count' },
  { key: 'arrivals', label: { en: 'Arrivals (p50)', zh: '进线量 (p50)' }, unit: 'number' },
  { key: 'agent_hours', label: { en: 'Agent-hours', zh: '坐席工时' }, unit: 'number' },
  { key: 'peak_scheduled', label: { en: 'Peak scheduled', zh: '排班峰值' }, unit: 'count' },
  { key: 'peak_required', label: { en: 'Peak needed', zh: '需求峰值' }, unit: 'count' },
  { key: 'peak_shortfall', label: { en: 'Most short', zh: '最大缺口' }, unit: 'count' },
  { key: 'shortfall_hours', label: { en: 'Agent-hours short', zh: '缺口工时' }, unit: 'number' },
];

/** One row per queue and day of the queue's zone, in the interval table's order. */
export function staffingDaysTable(intervals: MetricTable): MetricTable {
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    ...intervals, name: `${intervals.name}-days`, columns: DAY_COLUMNS,
    rows: staffingDays(intervals).map((d) => ({
      queue: d.queue, queue_name: d.queueName, day: d.day, open_intervals: d.openIntervals, arrivals: round(d.arrivals),
      agent_hours: round(d.agentHours), peak_scheduled: d.peakScheduled, peak_required: d.peakRequired,
      peak_shortfall: d.peakShortfall, shortfall_hours: round(d.shortfallHours),
    })),
  };
}

/** The intervals of one local day (YYYY-MM-DD; starts are ISO in each queue's zone). */
export function staffingDayTable(intervals: MetricTable, day: string): MetricTable {
  return { ...intervals, rows: intervals.rows.filter((r) => String(r.start ?? '').startsWith(`${day}T`)) };
}
