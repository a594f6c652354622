// The staffing's reads of history (each queue's AHT per hour, the head counts) kept with the forecast
// they were read for: a forecast kept by the forecast cache lives until the next data write, and
// so do these (a WeakMap on it), so warm staffing, simulation and dispatch-rules reads query
// nothing. The dispatch queues' matches and the config's head counts are in the key: an edit of
// either reads anew. With the cache off (DESKPULSE_METRIC_CACHE=off) every forecast is new, and so is this.
import type { CurrentForecast } from '../../forecasting/current-forecast.ts';
import {
  configTeams, readStaffingHistory, type StaffingHistory, type StaffingInputOptions,
} from '../../forecasting/staffing/staffing-for-forecast.ts';

const kept = new WeakMap<CurrentForecast, Map<string, Promise<StaffingHistory>>>();

/** The history `forecast`'s queues are staffed from: read once per forecast and key, concurrent requests sharing the read. */
export function staffingHistoryFor(forecast: CurrentForecast, o: Omit<StaffingInputOptions, 'options' | 'now'>): Promise<StaffingHistory> {
  const teams = configTeams(o);
  const key = JSON.stringify([o.queues.map((q) => [q.id, q.match]), teams, o.ahtHistoryDays ?? null]);
  const byKey = kept.get(forecast) ?? new Map<string, Promise<StaffingHistory>>();
  kept.set(forecast, byKey);
  const found = byKey.get(key);
  if (found) return found;
  const read = readStaffingHistory(forecast.queues, { ...o, teams });
  byKey.set(key, read);
  // A read cut short (the request's query budget) is not kept: the next request reads again.
  read.catch(() => { if (byKey.get(key) === read) byKey.delete(key); });
  return read;
}
