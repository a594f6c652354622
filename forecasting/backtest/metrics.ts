// Forecast accuracy on plain arrays: MASE (scaled by the in-sample seasonal-naive MAE), WAPE,
// and the share of actuals inside the p10-p90 interval. Closed periods are not passed in.

/** Mean absolute error of the seasonal naive forecast in-sample: |y[i] - y[previous same slot]|. */
export function seasonalNaiveScale(values: ArrayLike<number>, open: ArrayLike<number | boolean>, weekSlot: ArrayLike<number>,
  slotsPerWeek: number, end = values.length): number {
  const last = new Float64Array(slotsPerWeek).fill(Number.NaN);
  let sum = 0;
  let n = 0;
  for (let i = 0; i < end; i++) {
    if (!open[i]) continue;
    const s = weekSlot[i]!;
    const previous = last[s]!;
    if (!Number.isNaN(previous)) { sum += Math.abs(values[i]! - previous); n++; }
    last[s] = values[i]!;
  }
  return n > 0 ? sum / n : Number.NaN;
}

export function meanAbsoluteError(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(actual[i]! - forecast[i]!);
  return actual.length > 0 ? sum / actual.length : Number.NaN;
}

/** MASE = MAE / scale; NaN when the scale is 0 or unknown (a constant history). */
export function mase(actual: ArrayLike<number>, forecast: ArrayLike<number>, scale: number): number {
  return scale > 0 ? meanAbsoluteError(actual, forecast) / scale : Number.NaN;
}

/** WAPE = sum |actual - forecast| / sum actual. */
export function wape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let error = 0;
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    error += Math.abs(actual[i]! - forecast[i]!);
    total += Math.abs(actual[i]!);
  }
  return total > 0 ? error / total : Number.NaN;
}

/** Share of actuals with lower <= actual <= upper. */
export function coverage(actual: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  let inside = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i]! >= lower[i]! && actual[i]! <= upper[i]!) inside++;
  return actual.length > 0 ? inside / actual.length : Number.NaN;
}

/** Pinball (quantile) loss of forecasting quantile `q` as `predicted` when `actual` came. */
export function pinball(q: number, actual: number, predicted: number): number {
  return actual >= predicted ? q * (actual - predicted) : (1 - q) * (predicted - actual);
}

/** Mean pinball loss of the p10, p50 and p90 of each band. */
export function pinballLoss(actual: ArrayLike<number>, bands: readonly { p10: number; p50: number; p90: number }[]): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i]!;
    const b = bands[i]!;
    sum += (pinball(0.1, y, b.p10) + pinball(0.5, y, b.p50) + pinball(0.9, y, b.p90)) / 3;
  }
  return actual.length > 0 ? sum / actual.length : Number.NaN;
}
