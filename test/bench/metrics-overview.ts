// Overview query benchmark: `npm run bench -- metrics-overview [--tickets 2000000] [--runs 30]`.
// Fills a warehouse file with synthetic derived rows (tickets and agent replies, about 5 events per
// ticket, in time order as ingest writes them) over one year and times overview() for a one-year
// and a 28-day range. Prints JSON.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Warehouse } from '../../warehouse/database.ts';
import { loadConfig } from '../../warehouse/config.ts';
import { syncConfig } from '../../warehouse/calendar/sync-config.ts';
import { overview } from '../../warehouse/metrics/overview.ts';
import type { MetricFilter } from '../../warehouse/metrics/filter.ts';

const { values } = parseArgs({ options: { tickets: { type: 'string', default: '2000000' }, runs: { type: 'string', default: '30' } } });
const dir = mkdtempSync(join(tmpdir(), 'deskpulse-overview-bench-'));
const w = await Warehouse.open(join(dir, 'bench.duckdb'));
await syncConfig(w.db, loadConfig('config/deskpulse.yaml'));

const fillStarted = performance.now();
await w.db.run(`INSERT INTO tickets BY NAME
  WITH raw AS (
    SELECT i, TIMESTAMPTZ '2025-11-23 00:00:00+00' + to_seconds((hash(i) % 31536000)::BIGINT) AS created_at,
           (hash(i * 7) % 100)::INTEGER AS p, 60 + (hash(i * 13) % 86400)::DOUBLE AS frt, 600 + (hash(i * 17) % 259200)::DOUBLE AS res
    FROM range($n::BIGINT) t(i)
  )
  SELECT 'T' || i AS ticket_id, created_at, true AS has_created_event, created_at AS first_assigned_at,
         CASE WHEN p < 97 THEN created_at + to_seconds(frt::BIGINT) END AS first_response_at,
         CASE WHEN p < 90 THEN created_at + to_seconds(res::BIGINT) END AS first_resolved_at,
         CASE WHEN p < 85 THEN created_at + to_seconds(res::BIGINT) END AS resolved_at,
         NULL AS closed_at, created_at + to_seconds(res::BIGINT) AS last_event_at,
         CASE WHEN p < 85 THEN 'resolved' ELSE 'open' END AS status,
         ['returns','logistics','quality','presales','complaints','escalations'][1 + p % 6] AS team_id,
         'a' || (i % 300) AS agent_id, NULL AS created_team_id,
         ['web','app','phone','chat','email'][1 + (p // 7) % 5] AS channel,
         ['return_exchange','logistics','product_quality','pre_sales','complaint'][1 + (p // 3) % 5] AS problem_type,
         NULL AS problem_subtype, 'prod' || (p % 9) AS product, 'r' || (p % 7) AS region,
         ['low','normal','normal','high','urgent'][1 + (p // 11) % 5] AS priority, NULL AS customer_id,
         (p >= 85 AND p < 90)::INTEGER AS reopen_count, (p % 10 = 0)::INTEGER AS transfer_count, p % 25 = 0 AS escalated,
         1 + p % 3 AS agent_reply_count,
         CASE WHEN p % 4 = 0 THEN 1 + p % 5 END AS rating, CASE WHEN p % 4 = 0 THEN created_at + to_seconds(res::BIGINT + 3600) END AS rated_at,
         NULL AS rating_comment, 300 AS handle_seconds, 'shanghai' AS calendar_id,
         CASE WHEN p < 97 THEN frt END AS first_response_seconds, CASE WHEN p < 97 THEN frt / 3 END AS first_response_business_seconds,
         CASE WHEN p < 85 THEN res END AS resolution_seconds, CASE WHEN p < 85 THEN res / 3 END AS resolution_business_seconds,
         CASE WHEN p < 90 THEN res END AS first_resolution_seconds, CASE WHEN p < 90 THEN res / 3 END AS first_resolution_business_seconds,
         5 AS event_count
  FROM raw ORDER BY created_at`, { n: Number(values.tickets) });
await w.db.run(`INSERT INTO agent_replies
  SELECT ticket_id, ticket_id || '-' || k, agent_id, team_id, first_response_at + to_seconds(k * 7200), created_at,
         first_response_seconds + k * 7200, first_response_business_seconds + k * 2400, 120
  FROM tickets, range(2) r(k) WHERE first_response_at IS NOT NULL ORDER BY 5`);
const calendars = (await w.db.runAndReadAll('SELECT DISTINCT calendar_id FROM calendar_open_intervals')).getRows().map((r) => String(r[0]));
const counts = (await w.db.runAndReadAll('SELECT (SELECT count(*) FROM tickets), (SELECT count(*) FROM agent_replies)')).getRows()[0]!;
const fillSeconds = (performance.now() - fillStarted) / 1000;

const db = await w.connect();
const ranges: Record<string, MetricFilter> = {
  year: { from: '2025-11-23', to: '2026-11-22', timezone: 'Asia/Shanghai', clock: 'business' },
  days28: { from: '2026-10-26', to: '2026-11-22', timezone: 'Asia/Shanghai', clock: 'business' },
};
const ms: Record<string, Record<string, number>> = {};
for (const [name, filter] of Object.entries(ranges)) {
  const times: number[] = [];
  for (let i = 0; i < Number(values.runs); i++) {
    const started = performance.now();
    await overview(db, filter);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => +times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  ms[name] = { min: at(0), p50: at(0.5), p95: at(0.95), max: at(1) };
}
console.log(JSON.stringify({
  tickets: Number(counts[0]), replies: Number(counts[1]), calendars, fillSeconds: +fillSeconds.toFixed(1),
  runs: Number(values.runs), loadAverage: (await import('node:os')).loadavg()[0], ms,
}));
db.closeSync();
w.close();
rmSync(dir, { recursive: true, force: true });
