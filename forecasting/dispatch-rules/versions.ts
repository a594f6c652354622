// Version history of the dispatch rules (migration 0005): each applied text with who, when, the
// model, the diff and the full content, and the staffing it carried, one row per queue x interval.
import { createHash } from 'node:crypto';
import { DOUBLE, INTEGER, LIST, listValue } from '@duckdb/node-api';
import type { WarehouseSession } from '../warehouse-session.ts';
import type { QueueRecommendation, StaffingRecommendation } from '../staffing/recommend.ts';

export interface NewVersion {
  appliedAt: number;
  appliedBy: string;
  path: string;
  model: string;
  before: string;
  after: string;
  diff: string;
  /** Queue ids whose staffing block was written. */
  queues: readonly string[];
}

export interface DispatchRuleVersion {
  versionId: number;
  appliedAt: number;
  appliedBy: string;
  path: string;
  model: string;
  forecastRunId: number | null;
  queues: string[];
  diff: string;
  content: string;
  previousSha256: string;
  contentSha256: string;
  /** A rollback: the version whose text it wrote back (migration 0019). */
  restoresVersion: number | null;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const finiteOrNull = (x: number | null) => (x !== null && Number.isFinite(x) ? x : null);

/**
 * Inserts the version and its staffing rows (call inside the transaction that writes the file); a
 * version that writes no staffing (a route from an alert) passes { forecastRunId: null, queues: [] }.
 */
export async function recordVersion(warehouse: WarehouseSession, v: NewVersion, staffing: Pick<StaffingRecommendation, 'forecastRunId' | 'queues'>): Promise<number> {
  const db = warehouse.db;
  const inserted = await db.runAndReadAll(`
    INSERT INTO dispatch_rule_versions (applied_at, applied_by, path, model, forecast_run_id, queues, diff, content, previous_sha256, content_sha256)
    VALUES (to_timestamp($applied_ms::DOUBLE / 1000), $who, $path, $model, $run, $queues::JSON, $diff, $content, $previous, $sha)
    RETURNING version_id`, {
    applied_ms: v.appliedAt, who: v.appliedBy, path: v.path, model: v.model, run: staffing.forecastRunId,
    queues: JSON.stringify(v.queues), diff: v.diff, content: v.after, previous: sha256(v.before), sha: sha256(v.after),
  });
  const versionId = Number(inserted.getRows()[0]![0]);
  for (const q of staffing.queues.filter((x) => v.queues.includes(x.queueId))) {
    if (q.intervals.length === 0) continue;
    const list = (pick: (i: QueueRecommendation['intervals'][number]) => number | null) => listValue(q.intervals.map(pick));
    // One set-based insert per queue: parallel lists unnested side by side.
    await db.run(`
      INSERT INTO staffing_applied (version_id, queue_id, method, model, start_at, minutes, arrivals, p50, p90, aht_seconds,
        agents, scheduled_agents, service_level, asa_seconds, probability_waiting, occupancy)
      SELECT $version, $queue, $method, $model, to_timestamp(unnest($starts) / 1000), unnest($minutes), unnest($arrivals),
        unnest($p50), unnest($p90), unnest($aht), unnest($agents), unnest($scheduled), unnest($sl), unnest($asa), unnest($pw), unnest($occ)`, {
      version: versionId, queue: q.queueId, method: q.method, model: q.model,
      starts: list((i) => i.start), minutes: list((i) => i.minutes), arrivals: list((i) => i.arrivals), p50: list((i) => i.p50),
      p90: list((i) => i.p90), aht: list((i) => i.ahtSeconds), agents: list((i) => i.agents), scheduled: list((i) => i.scheduledAgents),
      sl: list((i) => i.serviceLevel), asa: list((i) => finiteOrNull(i.asaSeconds)), pw: list((i) => i.probabilityOfWaiting), occ: list((i) => i.occupancy),
    }, {
      starts: LIST(DOUBLE), minutes: LIST(INTEGER), arrivals: LIST(DOUBLE), p50: LIST(DOUBLE), p90: LIST(DOUBLE), aht: LIST(DOUBLE),
      agents: LIST(INTEGER), scheduled: LIST(INTEGER), sl: LIST(DOUBLE), asa: LIST(DOUBLE), pw: LIST(DOUBLE), occ: LIST(DOUBLE),
    });
  }
  return versionId;
}

/**
 * Records a rollback: `restored`'s text written back as a new version (same model, forecast run,
 * queues and staffing rows), by `who` at `appliedAt`, with the diff from the text it replaced.
 */
export async function recordRollback(warehouse: WarehouseSession, restored: DispatchRuleVersion,
  v: { appliedAt: number; appliedBy: string; before: string; diff: string }): Promise<number> {
  const db = warehouse.db;
  const inserted = await db.runAndReadAll(`
    INSERT INTO dispatch_rule_versions (applied_at, applied_by, path, model, forecast_run_id, queues, diff, content, previous_sha256, content_sha256, restores_version)
    SELECT to_timestamp($applied_ms::DOUBLE / 1000), $who, path, model, forecast_run_id, queues, $diff, content, $previous, content_sha256, version_id
    FROM dispatch_rule_versions WHERE version_id = $restored
    RETURNING version_id`, {
    applied_ms: v.appliedAt, who: v.appliedBy, diff: v.diff, previous: sha256(v.before), restored: restored.versionId,
  });
  const versionId = Number(inserted.getRows()[0]![0]);
  await db.run(`
    INSERT INTO staffing_applied SELECT * REPLACE ($version AS version_id) FROM staffing_applied WHERE version_id = $restored`,
  { version: versionId, restored: restored.versionId });
  return versionId;
}

const VERSION_COLUMNS = `version_id, epoch_ms(applied_at), applied_by, path, model, forecast_run_id, CAST(queues AS VARCHAR),
  diff, content, previous_sha256, content_sha256, restores_version`;

function toVersion(row: readonly unknown[]): DispatchRuleVersion {
  return {
    versionId: Number(row[0]), appliedAt: Number(row[1]), appliedBy: String(row[2]), path: String(row[3]), model: String(row[4]),
    forecastRunId: row[5] === null ? null : Number(row[5]), queues: JSON.parse(String(row[6])) as string[],
    diff: String(row[7]), content: String(row[8]), previousSha256: String(row[9]), contentSha256: String(row[10]),
    restoresVersion: row[11] === null ? null : Number(row[11]),
  };
}

/** The newest versions first (of one file when `path` is given). */
export async function listVersions(warehouse: WarehouseSession, options: { path?: string; limit?: number } = {}): Promise<DispatchRuleVersion[]> {
  const reader = await warehouse.db.runAndReadAll(`
    SELECT ${VERSION_COLUMNS} FROM dispatch_rule_versions
    WHERE $path IS NULL OR path = $path
    ORDER BY version_id DESC
    LIMIT $limit`, { path: options.path ?? null, limit: options.limit ?? 50 });
  return reader.getRows().map(toVersion);
}

export async function getVersion(warehouse: WarehouseSession, versionId: number): Promise<DispatchRuleVersion | null> {
  const reader = await warehouse.db.runAndReadAll(`SELECT ${VERSION_COLUMNS} FROM dispatch_rule_versions WHERE version_id = $id`, { id: versionId });
  const row = reader.getRows()[0];
  return row ? toVersion(row) : null;
}
