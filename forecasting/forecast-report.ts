// Turns forecasts into what the CLI and API print: one report per queue (model, backtest scores,
// peaks, one row per future interval with its timestamp in the series' notation) as JSON or CSV
// (the CLI's text in en/zh: cli/commands/forecast-text.ts).
import type { HoldoutScore } from './backtest/holdout.ts';
import type { ForecastInterval, SeriesForecast } from './forecast-series.ts';
import type { ModelNote } from './models/model-note.ts';
import type { Peaks } from './peaks.ts';
import { intervalLabel } from './series/interval.ts';
import { isoAt } from '../warehouse/calendar/zoned-iso.ts';

export interface ReportInterval { timestamp: string; p10: number; p50: number; p90: number; inCalendarHours?: boolean }

export interface ReportScore {
  model: string;
  mase: number | null;
  /** MASE of the first open day after each origin. */
  day1Mase: number | null;
  wape: number | null;
  /** MASE on holidays, promotion days and the days around them (null: none was scored). */
  eventMase: number | null;
  coverage: number | null;
  /** Mean pinball loss of p10, p50, p90. */
  pinball: number | null;
  periods: number;
  /** What the model fitted, as an id and figures (cli/commands/forecast-text.ts words it). */
  note?: ModelNote;
}

export interface QueueReport {
  queue: string;
  name: string;
  zone: string;
  interval: string;
  historyStart: string;
  historyEnd: string;
  model: string;
  explanation: string;
  backtest: { origins: number; horizonPeriods: number; scores: ReportScore[] };
  holdout?: { days: number; scores: ReportScore[] };
  /** The top intervals by p50. */
  peaks: ReportInterval[];
  /** Every interval above the threshold, when one was given. */
  aboveThreshold?: { threshold: number; intervals: ReportInterval[] };
  intervals: ReportInterval[];
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const finite = (x: number, digits = 3) => (Number.isFinite(x) ? round(x, digits) : null);

/** ISO 8601 with the zone's offset, e.g. 2026-11-23T09:00:00+08:00 (warehouse/calendar/zoned-iso.ts). */
export function isoInZone(zone: string): (instant: number) => string {
  return (instant) => isoAt(instant, zone);
}

function row(i: ForecastInterval, format: (ms: number) => string): ReportInterval {
  return {
    timestamp: format(i.start), p10: round(i.p10), p50: round(i.p50), p90: round(i.p90),
    ...(i.inCalendarHours !== undefined ? { inCalendarHours: i.inCalendarHours } : {}),
  };
}

export function queueReport(args: {
  id: string; name: string; forecast: SeriesForecast; format: (instant: number) => string;
  peaks: Peaks<ForecastInterval>; threshold?: number; holdout?: { days: number; scores: HoldoutScore[] };
}): QueueReport {
  const { forecast: f, format } = args;
  const score = (s: HoldoutScore & { note?: ModelNote | null }): ReportScore => ({
    model: s.model, mase: finite(s.mase), day1Mase: finite(s.day1Mase), wape: finite(s.wape), eventMase: finite(s.eventMase), coverage: finite(s.coverage),
    pinball: finite(s.pinball), periods: s.periods,
    ...(s.note ? { note: s.note } : {}),
  });
  return {
    queue: args.id,
    name: args.name,
    zone: f.zone,
    interval: intervalLabel(f.intervalMinutes),
    historyStart: format(f.historyStart),
    historyEnd: format(f.historyEnd),
    model: f.model,
    explanation: f.explanation,
    backtest: { origins: f.backtest.origins, horizonPeriods: f.backtest.horizonPeriods, scores: f.scores.map(score) },
    ...(args.holdout ? { holdout: { days: args.holdout.days, scores: args.holdout.scores.map(score) } } : {}),
    peaks: args.peaks.top.map((p) => row(p, format)),
    ...(args.threshold !== undefined ? { aboveThreshold: { threshold: args.threshold, intervals: args.peaks.aboveThreshold.map((p) => row(p, format)) } } : {}),
    intervals: f.intervals.map((i) => row(i, format)),
  };
}

const csvField = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** CSV: one row per future interval of every queue. */
export function reportCsv(reports: readonly QueueReport[]): string {
  const lines = ['queue,timestamp,p10,p50,p90'];
  for (const r of reports) for (const i of r.intervals) lines.push([csvField(r.queue), csvField(i.timestamp), i.p10, i.p50, i.p90].join(','));
  return `${lines.join('\n')}\n`;
}
