import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyStaffing, staffingBlockOf } from '../../../forecasting/dispatch-rules/apply-staffing.ts';
import { readDispatchRules } from '../../../forecasting/dispatch-rules/read-dispatch-rules.ts';
import { getVersion, listVersions } from '../../../forecasting/dispatch-rules/versions.ts';
import { capacityWarnings, overlapWarnings } from '../../../forecasting/dispatch-rules/warnings.ts';
import { recommendStaffing, type QueueForecastInput } from '../../../forecasting/staffing/recommend.ts';
import { Warehouse } from '../../../warehouse/database.ts';

const FIXTURE = 'test/forecasting/dispatch-rules/fixtures/dispatch-rules.yaml';
const NINE = Date.parse('2026-11-23T09:00:00+08:00');
const GENERATED = Date.parse('2026-11-22T20:00:00.750+08:00');

const forecast = (queueId: string, p50: number[], model = 'holt-winters'): QueueForecastInput => ({
  queueId, zone: 'Asia/Shanghai', model,
  intervals: p50.map((v, k) => ({ start: NINE + k * 3_600_000, minutes: 60, p10: v * 0.8, p50: v, p90: v * 1.25 })),
});

let w: Warehouse;
let path: string;
beforeEach(async () => {
  w = await Warehouse.open(':memory:');
  path = join(mkdtempSync(join(tmpdir(), 'deskpulse-apply-')), 'dispatch-rules.yaml');
  copyFileSync(FIXTURE, path);
});
afterEach(() => w.close());

function recommendation(volume = 100) {
  const rules = readDispatchRules(readFileSync(path, 'utf8'), path);
  return recommendStaffing({
    queues: rules.queues,
    forecasts: [forecast('returns', [volume, volume * 1.2]), forecast('quality', [20, 30], 'calendar-regression'), forecast('channel:phone', [5])],
    generatedAt: GENERATED, forecastRunId: 7, options: { defaultAhtSeconds: 240 },
  });
}

describe('staffingBlockOf', () => {
  it('writes only the open intervals: a closed one schedules nobody', () => {
    const q = recommendation().queues[0]!;
    const closed = { ...q, intervals: q.intervals.map((i, k) => (k === 0 ? { ...i, open: false, agents: 0, scheduledAgents: 0 } : i)) };
    const block = staffingBlockOf(closed, GENERATED);
    expect(block.intervals.map((i) => i.start)).toEqual(['2026-11-23T10:00:00+08:00']);
  });
});

describe('applyStaffing', () => {
  it('dry run: shows the diff and warnings, writes and records nothing', async () => {
    const before = readFileSync(path, 'utf8');
    const r = await applyStaffing({ db: w, dispatchRulesPath: path, recommendations: recommendation(), who: 'planner-1', dryRun: true });
    expect(r).toMatchObject({ changed: true, versionId: null, queues: ['returns', 'quality'] });
    expect(r.diff).toContain('-      model: seasonal-naive\n');
    expect(r.diff).toContain('+      model: holt-winters\n');
    expect(r.diff).toContain('+      generated_at: 2026-11-22T20:00:00+08:00\n');
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(await listVersions(w)).toEqual([]);
    // A forecast queue the file does not define, and the fixture's unknown key, are warned about.
    expect(r.warnings.map((x) => x.kind)).toEqual(expect.arrayContaining(['not-in-rules', 'unknown-key']));
    expect(r.warnings.find((x) => x.kind === 'not-in-rules')!.message).toMatch(/channel:phone is not a queue of dispatch-rules\.yaml/);
  });

  it('writes the blocks and records who, when, model, run and diff, with the staffing per interval', async () => {
    const rec = recommendation();
    const r = await applyStaffing({ db: w, dispatchRulesPath: path, recommendations: rec, who: 'planner token abc', now: Date.parse('2026-11-22T12:30:00Z') });
    expect(r.versionId).toBe(1);
    const written = readFileSync(path, 'utf8');
    expect(written).toBe(r.text);
    expect(written).toContain('    # kept: a note after the staffing block\n');
    expect(readDispatchRules(written, path).queues.length).toBe(readDispatchRules(readFileSync(FIXTURE, 'utf8'), FIXTURE).queues.length);
    const v = (await getVersion(w, 1))!;
    expect(v).toMatchObject({
      appliedBy: 'planner token abc', appliedAt: Date.parse('2026-11-22T12:30:00Z'), path, forecastRunId: 7,
      model: 'returns=holt-winters, quality=calendar-regression, channel:phone=holt-winters', queues: ['returns', 'quality'], diff: r.diff, content: written,
    });
    const rows = await w.db.runAndReadAll(`SELECT queue_id, method, count(*), sum(scheduled_agents) FROM staffing_applied WHERE version_id = 1 GROUP BY ALL ORDER BY queue_id`);
    const returns = rec.queues[0]!;
    expect(rows.getRows().map(([q, m, n, s]) => [q, m, Number(n), Number(s)])).toEqual([
      ['quality', 'workload', 2, rec.queues[1]!.intervals.reduce((a, i) => a + i.scheduledAgents, 0)],
      ['returns', 'erlang_c', 2, returns.intervals.reduce((a, i) => a + i.scheduledAgents, 0)],
    ]);
    // Applying the same staffing again changes nothing and records nothing.
    const again = await applyStaffing({ db: w, dispatchRulesPath: path, recommendations: rec, who: 'planner token abc' });
    expect(again).toMatchObject({ changed: false, versionId: null, diff: '' });
    expect((await listVersions(w)).length).toBe(1);
  });

  it('refuses an invalid file with line and column, and writes nothing', async () => {
    const rec = recommendation();
    writeFileSync(path, readFileSync(FIXTURE, 'utf8').replace('max_open_per_agent: 12', 'max_open_per_agent: lots'));
    await expect(applyStaffing({ db: w, dispatchRulesPath: path, recommendations: rec, who: 'x' }))
      .rejects.toThrow(/dispatch-rules\.yaml:29:25: queues\[1\]\.max_open_per_agent: expected a whole number/);
    expect(await listVersions(w)).toEqual([]);
  });
});

describe('dispatch-rule warnings', () => {
  const text = `version: 1
timezone: Asia/Shanghai
queues:
  - id: returns
    match: { problem_type: [return_exchange], channel: [web, phone] }
    max_open_per_agent: 2
    sla: { first_response: 30m, resolution: 30m }
    service_level: { target: 0.8, answer_within: 20s }
  - id: phone
    match: { channel: [phone, chat] }
  - id: logistics
    match: { problem_type: [logistics] }
`;
  const rules = readDispatchRules(text, 'rules.yaml');

  it('warns where max_open_per_agent x agents cannot hold the p90 peak', () => {
    const rec = recommendStaffing({ queues: rules.queues, forecasts: [forecast('returns', [10, 200])], options: { defaultAhtSeconds: 60 } });
    const [w1] = capacityWarnings(rules, rec);
    // 200 x 1.25 = 250 arrivals an hour, each open up to the 30 min resolution target: 125 open at once.
    const peak = rec.queues[0]!.intervals[1]!;
    expect(peak.agents * 2).toBeLessThan(125);
    expect(w1).toMatchObject({ kind: 'capacity', queues: ['returns'], line: 4 });
    // Times as people read them, in the queue's zone, in both languages.
    expect(w1!.message).toContain(`at 2026-11-23 10:00 the p90 forecast puts 125 tickets open at once, but ${peak.agents} working agents x max_open_per_agent 2 hold ${peak.agents * 2}`);
    expect(w1!.messages?.zh).toContain('2026-11-23 10:00 按 p90 预测同时有 125 张工单未结');
    expect(w1!.message).toContain(`plan ${Math.ceil(125 / 2)} working agents there`);
    const roomy = readDispatchRules(text.replace('max_open_per_agent: 2', 'max_open_per_agent: 500'), 'rules.yaml');
    expect(capacityWarnings(roomy, rec)).toEqual([]);
  });

  it('says "1 working agent", not "1 working agents"', () => {
    const rec = recommendStaffing({ queues: rules.queues, forecasts: [forecast('returns', [10, 200])], options: { defaultAhtSeconds: 60 } });
    const one = { ...rec, queues: rec.queues.map((q) => ({ ...q, intervals: q.intervals.map((i) => ({ ...i, agents: 1 })) })) };
    const [w1] = capacityWarnings(rules, one);
    expect(w1!.message).toContain('but 1 working agent x max_open_per_agent 2 hold 2');
    expect(w1!.message).not.toMatch(/\b1 working agents\b/);
    expect(w1!.messages?.zh).toContain('但 1 名在岗坐席 × 每人同时未结上限 2 只能容纳 2');
  });

  it('leaves intervals whose need is only a lower bound ("more than") to the staffing warnings', () => {
    const rec = recommendStaffing({ queues: rules.queues, forecasts: [forecast('returns', [10, 200])], options: { defaultAhtSeconds: 60 } });
    const bounded = { ...rec, queues: rec.queues.map((q) => ({ ...q, intervals: q.intervals.map((i) => ({ ...i, requiredIsLowerBound: true })) })) };
    expect(capacityWarnings(rules, rec)).toHaveLength(1);
    expect(capacityWarnings(rules, bounded)).toEqual([]);
  });

  it('warns where two queues match the same tickets, and only there', () => {
    const overlaps = overlapWarnings(rules);
    // phone takes any problem type: it shares tickets with both; returns and logistics share none.
    expect(overlaps.map((o) => o.queues)).toEqual([['returns', 'phone'], ['phone', 'logistics']]);
    expect(overlaps[0]).toMatchObject({ kind: 'overlap', line: 9 });
    expect(overlaps[0]!.message).toMatch(/returns \(line 4\) and phone \(line 9\) both match problem_type return_exchange x channel phone:/);
    expect(overlaps[1]!.message).toMatch(/both match problem_type logistics x channel phone\/chat/);
  });
});
