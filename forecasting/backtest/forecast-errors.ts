// Error of a stored forecast against the arrivals that really came, per horizon day (day 1 =
// the first 24 hours after the forecast origin), so planners see how far ahead to trust it.
import { coverage, meanAbsoluteError, wape } from './metrics.ts';

export interface ForecastActual { start: number; p10: number; p50: number; p90: number; actual: number }

export interface HorizonError {
  /** 1-based day after the origin; 0 for the total over all days. */
  day: number;
  periods: number;
  actual: number;
  forecast: number;
  mae: number;
  wape: number;
  /** (forecast - actual) / actual over the day's periods: > 0 means over-forecast. */
  bias: number;
  /** Share of actuals within p10-p90. */
  coverage: number;
}

function summarise(day: number, rows: readonly ForecastActual[]): HorizonError {
  const actual = rows.map((r) => r.actual);
  const forecast = rows.map((r) => r.p50);
  const totalActual = actual.reduce((a, b) => a + b, 0);
  const totalForecast = forecast.reduce((a, b) => a + b, 0);
  return {
    day,
    periods: rows.length,
    actual: totalActual,
    forecast: totalForecast,
    mae: meanAbsoluteError(actual, forecast),
    wape: wape(actual, forecast),
    bias: totalActual > 0 ? (totalForecast - totalActual) / totalActual : Number.NaN,
    coverage: coverage(actual, rows.map((r) => r.p10), rows.map((r) => r.p90)),
  };
}

/** Errors per horizon day and in total (day 0) for the rows after `origin` (epoch ms). */
export function forecastErrors(rows: readonly ForecastActual[], origin: number): { byDay: HorizonError[]; total: HorizonError } {
  const byDay = new Map<number, ForecastActual[]>();
  for (const r of rows) {
    const day = Math.floor((r.start - origin) / 86_400_000) + 1;
    byDay.set(day, [...(byDay.get(day) ?? []), r]);
  }
  return {
    byDay: [...byDay.entries()].sort((a, b) => a[0] - b[0]).map(([day, dayRows]) => summarise(day, dayRows)),
    total: summarise(0, rows),
  };
}
