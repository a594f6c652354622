import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { forecastQueues } from '../../../forecasting/forecast.ts';
import { loadDispatchRules } from '../../../forecasting/forecast-config.ts';
import { Warehouse } from '../../../warehouse/database.ts';
import { buildApp } from '../../../web/server/app.ts';
import { createToken } from '../../../web/server/auth/token-store.ts';
import { loadPlanningTickets, planningFiles, RULES, ZONE, type PlanningFiles } from '../../forecasting/fixtures/planning.ts';

let w: Warehouse;
let app: FastifyInstance;
let files: PlanningFiles;
const auth: Record<string, { authorization: string }> = {};

beforeAll(async () => {
  process.env.DESKPULSE_PII_KEY = 'test key';
  w = await Warehouse.open(':memory:');
  await loadPlanningTickets(w);
  files = planningFiles();
  app = await buildApp({ warehouse: w, timezone: ZONE, planning: { configPath: files.configPath } });
  for (const role of ['admin', 'manager', 'planner', 'team_lead']) {
    auth[role] = { authorization: `Bearer ${(await createToken(w.db, { role, teams: role === 'team_lead' ? ['returns'] : [], createdBy: 'test' })).token}` };
  }
}, 30_000);
afterAll(async () => {
  await app.close();
  w.close();
});

const get = (url: string, role = 'planner') => app.inject({ url, headers: auth[role] });

describe('GET /api/forecast', () => {
  it('answers history, p10/p50/p90, peaks, the model chosen and why, and every model\'s backtest', async () => {
    const res = await get('/api/forecast?queue=returns&horizon=3d');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ interval: '60m', horizon: '3d', reused: false, runId: null, skipped: [] });
    const [q] = body.queues;
    expect(q).toMatchObject({ queue: 'returns', name: '售后退换货', zone: ZONE });
    expect(q.explanation).toMatch(/chosen: MASE/);
    // The same as codes and figures, for the page to word in its language.
    expect(q.choice).toMatchObject({ code: 'backtest', model: q.model, mase: expect.any(Number), seasonalNaiveMase: expect.any(Number) });
    expect(q.scores.map((s: { model: string }) => s.model)).toEqual(['seasonal-naive', 'holt-winters', 'calendar-regression', 'weekday-slot-mean', 'day-type', 'combination']);
    // Event days' MASE served beside the ordinary days' (a number, or null when the backtest held none).
    expect(q.scores.every((s: { eventMase?: unknown }) => s.eventMase === null || typeof s.eventMase === 'number')).toBe(true);
    expect(q.peaks).toHaveLength(5);
    const rows = body.table.rows as { kind: string; actual: number | null; p10: number; p50: number; p90: number; start: string }[];
    const history = rows.filter((r) => r.kind === 'history');
    const ahead = rows.filter((r) => r.kind === 'forecast');
    expect(history).toHaveLength(28 * 24); // four weeks of every hour, quiet ones as 0
    expect(ahead).toHaveLength(3 * 14); // 08:00-22:00 on three days
    expect(ahead.every((r) => r.actual === null && r.p10 <= r.p50 && r.p50 <= r.p90)).toBe(true);
    expect(ahead[0]!.start > history[history.length - 1]!.start).toBe(true);
    expect(q.peaks[0].p50).toBe(Math.max(...ahead.map((r) => r.p50)));
    // A read keeps nothing; once kept (POST), the run is reused on the same data, not forecast anew.
    expect((await get('/api/forecast?queue=returns&horizon=3d')).json()).toMatchObject({ reused: false, runId: null });
    const kept = await app.inject({ method: 'POST', url: '/api/forecast/runs', headers: auth.planner, payload: { queue: ['returns'], horizon: '3d' } });
    expect(kept.statusCode).toBe(201);
    const again = (await get('/api/forecast?queue=returns&horizon=3d')).json();
    expect(again).toMatchObject({ reused: true, runId: kept.json().runId });
    expect(again.table.rows).toEqual(body.table.rows);
  });

  it('exports CSV for planners; team leads may not see forecasts', async () => {
    const csv = await get('/api/forecast?queue=returns&horizon=3d&format=csv&lang=zh');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/filename="forecast_queue-returns_horizon-3d_2026-02-\d\d_2026-03-0\d\.csv"/);
    expect(csv.body.slice(1).split('\r\n')[0]).toBe('队列,时段开始,历史/预测,实际到达量,预测 p10,预测中位数,预测 p90,营业时间内');
    expect((await get('/api/forecast?queue=returns&horizon=3d', 'team_lead')).statusCode).toBe(403);
    expect((await get('/api/forecast?queue=returns&horizon=3d', 'manager')).statusCode).toBe(200);
  });

  it('says which field is wrong', async () => {
    const unknown = await get('/api/forecast?queue=nope');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ field: 'queue', message: expect.stringMatching(/unknown queue "nope".*returns, quality/) });
    expect((await get('/api/forecast?horizon=soon')).json()).toMatchObject({ field: 'horizon' });
    expect((await get('/api/forecast?interval=7m')).statusCode).toBe(400);
    expect((await get('/api/forecast?bogus=1')).json()).toMatchObject({ field: 'bogus' });
  });
});

describe('GET /api/staffing', () => {
  it('staffs live queues by Erlang C and async ones by workload, with service level and occupancy', async () => {
    const res = await get('/api/staffing?horizon=3d');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const byId = Object.fromEntries(body.queues.map((q: { queue: string }) => [q.queue, q]));
    expect(byId.returns).toMatchObject({ method: 'erlang_c', target: { serviceLevel: 0.8, answerWithinSeconds: 20, shrinkage: 0.3, maxOccupancy: 0.85 } });
    expect(byId.quality).toMatchObject({ method: 'workload', target: { slaSeconds: 3600, clock: 'business' } });
    expect(byId.returns.summary.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(body.table.name).toBe('staffing');
    const live = body.table.rows.filter((r: { queue: string }) => r.queue === 'returns');
    for (const r of live) {
      if (r.arrivals === 0) continue;
      expect(r.service_level).toBeGreaterThanOrEqual(0.8);
      expect(r.occupancy).toBeLessThanOrEqual(0.85);
      expect(r.scheduled_agents).toBe(Math.ceil(r.agents / 0.7 - 1e-9));
      expect(r.probability_waiting).toBeGreaterThan(0);
    }
    // max_open_per_agent 2 cannot hold the p90 peak of returns.
    expect(body.warnings.some((x: { kind: string; queues: string[] }) => x.kind === 'capacity' && x.queues[0] === 'returns')).toBe(true);
  });

  it('shows a what-if beside the base: x1.3 volume and a stricter target need more agents', async () => {
    const body = (await get('/api/staffing?queue=returns&horizon=3d&volume_factor=1.3&target=0.9&within=15')).json();
    expect(body.scenario).toEqual({ volume_factor: 1.3, target: 0.9, within: 15 });
    const q = body.queues[0];
    expect(q.target).toMatchObject({ serviceLevel: 0.9, answerWithinSeconds: 15 });
    expect(q.whatIf.agentHours).toBeGreaterThan(q.whatIf.baseAgentHours);
    expect(body.table.name).toBe('staffing-what-if');
    const busy = body.table.rows.filter((r: { base_arrivals: number }) => r.base_arrivals > 0);
    expect(busy.every((r: { arrivals: number; base_arrivals: number; change: number }) => Math.abs(r.arrivals - r.base_arrivals * 1.3) < 0.02 && r.change >= 0)).toBe(true);
    const bad = await get('/api/staffing?shrinkage=1.5');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/shrinkage/);
  });

  it('caps the plan at the team\'s headcount and says the shortfall, the headcount and the warnings in both languages', async () => {
    // The same rules, with a config that gives returns a team of one person.
    const configPath = join(files.dir, 'deskpulse-headcount.yaml');
    writeFileSync(configPath, `${readFileSync(files.configPath, 'utf8')}teams:\n  - { id: returns, headcount: 1 }\n`);
    const small = await buildApp({ warehouse: w, timezone: ZONE, planning: { configPath } });
    try {
      const res = await small.inject({ url: '/api/staffing?horizon=3d', headers: auth.planner });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.generatedAt).toMatch(/\+08:00$/);
      expect(body.pooling.en).toMatch(/counts once/);
      expect(body.pooling.zh).toMatch(/只计一次/);
      const returns = body.queues.find((q: { queue: string }) => q.queue === 'returns');
      expect(returns.headcount).toMatchObject({ agents: 1, source: 'config', note: { en: expect.stringMatching(/1 agents/), zh: expect.stringMatching(/1 名坐席/) } });
      expect(returns.planStart).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+08:00$/);
      const s = returns.summary;
      expect(s.peakScheduledAgents).toBe(1);
      expect(s.peakShortfall).toMatchObject({ scheduledAgents: 1, start: expect.stringMatching(/\+08:00$/) });
      expect(s.peakShortfall.requiredAgents - 1).toBe(s.peakShortfall.agents);
      expect(s.peakRequiredAgents).toBeGreaterThan(1);
      expect(s).toMatchObject({ peakRequiredIsLowerBound: false, intervalsShort: expect.any(Number), shortfallAgentHours: expect.any(Number) });
      expect(s.intervalsShort).toBeGreaterThan(0);
      // Without a headcount the plan is not capped.
      expect(body.queues.find((q: { queue: string }) => q.queue === 'quality').headcount).toBeNull();
      // Ranked: the shortfall first, in English and Chinese.
      const [top] = body.warnings;
      expect(top).toMatchObject({ kind: 'shortfall', queues: ['returns'], severity: expect.any(Number) });
      expect(top.messages.en).toBe(top.message);
      expect(top.messages.en).toContain(`short of ${s.peakShortfall.agents} agents`);
      expect(top.messages.zh).toContain(`缺 ${s.peakShortfall.agents} 名坐席`);
      // The dry run's warnings keep both languages too.
      const diff = (await small.inject({ url: '/api/dispatch-rules/diff?horizon=3d', headers: auth.planner })).json();
      expect(diff.warnings[0]).toMatchObject({ kind: 'shortfall', messages: { zh: expect.stringContaining('缺') } });
    } finally {
      await small.close();
    }
  });

  it('names each queue in both languages, and an export in its language (a plain name in both)', async () => {
    const view = (await get('/api/staffing?horizon=3d')).json();
    expect(view.queues.map((q: { names: unknown }) => q.names)).toEqual([{ zh: '售后退换货', en: 'Returns & exchanges' }, { zh: '质量问题', en: '质量问题' }]);
    const forecast = (await get('/api/forecast?queue=returns&horizon=3d')).json();
    expect(forecast.queues[0]).toMatchObject({ name: '售后退换货', names: { zh: '售后退换货', en: 'Returns & exchanges' } });
    const column = (csv: string) => new Set(csv.slice(1).split('\r\n').slice(1, -1).filter((l) => l.startsWith('returns,')).map((l) => l.split(',')[1]));
    expect(column((await get('/api/staffing?queue=returns&horizon=3d&format=csv&lang=en')).body)).toEqual(new Set(['Returns & exchanges']));
    expect(column((await get('/api/staffing?queue=returns&horizon=3d&format=csv&lang=zh')).body)).toEqual(new Set(['售后退换货']));
  });

  it('exports XLSX for planners', async () => {
    const res = await get('/api/staffing?queue=quality&horizon=3d&format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/staffing_queue-quality_horizon-3d_2026-03-0\d_2026-03-0\d\.xlsx/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Queue');
    expect(sheet.rowCount).toBeGreaterThan(1);
  });
});

describe('dispatch rules write-back', () => {
  it('shows the diff on a dry run and writes nothing', async () => {
    const res = await get('/api/dispatch-rules/diff?queue=returns&horizon=3d');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ dryRun: true, changed: true, versionId: null, queues: ['returns'] });
    expect(body.diff).toMatch(/^--- a\/dispatch-rules\.yaml\n\+\+\+ b\/dispatch-rules\.yaml\n/);
    expect(body.diff).toContain('+    staffing:');
    expect(readFileSync(files.rulesPath, 'utf8')).toBe(RULES);
  });

  it('applies for planners: staffing written in place, comments kept, version recorded with who', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/dispatch-rules/apply', headers: auth.manager, payload: {} })).statusCode).toBe(403);
    const res = await app.inject({ method: 'POST', url: '/api/dispatch-rules/apply', headers: auth.planner, payload: { queue: ['returns', 'quality'], horizon: '3d' } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.versionId).toBeGreaterThan(0);
    // The token's name and role, never its id.
    expect(body.appliedBy).toBe('planner token (planner)');
    expect(body.summary.map((q: { queue: string }) => q.queue)).toEqual(['returns', 'quality']);
    expect(body.summary[0].after.peakAgents).toBeGreaterThan(0);
    const text = readFileSync(files.rulesPath, 'utf8');
    for (const line of RULES.split('\n')) expect(text).toContain(line);
    const { rules } = loadDispatchRules(files.rulesPath);
    expect(rules.queues.map((q) => q.id)).toEqual(['returns', 'quality']);
    const versions = (await get('/api/dispatch-rules/versions')).json();
    expect(versions.rows[0]).toMatchObject({ version: body.versionId, applied_by: body.appliedBy, forecast_run: body.runId, queues: 'returns, quality' });
    expect(versions.rows[0].diff).toBe(body.diff);
    const staffed = await w.db.runAndReadAll('SELECT count(*), min(scheduled_agents) >= 0 FROM staffing_applied WHERE version_id = $v', { v: body.versionId });
    expect(Number(staffed.getRows()[0]![0])).toBeGreaterThan(0);
    // The same staffing again: nothing changes and no version is added.
    const again = (await app.inject({ method: 'POST', url: '/api/dispatch-rules/apply', headers: auth.planner, payload: { queue: ['returns', 'quality'], horizon: '3d', run: body.runId } })).json();
    expect(again).toMatchObject({ changed: false, versionId: null, diff: '' });
  });

  it('shows a version and rolls back to it as a new version, for planners; managers may look, not roll back', async () => {
    const versions = (await get('/api/dispatch-rules/versions')).json().rows as { version: number }[];
    const first = versions[versions.length - 1]!.version;
    const shown = (await get(`/api/dispatch-rules/versions/${first}`)).json();
    expect(shown).toMatchObject({ version: first, appliedBy: 'planner token (planner)', restores: null, path: 'dispatch-rules.yaml' });
    expect((await get('/api/dispatch-rules/versions/999')).statusCode).toBe(404);
    // A second apply (twice the volume) to roll back from.
    const second = (await app.inject({ method: 'POST', url: '/api/dispatch-rules/apply', headers: auth.planner, payload: { queue: ['returns'], horizon: '3d', volume_factor: 2 } })).json();
    expect(second.versionId).toBeGreaterThan(first);
    const before = readFileSync(files.rulesPath, 'utf8');
    expect(before).not.toBe(shown.content);
    const url = `/api/dispatch-rules/versions/${first}/rollback`;
    expect((await app.inject({ method: 'POST', url, headers: auth.manager, payload: {} })).statusCode).toBe(403);
    const dry = (await app.inject({ method: 'POST', url, headers: auth.planner, payload: { dryRun: true } })).json();
    expect(dry).toMatchObject({ dryRun: true, versionId: null, restored: first });
    expect(readFileSync(files.rulesPath, 'utf8')).toBe(before);
    const undone = await app.inject({ method: 'POST', url, headers: auth.planner });
    expect(undone.statusCode).toBe(200);
    const back = undone.json();
    expect(readFileSync(files.rulesPath, 'utf8')).toBe(shown.content);
    expect(back.versionId).toBeGreaterThan(second.versionId);
    expect((await get(`/api/dispatch-rules/versions/${back.versionId}`)).json()).toMatchObject({ restores: first, content: shown.content });
    expect((await get('/api/dispatch-rules/versions')).json().rows[0]).toMatchObject({ version: back.versionId, restores: first });
  });

  it('answers 409 naming line and column when the dispatch rules are invalid', async () => {
    const good = readFileSync(files.rulesPath, 'utf8');
    const bad = good.replace('strategy: skill_match', 'strategy: fastest');
    const line = bad.split('\n').findIndex((l) => l.includes('fastest')) + 1;
    writeFileSync(files.rulesPath, bad);
    try {
      const res = await get('/api/dispatch-rules/diff?queue=quality&horizon=3d');
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ error: 'DispatchRulesError', issues: [{ line, column: 15, path: 'queues[1].strategy' }] });
      expect(res.json().message).toContain(`dispatch-rules.yaml:${line}:15: queues[1].strategy: expected one of round_robin`);
      // A planner is told the file by name; the server path is for admins.
      expect(res.json().message).not.toContain(dirname(files.rulesPath));
      expect((await get('/api/dispatch-rules/diff?queue=quality&horizon=3d', 'admin')).json().message).toContain(files.rulesPath);
    } finally {
      writeFileSync(files.rulesPath, good);
    }
  });
});

describe('a dispatch rules file that cannot be read', () => {
  it('answers 409 in en and zh, the file by name for a planner', async () => {
    const moved = `${files.rulesPath}.away`;
    renameSync(files.rulesPath, moved);
    try {
      const res = await get('/api/dispatch-rules/diff?queue=quality&horizon=3d');
      expect(res.statusCode).toBe(409);
      const body = res.json();
      expect(body).toMatchObject({ error: 'DispatchRulesError', message: body.label.en });
      expect(body.label.en).toBe('dispatch-rules.yaml: cannot read the dispatch rules (no such file); check dispatch_rules in the config\n'
        + 'fix the dispatch rules file (dispatch-rules.yaml), then try again');
      expect(body.label.zh).toBe('dispatch-rules.yaml: 无法读取分派规则（找不到该文件）：请检查配置中的 dispatch_rules\n请修正分派规则文件（dispatch-rules.yaml）后重试');
      expect((await get('/api/dispatch-rules/diff?queue=quality&horizon=3d', 'admin')).json().label.zh).toContain(files.rulesPath);
    } finally {
      renameSync(moved, files.rulesPath);
    }
  });
});

describe('a dispatch rules file that is not valid', () => {
  it('answers 409 with every problem in en and zh, at its line and column', async () => {
    const before = readFileSync(files.rulesPath, 'utf8');
    writeFileSync(files.rulesPath, before.replace(/^timezone: .*$/m, 'timezone: Mars/Olympus'));
    try {
      const body = (await get('/api/dispatch-rules/diff?queue=quality&horizon=3d')).json();
      expect(body.error).toBe('DispatchRulesError');
      expect(body.label.en).toMatch(/^dispatch-rules\.yaml:\d+:\d+: timezone: expected an IANA time zone such as Asia\/Shanghai, got "Mars\/Olympus"\n/);
      expect(body.label.zh).toMatch(/^dispatch-rules\.yaml:\d+:\d+: timezone: 应为 IANA 时区，例如 Asia\/Shanghai，实际为 "Mars\/Olympus"\n请修正分派规则文件/);
      writeFileSync(files.rulesPath, `${before}\n  - id: [broken\n`);
      const syntax = (await get('/api/dispatch-rules/diff?queue=quality&horizon=3d')).json();
      expect(syntax.label.en).toContain(': YAML syntax: ');
      expect(syntax.label.zh).toContain(': YAML 语法错误：');
      expect(syntax.label.zh).not.toContain('YAML syntax');
    } finally {
      writeFileSync(files.rulesPath, before);
    }
  });
});

describe('GET /api/forecast/accuracy', () => {
  it('shows each kept forecast\'s error per queue and days ahead once the arrivals are in', async () => {
    // A forecast made a week before the data ends: its seven days have come in since.
    const until = DateTime.fromISO('2026-02-23T00:00', { zone: ZONE }).toMillis();
    const { dispatch } = loadDispatchRules(files.rulesPath);
    const past = await forecastQueues({ db: w, config: { timezone: ZONE, default_calendar: 'office' }, dispatch, queues: ['returns'], horizon: '7d', until, generatedAt: until });
    const res = await get(`/api/forecast/accuracy?run=${past.runId}`);
    expect(res.statusCode).toBe(200);
    const rows = res.json().rows as { run: number; queue: string; horizon_day: number; periods: number; wape: number }[];
    expect(rows.map((r) => r.horizon_day)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(rows.every((r) => r.run === past.runId && r.queue === 'returns')).toBe(true);
    // Every 08:00-22:00 hour of the week, but the last evening's hours after the latest ticket.
    expect(rows[0]!.periods).toBe(rows.slice(1).reduce((n, r) => n + r.periods, 0));
    expect(rows[0]!.periods).toBeGreaterThan(7 * 14 - 4);
    expect(rows[0]!.wape).toBeLessThan(0.3);
    const csv = await get(`/api/forecast/accuracy?run=${past.runId}&format=csv`);
    expect(csv.headers['content-disposition']).toMatch(/forecast-accuracy_run-\d+_2026-02-23_2026-02-23\.csv/);
  });
});

describe('forecasts kept by reads', () => {
  const query = '/api/forecast?queue=quality&horizon=5d&interval=60m';
  const cached = (res: { headers: Record<string, unknown> }) => res.headers['x-forecast-cache'];

  it('fits once for identical reads, concurrent or not; staffing and the diff use that forecast; a write makes the next read fit anew', async () => {
    const pair = await Promise.all([get(query), get(query)]);
    expect(pair.map(cached).sort()).toEqual(['hit', 'miss']);
    const made = pair[0].json().generatedAt;
    expect(pair[1].json().generatedAt).toBe(made);
    const third = await get(query);
    expect(cached(third)).toBe('hit');
    expect(third.json()).toEqual(pair[0].json());
    // The view is kept with the forecast per history length: a shorter history is its own view of it.
    const historyRows = (res: { json: () => { table: { rows: { kind: unknown }[] } } }) => res.json().table.rows.filter((r) => r.kind === 'history').length;
    const shorter = await get(`${query}&history=2`);
    expect(cached(shorter)).toBe('hit');
    expect(historyRows(shorter)).toBe(48);
    expect(historyRows(third)).toBeGreaterThan(48);
    // The same queue, interval and horizon: one forecast behind all three views.
    const staffing = (await get('/api/staffing?queue=quality&horizon=5d')).json();
    expect(Date.parse(staffing.generatedAt)).toBe(Date.parse(made));
    const diff = await get('/api/dispatch-rules/diff?queue=quality&horizon=5d&volume_factor=1.2');
    expect(cached(diff)).toBe('hit');
    // Another horizon is another forecast.
    expect(cached(await get('/api/forecast?queue=quality&horizon=4d'))).toBe('miss');

    const ingest = { authorization: `Bearer ${(await createToken(w.db, { role: 'ingest', createdBy: 'test' })).token}` };
    const event = { event_id: 'kept-1', ticket_id: 'KEPT-1', type: 'created', occurred_at: '2026-02-20T10:00:00+08:00', channel: 'email', team_id: 'returns' };
    const posted = await app.inject({ method: 'POST', url: '/api/events', headers: { ...ingest, 'content-type': 'application/json' }, payload: JSON.stringify([event]) });
    expect(posted.json()).toMatchObject({ accepted: 1 });
    const after = await get(query);
    expect(cached(after)).toBe('miss');
    expect(after.json().generatedAt).not.toBe(made);
  });

  it('forecasts each queue once however often the query names it', async () => {
    const once = await get('/api/forecast?queue=returns&horizon=2d');
    const repeated = await get(`/api/forecast?${Array.from({ length: 100 }, () => 'queue=returns').join('&')}&horizon=2d`);
    expect(repeated.statusCode).toBe(200);
    // The same forecast as for one mention: found kept, not fitted a hundred times.
    expect(cached(repeated)).toBe('hit');
    expect(repeated.json().queues.map((q: { queue: string }) => q.queue)).toEqual(['returns']);
    expect(repeated.json().generatedAt).toBe(once.json().generatedAt);
    const all = await get(`/api/forecast?${Array.from({ length: 100 }, () => 'queue=all').join('&')}&horizon=2d`);
    expect(all.statusCode).toBe(200);
    expect(all.json().queues).toHaveLength(1);
  });
});
