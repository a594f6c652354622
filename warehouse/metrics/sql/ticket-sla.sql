-- The SLA clocks of one ticket ($ticket_id): its policy's first response and resolution targets,
-- each judged as every SLA figure judges it (sla_policy_of, sla_elapsed and sla_state of
-- measure-macros.sql): 'met' or 'breached' once stopped, else 'running' or 'breached' at $now,
-- measured in the policy's clock; a ticket closed without a resolution has no resolution time to
-- judge. Business elapsed = B(t) - B(created) as in live-breaching.sql; due_at is the instant the
-- target is reached (sla_due_at of measure-macros.sql).
-- A first response its source does not measure (migrations/0016) has no clock. One row per target.
WITH ticket AS (
  SELECT t.ticket_id, t.created_at, t.calendar_id, t.first_response_rule, t.first_response_at,
         t.first_response_seconds, t.first_response_business_seconds,
         t.resolution_seconds, t.resolution_business_seconds, {{done_at:t}} AS done_at,
         sla_policy_of(t.priority, t.team_id) AS policy
  FROM tickets t
  WHERE t.ticket_id = $ticket_id
),
targets AS (
  SELECT 1 AS ord, 'first_response' AS sla, policy.frt_target AS target_seconds, first_response_at AS stopped_at,
         first_response_seconds AS calendar_seconds, first_response_business_seconds AS business_seconds, policy.clock AS clock, *
  FROM ticket WHERE policy.frt_target IS NOT NULL AND first_response_rule IS NOT NULL
  UNION ALL
  SELECT 2, 'resolution', policy.resolution_target, done_at, resolution_seconds, resolution_business_seconds, policy.clock, *
  FROM ticket WHERE policy.resolution_target IS NOT NULL
),
clocked AS (
  SELECT g.*,
         open_seconds_until(c.open_seconds_before, c.start_at, c.end_at, g.created_at) AS b_created,
         n.open_seconds AS b_now
  FROM targets g
  LEFT JOIN open_seconds_at($now::TIMESTAMPTZ) n USING (calendar_id)
  ASOF LEFT JOIN calendar_open_intervals c ON c.calendar_id = g.calendar_id AND g.created_at >= c.start_at
),
measured AS (
  SELECT *,
         sla_elapsed(clock, stopped_at IS NOT NULL, calendar_seconds, business_seconds,
                     in_policy_clock(clock, epoch($now::TIMESTAMPTZ) - epoch(created_at), b_now - b_created)) AS elapsed_seconds
  FROM clocked
)
SELECT m.sla, m.clock, m.target_seconds, m.elapsed_seconds,
       sla_state(m.target_seconds, m.stopped_at IS NOT NULL, m.elapsed_seconds) AS sla_state,
       sla_due_at(m.clock, m.calendar_id, m.created_at, m.b_created, m.target_seconds) AS due_at,
       m.stopped_at
FROM measured m
ORDER BY m.ord
