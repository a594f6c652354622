-- The tickets created in [$start, $end) that an SLA figure judges, each 'met' or 'breached' against
-- its $sla target ('first_response' or 'resolution'), exactly as sql/kpis.sql judges them for
-- sla_frt and sla_resolution (its `created` CTE: keep the two in step; ticket-list tests compare
-- the counts with the trend): answered or resolved within the policy's target is met, later is a
-- breach, and one still waiting or open past its target is a breach too; one still within its
-- target, unmeasured, or closed without a resolution is not judged (not listed).
WITH policy AS (
  SELECT priority, team_id,
         any_value(first_response_seconds) AS frt_target,
         any_value(resolution_seconds) AS resolution_target,
         any_value(clock) AS clock
  FROM sla_policies GROUP BY priority, team_id
),
base AS (
  SELECT t.ticket_id, t.created_at, t.calendar_id,
         t.first_response_at IS NOT NULL AS answered,
         t.first_response_rule IS NOT NULL AS frt_measured,
         {{done_at:t}} IS NULL AS open_now,
         CASE WHEN ps.priority IS NULL THEN pg.frt_target ELSE ps.frt_target END AS frt_target,
         CASE WHEN ps.priority IS NULL THEN pg.resolution_target ELSE ps.resolution_target END AS resolution_target,
         CASE WHEN ps.priority IS NULL THEN pg.clock ELSE ps.clock END AS policy_clock,
         t.first_response_seconds, t.first_response_business_seconds,
         t.resolution_seconds, t.resolution_business_seconds
  FROM tickets t
  LEFT JOIN policy ps ON ps.priority = t.priority AND ps.team_id = t.team_id
  LEFT JOIN policy pg ON pg.priority = t.priority AND pg.team_id IS NULL
  WHERE t.created_at >= $start AND t.created_at < $end AND {{conditions:t}}
),
running AS (
  SELECT ticket_id, calendar_id, created_at, policy_clock
  FROM base
  WHERE frt_target IS NOT NULL AND frt_measured AND NOT answered OR resolution_target IS NOT NULL AND open_now
),
elapsed AS (
  SELECT r.ticket_id,
         CASE WHEN r.policy_clock = 'business'
           THEN n.open_seconds - open_seconds_until(c.open_seconds_before, c.start_at, c.end_at, r.created_at)
           ELSE epoch($now::TIMESTAMPTZ) - epoch(r.created_at)
         END AS running_seconds
  FROM running r
  LEFT JOIN open_seconds_at($now::TIMESTAMPTZ) n USING (calendar_id)
  ASOF LEFT JOIN calendar_open_intervals c ON c.calendar_id = r.calendar_id AND r.created_at >= c.start_at
),
judged AS (
  SELECT b.ticket_id,
         CASE WHEN $sla = 'first_response' THEN
           CASE
             WHEN b.frt_target IS NULL OR NOT b.frt_measured THEN NULL
             WHEN b.answered THEN (CASE WHEN b.policy_clock = 'business' THEN b.first_response_business_seconds ELSE b.first_response_seconds END) <= b.frt_target
             WHEN e.running_seconds > b.frt_target THEN false
           END
         ELSE
           CASE
             WHEN b.resolution_target IS NULL THEN NULL
             WHEN b.resolution_seconds IS NOT NULL THEN (CASE WHEN b.policy_clock = 'business' THEN b.resolution_business_seconds ELSE b.resolution_seconds END) <= b.resolution_target
             WHEN b.open_now AND e.running_seconds > b.resolution_target THEN false
           END
         END AS met
  FROM base b LEFT JOIN elapsed e USING (ticket_id)
)
SELECT ticket_id, CASE WHEN met THEN 'met' ELSE 'breached' END AS sla_state
FROM judged
WHERE met IS NOT NULL
