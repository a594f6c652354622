-- The tickets created in [$start, $end) that an SLA figure judges, each 'met' or 'breached' against
-- its $sla target ('first_response' or 'resolution'), by the judgement sql/kpis.sql gives sla_frt
-- and sla_resolution (its `created` CTE; both from measure-macros.sql; ticket-list tests compare the
-- counts with the trend): answered or resolved within the policy's target is met, later is a
-- breach, and one still waiting or open past its target is a breach too; one still within its
-- target, unmeasured, or closed without a resolution is not judged (not listed). With each, the
-- policy's clock, its target and the time the judgement used in that clock (until the response or
-- resolution, or until $now while it runs), which the filter's clock may not be.
WITH ticket AS (
  SELECT t.ticket_id, t.created_at, t.calendar_id, t.first_response_rule,
         sla_policy_of(t.priority, t.team_id) AS policy,
         CASE WHEN $sla = 'first_response' THEN t.first_response_at IS NOT NULL ELSE {{done_at:t}} IS NOT NULL END AS stopped,
         CASE WHEN $sla = 'first_response' THEN t.first_response_seconds ELSE t.resolution_seconds END AS calendar_seconds,
         CASE WHEN $sla = 'first_response' THEN t.first_response_business_seconds ELSE t.resolution_business_seconds END AS business_seconds
  FROM tickets t
  WHERE t.created_at >= $start AND t.created_at < $end AND {{conditions:t}}
),
base AS (
  -- a source that measures no first response has no first response target
  SELECT *, CASE WHEN $sla = 'first_response' THEN CASE WHEN first_response_rule IS NOT NULL THEN policy.frt_target END
                 ELSE policy.resolution_target END AS target_seconds
  FROM ticket
),
elapsed AS (
  SELECT r.ticket_id,
         in_policy_clock(r.policy.clock, epoch($now::TIMESTAMPTZ) - epoch(r.created_at),
                         n.open_seconds - open_seconds_until(c.open_seconds_before, c.start_at, c.end_at, r.created_at)) AS running_seconds
  FROM (FROM base WHERE target_seconds IS NOT NULL AND NOT stopped) r
  LEFT JOIN open_seconds_at($now::TIMESTAMPTZ) n USING (calendar_id)
  ASOF LEFT JOIN calendar_open_intervals c ON c.calendar_id = r.calendar_id AND r.created_at >= c.start_at
),
judged AS (
  SELECT b.ticket_id, b.policy.clock AS clock, b.target_seconds,
         sla_elapsed(b.policy.clock, b.stopped, b.calendar_seconds, b.business_seconds, e.running_seconds) AS elapsed_seconds,
         sla_state(b.target_seconds, b.stopped, elapsed_seconds) AS sla_state
  FROM base b LEFT JOIN elapsed e USING (ticket_id)
)
SELECT ticket_id, sla_state, clock, target_seconds, elapsed_seconds
FROM judged
WHERE sla_met(sla_state) IS NOT NULL
