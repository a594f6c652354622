// What a replay needs to reproduce a real week, on hand-computed cases: a queue whose calendar is
// closed answers nobody (an agent of a later-closing team with its skills included), a reply delay
// passes in the queue's open hours, a fractional agent does its fraction of the work, and the reply
// lag comes from history days as busy as the replayed ones.
import { describe, expect, it } from 'vitest';
import { nearestDaysLag } from '../../../forecasting/simulation/reply-lag.ts';
import { simulateQueues } from '../../../forecasting/simulation/simulate-queues.ts';
import type { SimAgent, SimArrival, SimInput, SimQueue } from '../../../forecasting/simulation/simulation-model.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;

function queue(over: Partial<SimQueue> = {}): SimQueue {
  return {
    id: 'q', strategy: 'skill_match', skills: ['q'], regionAffinity: false, maxOpenPerAgent: 1, live: true, patienceSeconds: null,
    targetWaitSeconds: 60, asyncTargetWaitSeconds: null, businessClock: false, handleSeconds: () => 300, reopenRate: 0, reopenDelaySeconds: 3600, ...over,
  };
}
const agent = (over: Partial<SimAgent> = {}): SimAgent => ({ id: 'a', skills: ['q'], queues: ['q'], region: null, shifts: [[0, 24 * HOUR]], ...over });
const grid = { start: 0, intervalMs: HOUR, count: 24 };
/** Open 09:00-18:00 of a day starting at 0. */
const office = Array.from({ length: 24 }, (_, k) => k >= 9 && k < 18);
const waits = (input: SimInput) => simulateQueues(input).tallies[0]!.flatMap((t) => t.waits);

describe('a queue whose calendar is closed', () => {
  it('routes nothing until it opens, though an agent with its skills is on duty all day', () => {
    const arrivals: SimArrival[] = [{ at: 20 * MINUTE + 2 * HOUR, queue: 0, region: null }, { at: 10 * HOUR, queue: 0, region: null }];
    const input: SimInput = { grid, queues: [queue({ open: office })], agents: [agent()], arrivals, seed: 1 };
    // The 02:20 caller is answered at the 09:00 opening (6 h 40 min); the 10:00 caller at once.
    expect(waits(input)).toEqual([400 * 60, 0]);
    // Without a calendar the same agent answers at 02:20.
    expect(waits({ ...input, queues: [queue()] })).toEqual([0, 0]);
  });
});

describe('a written ticket\'s reply delay', () => {
  const written = (over: Partial<SimQueue>) => queue({ live: false, targetWaitSeconds: 15 * 60, open: office, responseLagSeconds: () => 2 * 3600, ...over });
  const arrivals: SimArrival[] = [{ at: 17 * HOUR, queue: 0, region: null }];

  it('passes in open hours: taken at 17:00 with 2 h of delay, answered at 10:00 the next day (calendar clock: 17 h)', () => {
    const twoDays = { start: 0, intervalMs: HOUR, count: 48 };
    const open = [...office, ...office];
    const input: SimInput = { grid: twoDays, queues: [written({ open })], agents: [agent({ shifts: [[0, 48 * HOUR]] })], arrivals, seed: 1 };
    expect(waits(input)).toEqual([17 * 3600]);
    // A business clock counts the open hours only: the 2 h.
    expect(waits({ ...input, queues: [written({ open, businessClock: true })] })).toEqual([2 * 3600]);
  });
});

describe('a fractional agent', () => {
  it('does its fraction of the work: at 0.7 of every hour, 51 tickets of 500 s in 10 hours (0.7 of 72), not the 60 of a 42-minute shift that finishes its ticket', () => {
    const ten = { start: 0, intervalMs: HOUR, count: 10 };
    const q = queue({ live: false, targetWaitSeconds: null, handleSeconds: () => 500 });
    const backlog: SimArrival[] = Array.from({ length: 200 }, () => ({ at: 0, queue: 0, region: null }));
    const handled = (a: SimAgent) => simulateQueues({ grid: ten, queues: [q], agents: [a], arrivals: backlog, seed: 1 }).handled[0]![0]!;
    expect(handled(agent({ shifts: [[0, 10 * HOUR]] }))).toBe(72);
    // One every 714 s: the 51st starts at 9 h 55 min.
    expect(handled(agent({ shifts: [[0, 10 * HOUR]], pace: new Array(10).fill(0.7) }))).toBe(51);
    // Six an hour: the one started at 41:40 is finished after the shift's end.
    const partHours = Array.from({ length: 10 }, (_, k) => [k * HOUR, k * HOUR + 42 * MINUTE] as [number, number]);
    expect(handled(agent({ shifts: partHours }))).toBe(60);
  });
});

describe('the replay\'s reply lag', () => {
  // Ten history days: seven ordinary (100 arrivals, replies after 60 s) and three of a promotion (400, after 600 s).
  const history = [
    ...Array.from({ length: 7 }, (_, k) => ({ arrivals: 100 + k, lags: new Array(10).fill(60) })),
    ...Array.from({ length: 3 }, () => ({ arrivals: 400, lags: new Array(10).fill(600) })),
  ];

  it('comes from the history days nearest in arrivals to each replayed day', () => {
    // An ordinary week: its seven nearest days are the ordinary ones.
    expect(new Set(nearestDaysLag(history, [98, 104, 110]))).toEqual(new Set([60]));
    // A promotion day: the three promotion days and the four busiest ordinary ones (103..106).
    const peak = nearestDaysLag(history, [420])!;
    // 30 of the 70 pooled lags: the quantiles above 40/69 of the way.
    expect(peak.filter((x) => x === 600).length).toBe(84);
    expect(peak[0]).toBe(60);
    expect(peak[199]).toBe(600);
  });

  it('is none with too few lags to trust', () => {
    expect(nearestDaysLag([{ arrivals: 5, lags: [60, 70] }], [5])).toBeNull();
  });
});
