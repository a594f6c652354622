// A staffing recommendation (or a what-if beside its base) as a MetricTable: one row per queue and
// interval with arrivals, AHT, whether the queue is open, agents before and after shrinkage, the
// agents the target needs and the shortfall against the head count, service level / SLA
// attainment, ASA, probability of waiting, abandonment, occupancy; the API, CSV/XLSX export and
// the CLI all print this. Times are in the queue's zone.
import type { Column, MetricTable } from '../../warehouse/metrics/table.ts';
import type { StaffingRecommendation } from '../staffing/recommend.ts';
import type { WhatIfResult } from '../staffing/what-if.ts';
import { periodOf } from './table-period.ts';
import { isoAt } from '../../warehouse/calendar/zoned-iso.ts';

const BASE_COLUMNS: Column[] = [
  { key: 'queue', label: { en: 'Queue', zh: '队列' }, unit: 'text' },
  { key: 'queue_name', label: { en: 'Queue name', zh: '队列名称' }, unit: 'text' },
  { key: 'method', label: { en: 'Method', zh: '计算方法' }, unit: 'text' },
  { key: 'start', label: { en: 'Interval start', zh: '时段开始' }, unit: 'timestamp' },
  { key: 'minutes', label: { en: 'Minutes', zh: '时长(分钟)' }, unit: 'number' },
  { key: 'arrivals', label: { en: 'Arrivals staffed for', zh: '按此到达量排班' }, unit: 'number' },
  { key: 'p50', label: { en: 'Forecast p50', zh: '预测中位数' }, unit: 'number' },
  { key: 'p90', label: { en: 'Forecast p90', zh: '预测 p90' }, unit: 'number' },
  { key: 'aht_seconds', label: { en: 'AHT', zh: '平均处理时长' }, unit: 'seconds' },
  { key: 'aht_source', label: { en: 'AHT from', zh: '处理时长来源' }, unit: 'text' },
  { key: 'open', label: { en: 'Open', zh: '营业中' }, unit: 'text' },
  { key: 'agents', label: { en: 'Agents working', zh: '在岗坐席' }, unit: 'count' },
  { key: 'scheduled_agents', label: { en: 'Agents scheduled (with shrinkage)', zh: '排班坐席(含损耗)' }, unit: 'count' },
  { key: 'required_agents', label: { en: 'Agents the target needs', zh: '达标所需坐席' }, unit: 'count' },
  { key: 'headcount', label: { en: 'Team headcount', zh: '团队人数' }, unit: 'number' },
  { key: 'shortfall', label: { en: 'Shortfall (agents)', zh: '缺口(坐席)' }, unit: 'count' },
  { key: 'service_level', label: { en: 'Service level / SLA attainment', zh: '服务水平/SLA达成率' }, unit: 'ratio' },
  { key: 'asa_seconds', label: { en: 'ASA', zh: '平均应答时间' }, unit: 'seconds' },
  { key: 'probability_waiting', label: { en: 'Probability of waiting', zh: '排队概率' }, unit: 'ratio' },
  { key: 'abandonment', label: { en: 'Abandonment', zh: '放弃率' }, unit: 'ratio' },
  { key: 'occupancy', label: { en: 'Occupancy', zh: '占用率' }, unit: 'ratio' },
  { key: 'backlog_seconds', label: { en: 'Work carried forward', zh: '结转工作量' }, unit: 'seconds' },
];

const WHAT_IF_COLUMNS: Column[] = [
  { key: 'base_arrivals', label: { en: 'Arrivals (base)', zh: '到达量(基准)' }, unit: 'number' },
  { key: 'base_scheduled_agents', label: { en: 'Agents scheduled (base)', zh: '排班坐席(基准)' }, unit: 'count' },
  { key: 'change', label: { en: 'Change in scheduled agents', zh: '排班坐席变化' }, unit: 'number' },
  { key: 'base_service_level', label: { en: 'Service level (base)', zh: '服务水平(基准)' }, unit: 'ratio' },
  { key: 'service_level_with_base_staffing', label: { en: 'Service level if base staffing kept', zh: '维持基准排班时的服务水平' }, unit: 'ratio' },
];

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const finite = (x: number | null, digits = 4) => (x !== null && Number.isFinite(x) ? round(x, digits) : null);

function rowsOf(r: StaffingRecommendation): Record<string, string | number | null>[] {
  return r.queues.flatMap((q) => q.intervals.map((i) => ({
    queue: q.queueId, queue_name: q.queueName, method: q.method, start: isoAt(i.start, q.zone), minutes: i.minutes,
    arrivals: round(i.arrivals, 2), p50: round(i.p50, 2), p90: round(i.p90, 2), aht_seconds: round(i.ahtSeconds, 1), aht_source: i.ahtSource,
    open: i.open ? 'yes' : 'no', agents: round(i.agents, 2), scheduled_agents: i.scheduledAgents, required_agents: i.requiredAgents,
    headcount: q.headcount ? round(q.headcount.agents, 1) : null, shortfall: i.shortfall,
    service_level: finite(i.serviceLevel), asa_seconds: finite(i.asaSeconds, 2),
    probability_waiting: finite(i.probabilityOfWaiting), abandonment: finite(i.abandonment), occupancy: finite(i.occupancy), backlog_seconds: finite(i.backlogSeconds, 1),
  })));
}

function tableOf(name: string, r: StaffingRecommendation, columns: Column[], rows: Record<string, string | number | null>[]): MetricTable {
  const zone = r.queues[0]?.zone ?? 'UTC';
  return {
    name, period: periodOf(r.queues.flatMap((q) => q.intervals.map((i) => i.start)), zone, r.generatedAt),
    previous: null, clock: 'calendar', columns, rows,
  };
}

/** The recommendation, one row per queue x interval. */
export function staffingTable(r: StaffingRecommendation): MetricTable {
  return tableOf('staffing', r, BASE_COLUMNS, rowsOf(r));
}

/** The what-if's changed staffing, each row beside the base's agents and service level. */
export function whatIfTable(w: WhatIfResult): MetricTable {
  const rows = rowsOf(w.changed);
  const extra = w.queues.flatMap((q) => q.intervals.map((i) => ({
    base_arrivals: round(i.baseArrivals, 2), base_scheduled_agents: i.baseScheduledAgents, change: i.change,
    base_service_level: finite(i.baseServiceLevel), service_level_with_base_staffing: finite(i.serviceLevelWithBaseStaffing),
  })));
  return tableOf('staffing-what-if', w.changed, [...BASE_COLUMNS, ...WHAT_IF_COLUMNS], rows.map((row, k) => ({ ...row, ...extra[k] })));
}
