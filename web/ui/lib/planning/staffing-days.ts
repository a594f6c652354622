// The staffing table grouped per queue and day, so the page draws a few dozen day rows (totals,
// peak, shortfall) and a day's intervals only when it is opened: 92 days x 15 min is 8,832 rows a
// queue, too many to draw at once. Days are the queue's own (the API sends times in its zone).
import type { Cell, MetricTable } from '../api/types.ts';

export interface StaffingInterval {
  /** HH:mm in the queue's zone. */
  time: string;
  row: Record<string, Cell>;
}

export interface StaffingDay {
  key: string;
  queue: string;
  queueName: string;
  /** YYYY-MM-DD in the queue's zone. */
  day: string;
  openIntervals: number;
  agentHours: number;
  peakScheduled: number;
  peakRequired: number;
  /** The most agents short in one interval, and the agent-hours short over the day. */
  peakShortfall: number;
  shortfallHours: number;
  /** Arrivals (p50) over the day. */
  arrivals: number;
  intervals: StaffingInterval[];
}

const num = (c: Cell | undefined) => (typeof c === 'number' && Number.isFinite(c) ? c : 0);

export function staffingDays(table: MetricTable): StaffingDay[] {
  const days = new Map<string, StaffingDay>();
  for (const row of table.rows) {
    const start = String(row.start ?? '');
    const queue = String(row.queue ?? '');
    const day = start.slice(0, 10);
    const key = `${queue} ${day}`;
    let d = days.get(key);
    if (!d) {
      d = { key, queue, queueName: String(row.queue_name ?? queue), day, openIntervals: 0, agentHours: 0, peakScheduled: 0, peakRequired: 0, peakShortfall: 0, shortfallHours: 0, arrivals: 0, intervals: [] };
      days.set(key, d);
    }
    const hours = num(row.minutes) / 60;
    if (row.open !== 'no') d.openIntervals += 1;
    d.agentHours += num(row.scheduled_agents) * hours;
    d.peakScheduled = Math.max(d.peakScheduled, num(row.scheduled_agents));
    d.peakRequired = Math.max(d.peakRequired, num(row.required_agents));
    d.peakShortfall = Math.max(d.peakShortfall, num(row.shortfall));
    d.shortfallHours += num(row.shortfall) * hours;
    d.arrivals += num(row.p50);
    d.intervals.push({ time: start.slice(11, 16), row });
  }
  return [...days.values()];
}

/** Day rows as the API sends them with rows=days (staffingDaysTable): the days without their intervals, loaded when opened. */
export function staffingDayRows(table: MetricTable): StaffingDay[] {
  return table.rows.map((row) => {
    const queue = String(row.queue ?? '');
    const day = String(row.day ?? '');
    return {
      key: `${queue} ${day}`, queue, queueName: String(row.queue_name ?? queue), day, openIntervals: num(row.open_intervals),
      agentHours: num(row.agent_hours), peakScheduled: num(row.peak_scheduled), peakRequired: num(row.peak_required),
      peakShortfall: num(row.peak_shortfall), shortfallHours: num(row.shortfall_hours), arrivals: num(row.arrivals), intervals: [],
    };
  });
}
