// Loads the config's calendars, teams, SLA policies, step limits, promotion days, KPI targets and value names into the warehouse, and
// materialises each calendar's open intervals in UTC (2000-2040) with the open seconds before each
// interval, so SQL gets business seconds between two instants from two ASOF look-ups. Idempotent.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DeskPulseConfig, StepLimit } from '../config.ts';
import { saveValueLabels } from '../value-labels.ts';

/** Replaces the step limits (also on its own: `serve` reloads them when the config file changes). */
export async function syncStepLimits(db: DuckDBConnection, limits: readonly StepLimit[]): Promise<void> {
  await db.run('DELETE FROM step_limits');
  // One row per team x problem type a step limit names (null: any), in the order written.
  let position = 0;
  for (const l of limits) {
    for (const team of l.teams ?? [null]) {
      for (const problemType of l.problem_types ?? [null]) {
        await db.run('INSERT INTO step_limits VALUES ($1, $2, $3, $4, $5, $6)', [position++, l.status, team, problemType, l.limit, l.clock]);
      }
    }
  }
}

export async function syncConfig(db: DuckDBConnection, config: DeskPulseConfig): Promise<void> {
  await db.run('DELETE FROM calendars; DELETE FROM calendar_open_intervals; DELETE FROM teams; DELETE FROM sla_policies');
  for (const c of config.calendars) {
    await db.run('INSERT INTO calendars VALUES ($1, $2, $3::JSON)', [c.id, c.timezone, JSON.stringify({ hours: c.hours, holidays: c.holidays })]);
    const ranges = Object.entries(c.hours).flatMap(([dow, list]) => list.map(([open, close]) => ({ dow: Number(dow), open, close })));
    // Each local day's hours are converted with that day's own offset, so DST changes are right.
    await db.run(`INSERT INTO calendar_open_intervals
      SELECT $id, timezone($zone, d::TIMESTAMP + to_minutes(r.open::BIGINT)), timezone($zone, d::TIMESTAMP + to_minutes(r.close::BIGINT)), 0
      FROM range(DATE '2000-01-01', DATE '2041-01-01', INTERVAL 1 DAY) t(d),
           (SELECT unnest(from_json($ranges::JSON, '[{"dow":"INTEGER","open":"INTEGER","close":"INTEGER"}]'), recursive := true)) r
      WHERE isodow(d) = r.dow AND strftime(d, '%Y-%m-%d') NOT IN (SELECT unnest(from_json($holidays::JSON, '["VARCHAR"]')))`,
      { id: c.id, zone: c.timezone, ranges: JSON.stringify(ranges), holidays: JSON.stringify(c.holidays) });
  }
  await db.run(`UPDATE calendar_open_intervals c SET open_seconds_before = x.before
    FROM (SELECT calendar_id, start_at, coalesce(sum(epoch(end_at) - epoch(start_at)) OVER (PARTITION BY calendar_id ORDER BY start_at
            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before FROM calendar_open_intervals) x
    WHERE x.calendar_id = c.calendar_id AND x.start_at = c.start_at`);
  for (const t of config.teams) {
    await db.run('INSERT INTO teams VALUES ($1, $2, $3, $4)', [t.id, t.name_zh ?? null, t.name_en ?? null, t.calendar]);
  }
  for (const p of config.sla_policies) {
    await db.run('INSERT INTO sla_policies VALUES ($1, $2, $3, $4, $5)',
      [p.priority, p.team ?? null, p.first_response ?? null, p.resolution ?? null, p.clock]);
  }
  await syncStepLimits(db, config.step_limits);
  // The config's names win over any written before (e.g. by the demo); others are kept.
  await saveValueLabels(db, config.labels);
  await db.run(`INSERT OR REPLACE INTO settings VALUES ('default_calendar', $1)`, [config.default_calendar]);
  // Promotion days (local dates, a JSON list): what the problem types' expected counts take into account (problems.ts).
  await db.run(`INSERT OR REPLACE INTO settings VALUES ('promotions', $1)`, [JSON.stringify([...new Set(config.promotions.map((p) => p.date))].sort())]);
  // Their names, and the KPI targets, for the charts' marks and lines (annotations.ts).
  await db.run(`INSERT OR REPLACE INTO settings VALUES ('promotion_names', $1)`,
    [JSON.stringify(Object.fromEntries(config.promotions.filter((p) => p.name).map((p) => [p.date, p.name])))]);
  await db.run(`INSERT OR REPLACE INTO settings VALUES ('targets', $1)`, [JSON.stringify(config.targets)]);
}
