// What every forecasting model gets and gives: one array of periods (history, then horizon) with
// their local calendar, and point forecasts from chosen origins using only data before each origin.
import type { FlaggedDay } from '../series/anomalies.ts';
import type { ModelNote } from './model-note.ts';
import type { PeriodCalendar } from '../series/series.ts';

/** Models that forecast on their own (the two benchmarks included). */
export type SingleModelName = 'seasonal-naive' | 'holt-winters' | 'calendar-regression' | 'weekday-slot-mean' | 'day-type';
/** What a forecast can come from: one model, or the combination of the best ones (backtest/combination.ts). */
export type ModelName = SingleModelName | 'combination';

/** Regressors per period (holidays, promotion days), one column per name. */
export interface CalendarFeatures {
  names: string[];
  columns: Float64Array[];
}

export interface ModelInput {
  /** Arrivals per period; only indices before an origin are read. */
  values: Float64Array;
  /** 1 where the period is open; closed periods are skipped in fitting and forecast as 0. */
  open: Uint8Array;
  calendar: PeriodCalendar;
  intervalMinutes: number;
  features: CalendarFeatures;
  /** History days whose flagged periods (outages, spikes) were made missing (open 0) before fitting. */
  flagged?: FlaggedDay[];
}

export interface ModelRun {
  /** forecasts[k][h]: forecast for period origins[k] + h, >= 0. */
  forecasts: Float64Array[];
  /** What was fitted (e.g. smoothing parameters), as an id and figures; null when nothing was. */
  note: ModelNote | null;
}

export interface ForecastModel {
  readonly name: SingleModelName;
  /** Whether it forecasts holidays and promotion days from the calendar features. */
  readonly usesEvents: boolean;
  /** Point forecasts for periods o .. o + horizon - 1 of each origin o, from data before o only. */
  forecast(input: ModelInput, origins: readonly number[], horizon: number): ModelRun;
}
