-- The SLA clocks of one ticket ($ticket_id): its policy's first response and resolution targets
-- (a team's own policy for the priority replaces the general one whole, as in kpis.sql), each
-- 'met' or 'breached' once stopped, else 'running' or 'breached' at $now, measured in the policy's
-- clock. Business elapsed = B(t) - B(created) as in live-breaching.sql; due_at is the instant the
-- target is reached (in business time, inside the open interval holding B = B(created) + target).
-- A first response its source does not measure (migrations/0016) has no clock. One row per target.
WITH policy AS (
  SELECT priority, team_id,
         any_value(first_response_seconds) AS frt_target,
         any_value(resolution_seconds) AS resolution_target,
         any_value(clock) AS clock
  FROM sla_policies GROUP BY priority, team_id
),
ticket AS (
  SELECT t.ticket_id, t.created_at, t.calendar_id, t.first_response_rule, t.first_response_at,
         t.first_response_seconds, t.first_response_business_seconds,
         t.resolution_seconds, t.resolution_business_seconds, {{done_at:t}} AS done_at,
         CASE WHEN ps.priority IS NULL THEN pg.frt_target ELSE ps.frt_target END AS frt_target,
         CASE WHEN ps.priority IS NULL THEN pg.resolution_target ELSE ps.resolution_target END AS resolution_target,
         CASE WHEN ps.priority IS NULL THEN pg.clock ELSE ps.clock END AS clock
  FROM tickets t
  LEFT JOIN policy ps ON ps.priority = t.priority AND ps.team_id = t.team_id
  LEFT JOIN policy pg ON pg.priority = t.priority AND pg.team_id IS NULL
  WHERE t.ticket_id = $ticket_id
),
targets AS (
  SELECT 1 AS ord, 'first_response' AS sla, frt_target AS target_seconds, first_response_at AS stopped_at,
         CASE WHEN clock = 'business' THEN first_response_business_seconds ELSE first_response_seconds END AS stopped_seconds, *
  FROM ticket WHERE frt_target IS NOT NULL AND first_response_rule IS NOT NULL
  UNION ALL
  SELECT 2, 'resolution', resolution_target, done_at,
         CASE WHEN clock = 'business' THEN resolution_business_seconds ELSE resolution_seconds END, *
  FROM ticket WHERE resolution_target IS NOT NULL
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
         -- a resolution stopped without a measured duration (closed unresolved) keeps its clock's time until then
         CASE WHEN stopped_at IS NULL THEN
                CASE WHEN clock = 'business' THEN b_now - b_created ELSE epoch($now::TIMESTAMPTZ) - epoch(created_at) END
              ELSE coalesce(stopped_seconds, CASE WHEN clock = 'calendar' THEN epoch(stopped_at) - epoch(created_at) END)
         END AS elapsed_seconds,
         b_created + target_seconds AS b_due
  FROM clocked
)
SELECT m.sla, m.clock, m.target_seconds, m.elapsed_seconds,
       CASE WHEN m.elapsed_seconds > m.target_seconds THEN 'breached'
            WHEN m.stopped_at IS NULL THEN 'running'
            WHEN m.elapsed_seconds IS NOT NULL THEN 'met'
       END AS sla_state,
       CASE WHEN m.clock = 'business' THEN d.start_at + to_microseconds(((m.b_due - d.open_seconds_before) * 1e6)::BIGINT)
            ELSE m.created_at + to_microseconds((m.target_seconds * 1e6)::BIGINT) END AS due_at,
       m.stopped_at
FROM measured m
ASOF LEFT JOIN calendar_open_intervals d ON d.calendar_id = m.calendar_id AND m.b_due >= d.open_seconds_before
ORDER BY m.ord
