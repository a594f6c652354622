// The reply lag a replay draws for a queue's written tickets: the history's first-response times in
// open hours, from the days whose arrivals were nearest the replayed days'. A team's replies slow
// down on a heavy day (a promotion's week answers in hours, an ordinary week in minutes), and the
// 90 days before a week may hold a promotion: drawn from all of them, an ordinary week's replay was
// given the promotion's delays.
import { DOUBLE, LIST, VARCHAR, listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { DateTime } from 'luxon';
import type { DispatchQueueRule } from '../dispatch-rules/read-dispatch-rules.ts';
import { queueMatchParams, queueMatchSql } from '../series/queue-match-sql.ts';
import { LIVE_CHANNELS } from '../staffing/recommend.ts';
import { MIN_HISTORY_TICKETS } from './handling-history.ts';
import type { SimInput } from './simulation-model.ts';

/**
 * Longer first responses are left out of the lag (a ticket forgotten for days). Every written ticket
 * counts, those answered across a closing too, in open time: keeping only those answered before the
 * closing kept the short lags (a long one is likely to cross it) and halved the replay's FRT p90.
 */
const MAX_LAG_SECONDS = 72 * 3600;
/** History days taken for each replayed day: a week's worth, nearest in arrivals. */
const NEAREST_DAYS = 7;
const QUANTILES = 200;

// Every ticket of the queue counts as an arrival; the lag is a written ticket's first response in open time.
const TICKETS = `
  SELECT epoch_ms(created_at),
         CASE WHEN NOT list_contains($live_channels, coalesce(channel, '')) AND first_response_business_seconds <= $max_lag
              THEN first_response_business_seconds END
  FROM tickets
  WHERE created_at >= to_timestamp($from_ms::DOUBLE / 1000) AND created_at < to_timestamp($to_ms::DOUBLE / 1000)
    AND ${queueMatchSql()}`;

/** Local-day starts from `from` to `to` in `zone` (a day the clocks change is 23 or 25 hours). */
function dayStarts(from: number, to: number, zone: string): number[] {
  const starts: number[] = [];
  for (let day = DateTime.fromMillis(from, { zone }).startOf('day'); day.toMillis() < to; day = day.plus({ days: 1 })) starts.push(day.toMillis());
  return starts;
}

/** Index of the day holding t (starts ascending, t at or after the first). */
function dayOf(starts: readonly number[], t: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

interface HistoryDay { arrivals: number; lags: number[] }

/**
 * Quantiles at (k + 0.5) / 200 of the lags of the history days nearest in arrivals (on a log scale)
 * to each replayed day, a day counted once for each replayed day it is near; null with fewer than
 * MIN_HISTORY_TICKETS lags.
 */
export function nearestDaysLag(history: readonly HistoryDay[], replayed: readonly number[]): number[] | null {
  const days = history.filter((d) => d.arrivals > 0);
  const pooled: number[] = [];
  for (const arrivals of replayed) {
    const distance = (d: HistoryDay) => Math.abs(Math.log((d.arrivals + 1) / (arrivals + 1)));
    const nearest = [...days].sort((a, b) => distance(a) - distance(b)).slice(0, NEAREST_DAYS);
    for (const d of nearest) pooled.push(...d.lags);
  }
  if (pooled.length < MIN_HISTORY_TICKETS) return null;
  const sorted = Float64Array.from(pooled).sort();
  // Interpolated as DuckDB's quantile_cont (the handle-time quantiles' reading).
  return Array.from({ length: QUANTILES }, (_, k) => {
    const x = ((k + 0.5) / QUANTILES) * (sorted.length - 1);
    const i = Math.floor(x);
    return sorted[i]! + (x - i) * (sorted[Math.min(i + 1, sorted.length - 1)]! - sorted[i]!);
  });
}

/**
 * Per queue of the replay, the reply-lag quantiles for its written tickets: from the history
 * [from, to) days nearest in arrivals to each local day of the replayed window (its arrivals counted
 * from the replay's own). Queues with too few lags are left out (no lag drawn).
 */
export async function replyLags(db: DuckDBConnection, rules: readonly DispatchQueueRule[], input: SimInput, zone: string,
  from: number, to: number): Promise<Map<string, number[]>> {
  const { grid } = input;
  const windowDays = dayStarts(grid.start, grid.start + grid.count * grid.intervalMs, zone);
  const historyDays = dayStarts(from, to, zone);
  const result = new Map<string, number[]>();
  for (const [q, rule] of rules.entries()) {
    const replayed = new Array<number>(windowDays.length).fill(0);
    for (const a of input.arrivals) if (a.queue === q && !a.reopen) replayed[dayOf(windowDays, a.at)]! += 1;
    const matched = queueMatchParams(rule.match);
    const values: Record<string, DuckDBValue> = {
      ...matched.values, from_ms: from, to_ms: to, live_channels: listValue([...LIVE_CHANNELS]), max_lag: MAX_LAG_SECONDS,
    };
    const rows = (await db.runAndReadAll(TICKETS, values, { ...matched.types, live_channels: LIST(VARCHAR), max_lag: DOUBLE })).getRows();
    const history: HistoryDay[] = historyDays.map(() => ({ arrivals: 0, lags: [] }));
    for (const [at, lag] of rows) {
      const day = history[dayOf(historyDays, Number(at))]!;
      day.arrivals += 1;
      if (lag !== null) day.lags.push(Number(lag));
    }
    const lags = nearestDaysLag(history, replayed);
    if (lags) result.set(rule.id, lags);
  }
  return result;
}
