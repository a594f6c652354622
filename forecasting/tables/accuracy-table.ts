// Forecast vs actual as a MetricTable: per stored run, queue and horizon day (day 0 = all days)
// the arrivals forecast and those that came, with MAE, WAPE, bias and p10-p90 coverage.
import type { Column, MetricTable } from '../../warehouse/metrics/table.ts';
import type { ForecastAccuracy } from '../forecast-vs-actual.ts';
import { intervalLabel } from '../series/interval.ts';
import { periodOf } from './table-period.ts';
import { isoAt } from '../../warehouse/calendar/zoned-iso.ts';

const COLUMNS: Column[] = [
  { key: 'run', label: { en: 'Forecast run', zh: '预测批次' }, unit: 'number' },
  { key: 'generated_at', label: { en: 'Forecast made', zh: '预测时间' }, unit: 'timestamp' },
  { key: 'origin', label: { en: 'Forecast origin', zh: '预测起点' }, unit: 'timestamp' },
  { key: 'queue', label: { en: 'Queue', zh: '队列' }, unit: 'text' },
  { key: 'model', label: { en: 'Model', zh: '模型' }, unit: 'text' },
  { key: 'interval', label: { en: 'Interval', zh: '时段粒度' }, unit: 'text' },
  { key: 'horizon_day', label: { en: 'Days ahead (0 = all)', zh: '预测提前天数(0=合计)' }, unit: 'number' },
  { key: 'periods', label: { en: 'Periods compared', zh: '对比时段数' }, unit: 'count' },
  { key: 'actual', label: { en: 'Actual arrivals', zh: '实际到达量' }, unit: 'count' },
  { key: 'forecast', label: { en: 'Forecast arrivals (p50)', zh: '预测到达量(p50)' }, unit: 'number' },
  { key: 'mae', label: { en: 'MAE per period', zh: '平均绝对误差' }, unit: 'number' },
  { key: 'wape', label: { en: 'WAPE', zh: '加权绝对百分比误差' }, unit: 'ratio' },
  { key: 'bias', label: { en: 'Bias (over > 0)', zh: '偏差(高估为正)' }, unit: 'ratio' },
  { key: 'coverage', label: { en: 'Within p10-p90', zh: 'p10-p90 覆盖率' }, unit: 'ratio' },
];

const finite = (x: number, digits = 4) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null);

export function accuracyTable(rows: readonly ForecastAccuracy[], zone: string, now = Date.now()): MetricTable {
  return {
    name: 'forecast-accuracy',
    period: periodOf(rows.map((r) => r.historyEnd), zone, now),
    previous: null,
    clock: 'calendar',
    columns: COLUMNS,
    rows: rows.flatMap((r) => [r.total, ...r.byDay].map((e) => ({
      run: r.runId, generated_at: isoAt(r.generatedAt, zone), origin: isoAt(r.historyEnd, zone), queue: r.queueId, model: r.model,
      interval: intervalLabel(r.intervalMinutes), horizon_day: e.day, periods: e.periods, actual: e.actual, forecast: finite(e.forecast, 2),
      mae: finite(e.mae, 3), wape: finite(e.wape), bias: finite(e.bias), coverage: finite(e.coverage),
    }))),
  };
}
