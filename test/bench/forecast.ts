// Forecast benchmark (`npm run bench -- forecast [--db FILE] [--synthetic] [--tickets-per-day N]`):
// per queue of the demo warehouse (60 minutes and daily) and per held-out series the project was
// never tuned on (two generators with other shapes, the public helpdesk log at daily grain), every
// model's and the combination's MASE, day-1 MASE, WAPE (ordinary days), MASE on event days, p10-p90 coverage and pinball loss on
// held-out 14 days, averaged over 4 consecutive windows (the last 8 weeks: one window is too
// few days to rank models on), the backtest coverage of the chosen forecast, and whether each
// target is met: the chosen forecast beats both benchmarks and every single model, its p10-p90
// coverage is within 75-85% in the backtest, its pinball loss beats seasonal naive with empirical
// quantiles; beside it the best single model, its MASE gap and in how many windows it led, and a
// Diebold-Mariano test (HLN-corrected, one-sided) of whether the chosen forecast is significantly
// worse than that best single model, on the daily sums of its MASE-scaled absolute errors.
// Also the time of forecast + backtest of all queues. Prints JSON.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { DOUBLE, LIST, VARCHAR, listValue } from '@duckdb/node-api';
import { DateTime } from 'luxon';
import { parse } from 'yaml';
import { Warehouse } from '../../warehouse/database.ts';
import type { CanonicalEvent } from '../../warehouse/event-model.ts';
import { evaluateHoldout, type HoldoutScore } from '../../forecasting/backtest/holdout.ts';
import type { ModelScore } from '../../forecasting/backtest/rolling-origin.ts';
import { forecastQueues } from '../../forecasting/forecast.ts';
import { latestArrival } from '../../forecasting/series/warehouse-series.ts';
import type { Series } from '../../forecasting/series/series.ts';
import { loadDispatchQueues, readForecastSettings } from '../../forecasting/forecast-config.ts';
import type { ModelName } from '../../forecasting/models/model.ts';
import { loadSyntheticWarehouse } from '../forecasting/fixtures/synthetic-warehouse.ts';
import { eveningRetail, helpdeskDaily, weekdayOffice, type HeldOutSeries } from './support/held-out-series.ts';
import { dieboldMarianoWorse } from './support/diebold-mariano.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    synthetic: { type: 'boolean', default: false },
    'tickets-per-day': { type: 'string', default: '1000' },
    days: { type: 'string', default: '365' },
    end: { type: 'string' },
    holdout: { type: 'string', default: '14' },
    windows: { type: 'string', default: '4' },
    config: { type: 'string', default: 'config/deskpulse.yaml' },
  },
});

interface CalendarConfig { timezone?: string; hours: Record<string, string[]>; holidays?: (string | Date)[] }
interface DeskPulseYaml { timezone: string; calendars: Record<string, CalendarConfig>; teams: { id: string; calendar: string }[] }
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const iso = (d: string | Date) => (typeof d === 'string' ? d : d.toISOString()).slice(0, 10);

/** Calendars, teams and open intervals from the config, over the data's days and a month more. */
async function loadCalendars(warehouse: Warehouse, config: DeskPulseYaml, first: string, days: number): Promise<void> {
  for (const [id, cal] of Object.entries(config.calendars)) {
    const zone = cal.timezone ?? config.timezone;
    const holidays = (cal.holidays ?? []).map(iso);
    await warehouse.db.run('INSERT INTO calendars VALUES ($id, $zone, $definition::JSON)',
      { id, zone, definition: JSON.stringify({ hours: cal.hours, holidays }) });
    const starts: number[] = [];
    const ends: number[] = [];
    const before: number[] = [];
    let open = 0;
    for (let d = 0, day = DateTime.fromISO(first, { zone }); d < days + 31; d++, day = day.plus({ days: 1 })) {
      if (holidays.includes(day.toISODate()!)) continue;
      for (const span of cal.hours[WEEKDAYS[day.weekday - 1]!] ?? []) {
        const [from, to] = span.split('-').map((hm) => hm.split(':').map(Number)) as [number[], number[]];
        const s = day.set({ hour: from[0]!, minute: from[1]! }).toMillis();
        const e = day.set({ hour: to[0]!, minute: to[1]! }).toMillis();
        starts.push(s); ends.push(e); before.push(open);
        open += (e - s) / 1000;
      }
    }
    await warehouse.db.run(`INSERT INTO calendar_open_intervals
      SELECT $id, to_timestamp(unnest($s) / 1000), to_timestamp(unnest($e) / 1000), unnest($b)`,
    { id, s: listValue(starts), e: listValue(ends), b: listValue(before) }, { s: LIST(DOUBLE), e: LIST(DOUBLE), b: LIST(DOUBLE) });
  }
  for (const t of config.teams) await warehouse.db.run('INSERT INTO teams VALUES ($id, $id, $id, $cal)', { id: t.id, cal: t.calendar });
}

/** The demo generator's tickets (from their `created` events), straight into the tickets table. */
async function loadDemo(warehouse: Warehouse, config: DeskPulseYaml, days: number, ticketsPerDay: number, end?: string): Promise<{ tickets: number; first: string }> {
  const { generateDemo } = await import('../../ingest/demo/generate-demo.ts');
  const seen = new Set<string>();
  const cols = { id: [] as string[], at: [] as number[], channel: [] as string[], type: [] as string[], team: [] as string[] };
  for (const day of generateDemo({ days, ticketsPerDay, seed: 1, config: config as never, ...(end ? { end } : {}) }) as Iterable<CanonicalEvent[]>) {
    for (const e of day) {
      if (e.type !== 'created' || seen.has(e.ticket_id)) continue;
      seen.add(e.ticket_id);
      cols.id.push(e.ticket_id); cols.at.push(Date.parse(e.occurred_at)); cols.channel.push(e.channel ?? '');
      cols.type.push(e.problem_type ?? ''); cols.team.push(e.team_id ?? '');
    }
  }
  await warehouse.db.run(`
    INSERT INTO tickets (ticket_id, created_at, has_created_event, last_event_at, status, created_team_id, team_id, channel,
      problem_type, priority, reopen_count, transfer_count, escalated, agent_reply_count, handle_seconds, calendar_id, event_count)
    SELECT id, to_timestamp(created_ms / 1000), true, to_timestamp(created_ms / 1000), 'open', team, team, channel, type, 'normal', 0, 0, false, 0, 0, 'office', 1
    FROM (SELECT unnest($id) AS id, unnest($at) AS created_ms, unnest($channel) AS channel, unnest($type) AS type, unnest($team) AS team)`,
  { id: listValue(cols.id), at: listValue(cols.at), channel: listValue(cols.channel), type: listValue(cols.type), team: listValue(cols.team) },
  { id: LIST(VARCHAR), at: LIST(DOUBLE), channel: LIST(VARCHAR), type: LIST(VARCHAR), team: LIST(VARCHAR) });
  const first = DateTime.fromMillis(cols.at.reduce((a, b) => Math.min(a, b)), { zone: config.timezone }).toISODate()!;
  return { tickets: cols.id.length, first };
}

async function prepare(): Promise<{ warehouse: Warehouse; source: string; tickets: number | null }> {
  if (args.db) return { warehouse: await Warehouse.open(args.db), source: `warehouse ${args.db}`, tickets: null };
  const warehouse = await Warehouse.open(':memory:');
  const config = parse(readFileSync(args.config!, 'utf8')) as DeskPulseYaml;
  const days = Number(args.days);
  if (!args.synthetic) {
    try {
      const { tickets, first } = await loadDemo(warehouse, config, days, Number(args['tickets-per-day']), args.end);
      await loadCalendars(warehouse, config, first, days);
      return { warehouse, source: `demo generator, ${days} days, ${args['tickets-per-day']} tickets/day`, tickets };
    } catch (err) {
      process.stderr.write(`demo generator unavailable (${(err as Error).message.split('\n')[0]}); using synthetic arrivals\n`);
    }
  }
  const start = DateTime.now().setZone(config.timezone).minus({ days }).toISODate()!;
  const tickets = await loadSyntheticWarehouse(warehouse, {
    start, days, zone: config.timezone, holidays: (config.calendars.office?.holidays ?? []).map(iso), promotions: ['2026-06-18', '2026-11-11'],
    queues: [
      { team: 'returns', problemType: 'return_exchange', channels: ['web', 'app', 'phone'], calendar: 'extended', peakPerHour: 30 },
      { team: 'logistics', problemType: 'logistics', channels: ['chat', 'app'], calendar: 'extended', peakPerHour: 25 },
      { team: 'quality', problemType: 'product_quality', channels: ['phone', 'email'], calendar: 'office', peakPerHour: 14 },
      { team: 'install', problemType: 'installation', channels: ['phone'], calendar: 'office', peakPerHour: 10 },
      { team: 'presales', problemType: 'pre_sales', channels: ['chat'], calendar: 'extended', peakPerHour: 18 },
      { team: 'escalations', problemType: 'complaint', channels: ['phone'], calendar: 'office', peakPerHour: 6 },
    ],
  });
  return { warehouse, source: `synthetic, ${days} days`, tickets };
}

const r3 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null);
const BENCHMARKS: ModelName[] = ['weekday-slot-mean', 'day-type'];
const COVERAGE_TARGET = [0.75, 0.85] as const;

interface Evaluation {
  chosen: ModelName;
  explanation: string;
  /** Held-out days: every model and the combination. */
  scores: HoldoutScore[];
  /** The rolling-origin backtest before the cut. */
  backtest: ModelScore[];
  intervalBaseline: { coverage: number; pinball: number };
  /** Rolling origins of the backtest (the issue asks for at least 8). */
  origins: number;
  /** Per model, its MASE-scaled absolute errors summed per held-out day. */
  dailyLoss: Partial<Record<ModelName, number[]>>;
}

const mean = (xs: number[]) => { const f = xs.filter(Number.isFinite); return f.length > 0 ? f.reduce((a, b) => a + b, 0) / f.length : Number.NaN; };

/** The windows' evaluations as one: scores averaged per model (coverage weighted by periods), the choices listed. */
function pool(windows: Evaluation[]): Omit<Evaluation, 'dailyLoss'> & { choices: ModelName[] } {
  const models = windows[0]!.scores.map((s) => s.model);
  const scores = models.map((model): HoldoutScore => {
    const each = windows.map((w) => w.scores.find((s) => s.model === model)!);
    const periods = each.reduce((a, s) => a + s.periods, 0);
    return {
      model, mase: mean(each.map((s) => s.mase)), day1Mase: mean(each.map((s) => s.day1Mase)), wape: mean(each.map((s) => s.wape)), eventMase: mean(each.map((s) => s.eventMase)),
      coverage: each.reduce((a, s) => a + (Number.isFinite(s.coverage) ? s.coverage * s.periods : 0), 0) / Math.max(1, periods),
      pinball: mean(each.map((s) => s.pinball)), periods,
    };
  });
  // The "chosen forecast" of the pooled windows: each window's own choice, scored in its window.
  const chosenEach = windows.map((w) => w.scores.find((s) => s.model === w.chosen)!);
  const chosenPeriods = chosenEach.reduce((a, s) => a + s.periods, 0);
  const chosen: HoldoutScore = {
    model: 'chosen' as ModelName, mase: mean(chosenEach.map((s) => s.mase)), day1Mase: mean(chosenEach.map((s) => s.day1Mase)),
    wape: mean(chosenEach.map((s) => s.wape)), eventMase: mean(chosenEach.map((s) => s.eventMase)), pinball: mean(chosenEach.map((s) => s.pinball)), periods: chosenPeriods,
    coverage: chosenEach.reduce((a, s) => a + (Number.isFinite(s.coverage) ? s.coverage * s.periods : 0), 0) / Math.max(1, chosenPeriods),
  };
  const backtestCoverage = mean(windows.map((w) => w.backtest.find((s) => s.model === w.chosen)?.coverage ?? Number.NaN));
  return {
    chosen: 'chosen' as ModelName, choices: windows.map((w) => w.chosen), explanation: windows[0]!.explanation, origins: Math.min(...windows.map((w) => w.origins)),
    scores: [...scores, chosen],
    backtest: [{ ...windows[0]!.backtest[0]!, model: 'chosen' as ModelName, coverage: backtestCoverage }],
    intervalBaseline: { coverage: mean(windows.map((w) => w.intervalBaseline.coverage)), pinball: mean(windows.map((w) => w.intervalBaseline.pinball)) },
  };
}

/** One queue's or series' line over its windows: the scores and whether each target is met. */
function report(name: string, windows: Evaluation[]) {
  const e = pool(windows);
  const by = new Map(e.scores.map((s) => [s.model, s]));
  const chosen = by.get(e.chosen)!;
  // Every single model, including the ones chosen in some windows.
  const others = e.scores.filter((s) => s.model !== e.chosen && s.model !== 'combination');
  const benchmarks = BENCHMARKS.map((m) => by.get(m)!);
  const backtestCoverage = e.backtest.find((s) => s.model === e.chosen)?.coverage ?? Number.NaN;
  const lowest = (xs: number[]) => Math.min(...xs.filter(Number.isFinite));
  // The single model closest to the chosen forecast: by how much it trails (or leads), and in how
  // many windows the chosen forecast was ahead of it (how stable the ranking is).
  const best = others.reduce((a, s) => (s.mase < a.mase ? s : a));
  const ahead = windows.filter((w) => w.scores.find((s) => s.model === w.chosen)!.mase < w.scores.find((s) => s.model === best.model)!.mase).length;
  const dm = versusBest(windows, best.model);
  return {
    queue: name,
    chosen: e.choices,
    explanation: e.explanation,
    /** The fewest rolling origins of any window's backtest. */
    backtestOrigins: e.origins,
    models: Object.fromEntries(e.scores.map((s) => [s.model, {
      mase: r3(s.mase), day1Mase: r3(s.day1Mase), wape: r3(s.wape), eventMase: r3(s.eventMase), coverage: r3(s.coverage), pinball: r3(s.pinball),
    }])),
    benchmarks: Object.fromEntries(benchmarks.map((s) => [s.model, { mase: r3(s.mase), day1Mase: r3(s.day1Mase) }])),
    versusBestSingle: {
      model: best.model, mase: r3(best.mase), chosenMinusBest: r3(chosen.mase - best.mase), windowsAhead: `${ahead}/${windows.length}`,
      dieboldMariano: { days: dm.n, lag: dm.lag, statistic: r3(dm.statistic), pValue: r3(dm.pValue), margin: MARGIN, withinMarginPValue: r3(dm.withinMarginPValue) },
    },
    coverage: { backtest: r3(backtestCoverage), holdout: r3(chosen.coverage), target: COVERAGE_TARGET },
    pinball: { chosen: r3(chosen.pinball), seasonalNaiveEmpirical: r3(e.intervalBaseline.pinball), baselineCoverage: r3(e.intervalBaseline.coverage) },
    targets: {
      beatsBenchmarks: chosen.mase < lowest(benchmarks.map((s) => s.mase)),
      beatsBenchmarksDay1: !Number.isFinite(chosen.day1Mase) || chosen.day1Mase < lowest(benchmarks.map((s) => s.day1Mase)),
      beatsEverySingleModel: chosen.mase < lowest(others.map((s) => s.mase)),
      coverageInRange: backtestCoverage >= COVERAGE_TARGET[0] && backtestCoverage <= COVERAGE_TARGET[1],
      pinballBeatsBaseline: chosen.pinball < e.intervalBaseline.pinball,
      // Non-inferiority: not significantly worse (5%, one-sided) than the best single model in hindsight.
      notSignificantlyWorseThanBestSingle: !(dm.pValue < 0.05),
      // Shown non-inferior: significantly (5%) below the best single model's loss plus the margin.
      withinMarginOfBestSingle: dm.withinMarginPValue < 0.05,
    },
    periods: chosen.periods,
  };
}

/** Non-inferiority margin: the chosen forecast may lose up to this share more than the best single model. */
const MARGIN = 0.05;

/**
 * Diebold-Mariano of each window's chosen forecast against one single model, on the held-out days of
 * all windows in time order (windows[0] is the latest). Newey-West lag floor(4 (n/100)^(2/9)): 3 for
 * 40-56 days, as a day's error carries into the next few (the forecasts of a window share an origin).
 * Two tests: is it significantly worse, and (non-inferiority) is it significantly better than the
 * best single model's loss plus the margin.
 */
function versusBest(windows: Evaluation[], model: ModelName) {
  const inOrder = [...windows].reverse();
  const chosen = inOrder.flatMap((w) => w.dailyLoss[w.chosen] ?? []);
  const best = inOrder.flatMap((w) => w.dailyLoss[model] ?? []);
  const lag = Math.floor(4 * (chosen.length / 100) ** (2 / 9));
  const withinMargin = dieboldMarianoWorse(chosen, best.map((x) => x * (1 + MARGIN)), lag);
  return { ...dieboldMarianoWorse(chosen, best, lag), withinMarginPValue: 1 - withinMargin.pValue };
}

type Line = ReturnType<typeof report>;

function summary(lines: Line[]) {
  const count = (key: keyof Line['targets']) => `${lines.filter((l) => l.targets[key]).length}/${lines.length}`;
  return {
    beatsBenchmarks: count('beatsBenchmarks'), beatsBenchmarksDay1: count('beatsBenchmarksDay1'), beatsEverySingleModel: count('beatsEverySingleModel'),
    coverageInRange: count('coverageInRange'), pinballBeatsBaseline: count('pinballBeatsBaseline'),
    notSignificantlyWorseThanBestSingle: count('notSignificantlyWorseThanBestSingle'), withinMarginOfBestSingle: count('withinMarginOfBestSingle'),
  };
}

const setupStart = performance.now();
const { warehouse, source, tickets } = await prepare();
const setupSeconds = (performance.now() - setupStart) / 1000;
const settings = readForecastSettings(args.config);
const dispatch = loadDispatchQueues(settings.dispatchRulesPath);
const holdout = Number(args.holdout);
const base = { db: warehouse, config: settings.config, dispatch };

const windows = Number(args.windows);
const out: Record<string, unknown> = { source, tickets, cpus: availableParallelism(), setupSeconds: r3(setupSeconds), holdoutDays: holdout, windows };
const accuracyOut: Record<string, Line[]> = {};
const holdoutSeconds: Record<string, number | null> = {};
const latest = await latestArrival(warehouse.db);
const lastDay = DateTime.fromMillis(latest!, { zone: settings.config.timezone }).startOf('day');
for (const interval of ['60m', 'daily']) {
  const started = performance.now();
  const byQueue = new Map<string, Evaluation[]>();
  for (let k = 0; k < windows; k++) {
    const result = await forecastQueues({ ...base, interval, holdout, until: lastDay.minus({ days: k * holdout }).toMillis() });
    for (const q of result.queues) {
      byQueue.set(q.queue.id, [...(byQueue.get(q.queue.id) ?? []), {
        chosen: q.forecast.model, explanation: q.forecast.explanation, scores: q.holdout!.scores, backtest: q.forecast.scores,
        intervalBaseline: q.holdout!.intervalBaseline, origins: q.forecast.backtest.origins, dailyLoss: q.holdout!.dailyLoss,
      }]);
    }
    if (result.skipped.length > 0) out[`skipped ${interval}`] = result.skipped;
  }
  holdoutSeconds[interval] = r3((performance.now() - started) / 1000);
  accuracyOut[interval] = [...byQueue].map(([queue, e]) => report(queue, e));
}
out.accuracy = accuracyOut;

/** The first `days` days fewer of a series. */
function shortened(series: Series, days: number): Series {
  if (days === 0) return series;
  const end = series.times[series.times.length - 1]! - days * 86_400_000 + 1;
  const n = series.times.findIndex((t) => t >= end);
  return { ...series, times: series.times.slice(0, n), values: series.values.slice(0, n), open: series.open.slice(0, n) };
}

// Series the project never saw: the same pipeline as `deskpulse forecast --series FILE --events FILE --holdout 14d`.
const heldOut: HeldOutSeries[] = [eveningRetail(), weekdayOffice(), ...[helpdeskDaily()].filter((h): h is HeldOutSeries => h !== null)];
const heldOutStart = performance.now();
const heldOutLines = heldOut.map((h) => {
  const evaluations = Array.from({ length: windows }, (_, k) => evaluateHoldout(shortened(h.series, k * holdout), holdout, { events: h.events }));
  return { ...report(h.series.name, evaluations.map((e) => ({
    chosen: e.forecast.model, explanation: e.forecast.explanation, scores: e.scores, backtest: e.forecast.scores, intervalBaseline: e.intervalBaseline,
    origins: e.forecast.backtest.origins, dailyLoss: e.dailyLoss,
  }))), about: h.about, flaggedDays: evaluations[0]!.forecast.flaggedDays };
});
out.heldOut = heldOutLines;
out.cpuSecondsTotal = r3(process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6);
out.heldOutSeconds = r3((performance.now() - heldOutStart) / 1000);
out.targetsMet = {
  demo60m: summary(accuracyOut['60m']!), demoDaily: summary(accuracyOut.daily!), heldOut: summary(heldOutLines),
};

// Forecast + backtest of every queue over a year of hourly history, as `deskpulse forecast` runs it.
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const run = await forecastQueues({ ...base, interval: '60m', horizon: '14d' });
const cpu = process.cpuUsage(cpu0);
out.timing = {
  queues: run.queues.length,
  hourlyPeriodsPerQueue: run.queues.map((q) => Math.round((q.forecast.historyEnd - q.forecast.historyStart) / 3_600_000)),
  seconds: r3((performance.now() - t0) / 1000),
  // CPU time of this process: the wall time above depends on what else the machine runs.
  cpuSeconds: r3((cpu.user + cpu.system) / 1e6),
  targetSeconds: 10,
  // The first (cold) runs: backtest + forecast at the cut + every model scored on the held-out days.
  holdoutSeconds,
  storedRun: run.runId,
};
warehouse.close();
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
