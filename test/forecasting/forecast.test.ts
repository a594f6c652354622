import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse/database.ts';
import { forecastQueues } from '../../forecasting/forecast.ts';
import { forecastVsActual } from '../../forecasting/forecast-vs-actual.ts';
import { readDispatchRules } from '../../forecasting/dispatch-rules/read-dispatch-rules.ts';
import { dispatchQueuesOf } from '../../forecasting/forecast-config.ts';
import { loadSyntheticWarehouse } from './fixtures/synthetic-warehouse.ts';

const zone = 'Asia/Shanghai';
const dispatch = dispatchQueuesOf(readDispatchRules(`
version: 1
timezone: Asia/Shanghai
queues:
  - id: returns
    name: 售后退换货
    match: { problem_type: [return_exchange], channel: [web, app] }
  - id: quality
    name: 质量问题
    match: { problem_type: [product_quality] }
`, 'dispatch-rules.yaml'));
const config = { timezone: zone, default_calendar: 'office', promotions: [] };

describe('forecastQueues on a warehouse', () => {
  let warehouse: Warehouse;
  const until = DateTime.fromISO('2026-03-02T00:00', { zone }).toMillis();

  beforeAll(async () => {
    warehouse = await Warehouse.open(':memory:');
    // Eight weeks of history plus one week of "actuals" after the forecast origin (2 March).
    await loadSyntheticWarehouse(warehouse, {
      start: '2026-01-05', days: 9 * 7, zone,
      holidays: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-03-04'],
      queues: [
        { team: 'returns', problemType: 'return_exchange', channels: ['web', 'app', 'phone'], calendar: 'extended', peakPerHour: 12 },
        { team: 'quality', problemType: 'product_quality', channels: ['email'], calendar: 'office', peakPerHour: 6 },
      ],
    });
  });
  afterAll(() => warehouse.close());

  it('forecasts each queue in its open hours, explains the model and stores the run', async () => {
    const result = await forecastQueues({ db: warehouse, config, dispatch, horizon: '7d', interval: '60m', until, generatedAt: until });
    expect(result.skipped).toEqual([]);
    expect(result.queues.map((q) => q.queue.id)).toEqual(['returns', 'quality']);
    const [returns, quality] = result.queues;
    expect(returns!.forecast.zone).toBe(zone);
    expect(returns!.forecast.intervals.length).toBe(7 * 14); // 08:00-22:00 every day
    // Office hours Mon-Fri, and 4 March is a holiday of the office calendar.
    expect(quality!.forecast.intervals.length).toBe(4 * 9);
    expect(quality!.forecast.intervals.some((i) => DateTime.fromMillis(i.start, { zone }).toISODate() === '2026-03-04')).toBe(false);
    for (const q of result.queues) {
      expect(q.forecast.explanation).toMatch(/chosen: MASE/);
      expect(q.peaks.top.length).toBe(5);
      expect(q.forecast.model).not.toBe('seasonal-naive');
    }
    expect(returns!.forecast.intervals.every((i) => i.inCalendarHours === true)).toBe(true);
    expect(result.runId).not.toBeNull();
    const hours = await warehouse.db.runAndReadAll('SELECT count(*) FROM forecast_intervals WHERE run_id = $run AND in_calendar_hours', { run: result.runId! });
    expect(Number(hours.getRows()[0]![0])).toBe(98 + 36);
    const rows = await warehouse.db.runAndReadAll(
      'SELECT queue_id, count(*) FROM forecast_intervals WHERE run_id = $run GROUP BY queue_id ORDER BY queue_id', { run: result.runId! });
    expect(rows.getRows().map(([q, n]) => [q, Number(n)])).toEqual([['quality', 36], ['returns', 98]]);
    const stored = await warehouse.db.runAndReadAll('SELECT model, CAST(queue_match AS VARCHAR) FROM forecast_queues WHERE run_id = $run AND queue_id = \'returns\'', { run: result.runId! });
    expect(JSON.parse(String(stored.getRows()[0]![1]))).toEqual({ problem_type: ['return_exchange'], channel: ['web', 'app'] });

    // A week later the arrivals are in: the error per horizon day.
    const accuracy = await forecastVsActual({ db: warehouse, runId: result.runId!, asOf: until + 7 * 86_400_000 });
    const r = accuracy.find((a) => a.queueId === 'returns')!;
    expect(r.byDay.map((d) => d.day)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(r.total.periods).toBe(98);
    // About 6 arrivals an hour: Poisson noise alone puts every model at a WAPE of 0.29-0.31 here.
    expect(r.total.wape).toBeLessThan(0.32);
    expect(r.total.coverage).toBeGreaterThan(0.6);
    expect(Math.abs(r.total.bias)).toBeLessThan(0.15);
  });

  it('counts daily arrivals, and other queue specs', async () => {
    const result = await forecastQueues({ db: warehouse, config, dispatch, queues: ['channel:email', 'team:returns'], horizon: '14d', interval: 'daily', until, store: false });
    expect(result.runId).toBeNull();
    const [email, team] = result.queues;
    expect(email!.forecast.intervals.length).toBe(9); // weekdays of two weeks, minus the 4 March holiday
    expect(team!.forecast.intervals.length).toBe(14);
    // Web + app + phone: the whole team, more than the returns queue's web + app share.
    expect(team!.forecast.intervals[0]!.p50).toBeGreaterThan(100);
  });

  it('holds out the last days and scores every model on them without storing', async () => {
    const result = await forecastQueues({ db: warehouse, config, dispatch, queues: ['returns'], interval: '60m', holdout: 14, until });
    expect(result.runId).toBeNull();
    const h = result.queues[0]!.holdout!;
    expect(h.scores.map((s) => s.model)).toEqual(['seasonal-naive', 'holt-winters', 'calendar-regression', 'weekday-slot-mean', 'day-type', 'combination']);
    expect(h.chosen.periods).toBe(14 * 14);
    expect(h.chosen.mase).toBeLessThan(h.baseline.mase);
  });

  it('reads the queues from the config\'s dispatch rules when none are passed', async () => {
    const result = await forecastQueues({ db: warehouse, config: { ...config, dispatch_rules: 'config/dispatch-rules.yaml' },
      queues: ['quality'], interval: 'daily', until, store: false });
    expect(result.queues[0]!.queue.name).toBe('质量问题');
    expect(result.queues[0]!.forecast.intervals.length).toBe(9);
    await expect(forecastQueues({ db: warehouse, config })).rejects.toThrow('no dispatch rules');
  });

  it('says what is wrong with an empty warehouse or an unknown queue', async () => {
    const empty = await Warehouse.open(':memory:');
    await expect(forecastQueues({ db: empty, config, dispatch })).rejects.toThrow('the warehouse has no tickets yet');
    empty.close();
    await expect(forecastQueues({ db: warehouse, config, dispatch, queues: ['nope'] })).rejects.toThrow('unknown queue "nope"');
    await expect(forecastQueues({ db: warehouse, config, dispatch, interval: '5m' })).rejects.toThrow('use 15m, 30m, 60m or daily');
  });
});
