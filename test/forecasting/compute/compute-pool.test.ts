// The compute pool runs the same task functions as the CLI, on a worker thread: the same results,
// errors that keep their class (a RangeError from a what-if is a 400 at the route), and an input a
// worker cannot be sent is refused saying so; a closed pool fails what waits.
import { afterAll, describe, expect, it } from 'vitest';
import { ComputePool } from '../../../forecasting/compute/compute-pool.ts';
import { computeHere, type TaskInput } from '../../../forecasting/compute/compute-tasks.ts';

const HOUR = 3_600_000;
const start = Date.UTC(2026, 10, 23, 0);
const input: TaskInput<'planQueue'>['input'] = {
  queues: [{ id: 'phone', match: { channel: ['phone'] }, serviceLevel: { target: 0.8, answerWithinSeconds: 20 }, sla: null }],
  forecasts: [{
    queueId: 'phone', zone: 'Asia/Shanghai', model: 'seasonal_naive',
    intervals: Array.from({ length: 48 }, (_, k) => ({ start: start + k * HOUR, minutes: 60, p50: 20 + (k % 24), p90: 30 + (k % 24), inCalendarHours: k % 24 >= 1 })),
  }],
  aht: new Map([['phone', {
    byHour: Array.from({ length: 24 }, (_, h) => ({ tickets: 80, ahtSeconds: 200 + h * 5 })), overall: { tickets: 1920, ahtSeconds: 260 },
  }]]),
  now: start,
  generatedAt: start,
};

const pool = new ComputePool(1);
afterAll(() => pool.close());

describe('the compute pool', () => {
  it('gives what the task gives on this thread, what-if included', async () => {
    for (const scenario of [null, { volumeMultiplier: 1.3 }]) {
      const there = await pool.run('planQueue', { input, scenario });
      expect(there).toEqual(await computeHere('planQueue', { input, scenario }));
      expect(there.table.rows.length).toBe(48);
    }
  }, 60_000);

  it('keeps a RangeError a RangeError, with its message', async () => {
    const failed = pool.run('planQueue', { input, scenario: { volumeMultiplier: -1 } });
    await expect(failed).rejects.toBeInstanceOf(RangeError);
    await expect(failed).rejects.toThrow(/volume multiplier must be >= 0/);
    // The worker is still there for the next task.
    expect((await pool.run('planQueue', { input, scenario: null })).recommendation.queues).toHaveLength(1);
  }, 60_000);

  it('keeps the Chinese of an error that has both languages (a queue skipped on the page reads in its language)', async () => {
    // Two days of history: too little to forecast.
    const times = Array.from({ length: 48 }, (_, k) => start + k * HOUR);
    const failed = pool.run('fitQueue', {
      series: { name: 'chat', intervalMinutes: 60, zone: 'Asia/Shanghai', times, values: times.map(() => 3), open: times.map(() => true) },
      horizon: { days: 1, hours: 0 }, events: { holidays: [], promotions: [] }, known: null, holidays: [],
    });
    await expect(failed).rejects.toThrow('series chat has 48 60m periods: at least one week of history');
    await expect(failed).rejects.toMatchObject({ messages: { zh: '序列 chat 只有 48 个 60 分钟时段：至少要有一周含营业时段的历史才能预测' } });
  }, 60_000);

  it('refuses an input a worker cannot be sent, and fails waiting tasks once closed', async () => {
    await expect(pool.run('planQueue', { input: { ...input, now: (() => 0) as never }, scenario: null }))
      .rejects.toThrow(/planQueue: its input cannot be sent to a worker thread/);
    const other = new ComputePool(1);
    const running = other.run('planQueue', { input, scenario: null });
    const waiting = other.run('planQueue', { input, scenario: null });
    const failures = [running, waiting].map((task) => expect(task).rejects.toThrow(/planQueue cancelled: the pool was closed/));
    await other.close();
    await Promise.all(failures);
  }, 60_000);
});
