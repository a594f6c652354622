import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/database.ts';
import { agents } from '../../../warehouse/metrics/agents.ts';
import { agentScorecard, median } from '../../../warehouse/metrics/agent-scorecard.ts';
import { peopleWarehouse, WEEK } from './fixtures/people-week.ts';

let w: Warehouse;
beforeAll(async () => { w = await peopleWarehouse(); });
afterAll(() => w.close());

const H = 3600;

describe('AHT per ticket', () => {
  it('divides handle time by the tickets it was spent on, as worked out by hand', async () => {
    const rows = Object.fromEntries((await agents(w.db, WEEK)).rows.map((r) => [r.agent, r]));
    // a1: 100 s reply on T1 + 30 s comment on T2 = 130 s over 2 tickets; a2: 200 s on T2; a3: 50 s on T4;
    // a4 replied twice without handle time: no AHT rather than 0.
    expect(rows.a1).toMatchObject({ handle_seconds: 130, aht_seconds: 65 });
    expect(rows.a2).toMatchObject({ handle_seconds: 200, aht_seconds: 200 });
    expect(rows.a3).toMatchObject({ handle_seconds: 50, aht_seconds: 50 });
    expect(rows.a4).toMatchObject({ handle_seconds: 0, aht_seconds: null });
  });
});

describe('agentScorecard', () => {
  it('puts each measure beside the team median with the direction\'s verdict (support: a1, a3, a4)', async () => {
    const card = agentScorecard((await agents(w.db, WEEK)).rows, 'a1');
    expect(card.team).toBe('support');
    const line = Object.fromEntries(card.lines.map((l) => [l.key, l]));
    // assigned 3 vs median(3, 1, 2) = 2: above, and workload has no better or worse
    expect(line.assigned).toMatchObject({ value: 3, teamMedian: 2, teamAgents: 3, relative: 0.5, position: 'above', verdict: null });
    // AHT 65 s vs median(65, 50) = 57.5 (a4 has none): 13% above, and lower is better: worse
    expect(line.aht_seconds).toMatchObject({ value: 65, teamMedian: 57.5, teamAgents: 2, position: 'above', verdict: 'worse' });
    expect(line.aht_seconds!.relative).toBeCloseTo(7.5 / 57.5, 12);
    // first response 1 h vs median(1 h, 0.5 h, 4.25 h) = 1 h: same
    expect(line.frt_median).toMatchObject({ value: 1 * H, teamMedian: 1 * H, position: 'same', verdict: 'same' });
    // CSAT 100% vs median(100%, 0%) = 50% (a3 has no rating): higher is better
    expect(line.csat).toMatchObject({ value: 1, teamMedian: 0.5, teamAgents: 2, relative: 1, position: 'above', verdict: 'better' });
    expect(line.resolution_median).toMatchObject({ value: 3 * H, teamMedian: 3 * H, verdict: 'same' });
    // reopen rates all 0: same, and the relative difference to a zero median is not a number
    expect(line.reopen_rate).toMatchObject({ value: 0, teamMedian: 0, relative: null, position: 'same', verdict: 'same' });
    expect(line.aht_seconds!.label).toEqual({ en: 'AHT per ticket', zh: '单均处理时长' });
  });

  it('compares within the agent\'s own team only and says below/better for a short first response', async () => {
    const card = agentScorecard((await agents(w.db, WEEK)).rows, 'a5');
    expect(card.team).toBe('billing');
    const frt = card.lines.find((l) => l.key === 'frt_median')!;
    // billing: a2 1.5 h, a5 10 min: median 50 min
    expect(frt).toMatchObject({ value: 600, teamMedian: (5400 + 600) / 2, position: 'below', verdict: 'better' });
  });

  it('has no values for an agent without a row, and medians of nothing are null', () => {
    const card = agentScorecard([{ agent: 'x', team: 't', assigned: 4 }], 'nobody');
    expect(card.lines.every((l) => l.value === null && l.teamMedian === null && l.verdict === null)).toBe(true);
    expect(median([])).toBeNull();
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });
});
