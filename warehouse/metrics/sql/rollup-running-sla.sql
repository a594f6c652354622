-- The SLA clocks still running at $now among the tickets created in [$start, $end), for the daily
-- rollup, which keeps the verdicts of the stopped ones (rollups/daily-rollup-refresh.sql): how many
-- are breached already, judged as sql/kpis.sql judges them (measure-macros.sql); a running clock
-- within its target is not judged yet. Only the unanswered or open tickets are read (open_tickets,
-- migrations/0031).
WITH running AS (
  SELECT ticket_id, calendar_id, created_at, policy.clock AS clock,
         CASE WHEN frt_measured AND first_response_at IS NULL THEN policy.frt_target END AS frt_target,
         CASE WHEN done_at IS NULL THEN policy.resolution_target END AS resolution_target
  FROM (
    SELECT t.ticket_id, t.calendar_id, t.created_at, t.first_response_at, t.first_response_rule IS NOT NULL AS frt_measured,
           t.done_at, sla_policy_of(t.priority, t.team_id) AS policy
    FROM open_tickets t
    WHERE t.created_at >= $start AND t.created_at < $end
  )
),
elapsed AS (
  SELECT r.frt_target, r.resolution_target,
         in_policy_clock(r.clock, epoch($now::TIMESTAMPTZ) - epoch(r.created_at),
                         n.open_seconds - open_seconds_until(c.open_seconds_before, c.start_at, c.end_at, r.created_at)) AS running_seconds
  FROM (FROM running WHERE frt_target IS NOT NULL OR resolution_target IS NOT NULL) r
  LEFT JOIN open_seconds_at($now::TIMESTAMPTZ) n USING (calendar_id)
  ASOF LEFT JOIN calendar_open_intervals c ON c.calendar_id = r.calendar_id AND r.created_at >= c.start_at
)
SELECT count(*) FILTER (WHERE NOT sla_met(sla_state(frt_target, false, running_seconds))) AS sla_frt_breached,
       count(*) FILTER (WHERE NOT sla_met(sla_state(resolution_target, false, running_seconds))) AS sla_resolution_breached
FROM elapsed
