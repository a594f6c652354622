-- The tickets behind a chart mark: those whose instant $on falls in [$start, $end) (created, last
-- resolved, rated; each as the metrics count it: sql/kpis.sql), or, for $on = 'open', those open at
-- $now (as sql/live-open.sql counts them; the range plays no part), narrowed by what the mark adds:
-- local hour and ISO weekday of that instant, the (last) rating, status now, first response bucket (measured
-- sources only) and age bucket of an open ticket (the frt_bucket and age_bucket macros, migrations/0025),
-- or only those with a measured first response ($measured: the tickets a first response median counts).
-- Filters and the team scope as in every ticket list.
-- ticket-list.ts adds the ORDER BY (from its declared list) and the page.
WITH scoped AS (
  SELECT t.*,
         CASE $on WHEN 'resolved' THEN t.resolved_at WHEN 'rated' THEN t.rated_at ELSE t.created_at END AS fact_at,
         CASE WHEN $business THEN t.first_response_business_seconds ELSE t.first_response_seconds END AS frt,
         CASE WHEN $business THEN t.resolution_business_seconds ELSE t.resolution_seconds END AS resolution
  FROM tickets t
  WHERE {{conditions:t}}
    AND CASE WHEN $on = 'open' THEN t.created_at <= $now::TIMESTAMPTZ AND coalesce({{done_at:t}} > $now::TIMESTAMPTZ, true)
             ELSE true END
)
SELECT ticket_id, created_at, team_id AS team, agent_id AS agent, channel, problem_type, product, status,
       frt AS first_response_seconds, resolution AS resolution_seconds, rating
FROM scoped
WHERE ($on = 'open' OR (fact_at >= $start AND fact_at < $end AND ($on <> 'rated' OR rating IS NOT NULL)))
  AND ($hour::INTEGER IS NULL OR hour({{local:fact_at}}) = $hour::INTEGER)
  AND ($weekday::INTEGER IS NULL OR isodow({{local:fact_at}}) = $weekday::INTEGER)
  AND ($rating::INTEGER IS NULL OR rating = $rating::INTEGER)
  AND ($status::VARCHAR IS NULL OR status = $status::VARCHAR)
  AND ($age_bucket::VARCHAR IS NULL OR age_bucket(epoch($now::TIMESTAMPTZ) - epoch(created_at)) = $age_bucket::VARCHAR)
  AND ($frt_bucket::VARCHAR IS NULL OR (first_response_rule IS NOT NULL AND frt_bucket(first_response_at, frt) = $frt_bucket::VARCHAR))
  AND ($measured::VARCHAR IS NULL OR (first_response_rule IS NOT NULL AND frt IS NOT NULL))
