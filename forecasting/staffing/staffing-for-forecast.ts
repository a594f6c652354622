// Staffing input for a stored forecast run, in one call: each queue's AHT per local hour from the
// history before the forecast origin, its head count, the dispatch-rules queues, the options and
// "now" (the plan starts after it); recommendStaffing or whatIf then run on it (the CLI's apply
// and export, the API's staffing and dispatch routes).
import { existsSync } from 'node:fs';
import { resolveConfigPath, type TeamConfig } from '../../warehouse/config.ts';
import { readConfigFile } from '../../warehouse/config-file.ts';
import type { WarehouseSession } from '../warehouse-session.ts';
import { readAhtOfQueues, type QueueAht } from './aht.ts';
import { readHeadcount, type Headcount } from './headcount.ts';
import type { RecommendInput, StaffingOptions, StaffingQueue } from './recommend.ts';
import type { StoredQueueForecast } from './stored-forecast.ts';

const DAY = 86_400_000;

/** Days of history the AHT is averaged over (recent enough to reflect today's handling). */
export const AHT_HISTORY_DAYS = 90;

export interface StaffingInputOptions {
  session: WarehouseSession;
  /** Dispatch-rules queues (readDispatchRules(...).queues). */
  queues: readonly StaffingQueue[];
  options?: StaffingOptions;
  ahtHistoryDays?: number;
  /** The plan starts at the next interval from this; default the clock. */
  now?: number;
  /** The config's teams (their `headcount:`); default read from `configPath` (else $DESKPULSE_CONFIG or ./config/deskpulse.yaml) when it exists. */
  teams?: readonly Pick<TeamConfig, 'id' | 'headcount'>[];
  configPath?: string;
}

/**
 * The teams' `headcount:` from the config file, as its one reader checks it (a config that only names
 * a zone still plans; serve checks calendars and the rest at start-up).
 */
export function configTeams(o: Pick<StaffingInputOptions, 'teams' | 'configPath'>): readonly Pick<TeamConfig, 'id' | 'headcount'>[] {
  if (o.teams) return o.teams;
  const path = resolveConfigPath(o.configPath);
  if (!existsSync(path)) return [];
  return (readConfigFile(path).yaml.teams ?? []).flatMap((t) => (t.headcount === undefined ? [] : [{ id: t.id, headcount: t.headcount }]));
}

/** The team whose people work a queue: a dispatch-rules queue is its team's (same id), "team:ID" that team's. */
export function teamOfQueue(queueId: string): string {
  return queueId.startsWith('team:') ? queueId.slice('team:'.length) : queueId;
}

/** Head count per forecast queue, counted from the events before the forecast origin (days of work of a team without a calendar in the queues' zone). */
export async function readHeadcountPerQueue(session: WarehouseSession, forecasts: readonly StoredQueueForecast[],
  teams: readonly Pick<TeamConfig, 'id' | 'headcount'>[]): Promise<Map<string, Headcount>> {
  const result = new Map<string, Headcount>();
  if (forecasts.length === 0) return result;
  const byTeam = await readHeadcount(session.db, teams, Math.max(...forecasts.map((f) => f.historyEnd)), forecasts[0]!.zone);
  for (const f of forecasts) {
    const h = byTeam.get(teamOfQueue(f.queueId));
    if (h) result.set(f.queueId, h);
  }
  return result;
}

/** AHT per hour of each forecast queue, counted with its dispatch-rules match (else the forecast's); all queues in one query. */
export async function readAhtPerQueue(session: WarehouseSession, forecasts: readonly StoredQueueForecast[], queues: readonly StaffingQueue[],
  days = AHT_HISTORY_DAYS): Promise<Map<string, QueueAht>> {
  const requests = forecasts.map((f) => ({
    match: queues.find((q) => q.id === f.queueId)?.match ?? f.match, zone: f.zone, from: f.historyEnd - days * DAY, to: f.historyEnd,
  }));
  const aht = await readAhtOfQueues(session.db, requests);
  return new Map(forecasts.map((f, k) => [f.queueId, aht[k]!]));
}

/** What the staffing takes from history: each queue's AHT per hour and head count (the costly part, read once per forecast by the server). */
export type StaffingHistory = Pick<RecommendInput, 'aht' | 'headcount'>;

export async function readStaffingHistory(forecasts: readonly StoredQueueForecast[], o: Omit<StaffingInputOptions, 'options' | 'now'>): Promise<StaffingHistory> {
  return {
    aht: await readAhtPerQueue(o.session, forecasts, o.queues, o.ahtHistoryDays),
    headcount: await readHeadcountPerQueue(o.session, forecasts, configTeams(o)),
  };
}

/** Everything recommendStaffing / whatIf need for the run's queues; `history` when already read (readStaffingHistory). */
export async function staffingInput(forecast: { runId: number | null; generatedAt: number; queues: readonly StoredQueueForecast[] }, o: StaffingInputOptions,
  history?: StaffingHistory): Promise<RecommendInput> {
  const { aht, headcount } = history ?? await readStaffingHistory(forecast.queues, o);
  return {
    queues: o.queues,
    forecasts: forecast.queues,
    aht,
    headcount,
    now: o.now ?? Date.now(),
    ...(o.options ? { options: o.options } : {}),
    generatedAt: forecast.generatedAt,
    forecastRunId: forecast.runId,
  };
}
