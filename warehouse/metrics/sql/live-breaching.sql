-- Open tickets that will breach an SLA target between $now and $now + 1 hour: still running at $now
-- but breached an hour later, as every SLA figure judges (sla_policy_of and sla_state of
-- measure-macros.sql), elapsed measured in the policy's clock.
-- Business elapsed = B(t) - B(created): B(created) = open_seconds_until (migrations/0011) over the
-- ticket's calendar_open_intervals row found by ASOF, as in lifecycle/derive-tickets.sql; B at $now
-- and an hour later from open_seconds_at (migrations/0012). One row per ticket and target.
WITH open_now AS (
  SELECT t.ticket_id, t.created_at, t.calendar_id, t.team_id, t.agent_id, t.priority,
         -- a ticket whose source measures no first response is never unanswered (migrations/0016)
         t.first_response_rule IS NOT NULL AND (t.first_response_at IS NULL OR t.first_response_at > $now::TIMESTAMPTZ) AS unanswered,
         sla_policy_of(t.priority, t.team_id) AS policy
  FROM tickets t
  WHERE t.created_at <= $now::TIMESTAMPTZ
    AND coalesce({{done_at:t}} > $now::TIMESTAMPTZ, true)  -- open at $now (done_at computed once, not twice)
    AND {{conditions:t}}
),
targets AS (
  SELECT *, 'first_response' AS sla, policy.frt_target AS target_seconds, policy.clock AS clock FROM open_now WHERE unanswered AND policy.frt_target IS NOT NULL
  UNION ALL
  SELECT *, 'resolution' AS sla, policy.resolution_target AS target_seconds, policy.clock AS clock FROM open_now WHERE policy.resolution_target IS NOT NULL
),
instants AS (
  SELECT *, $now::TIMESTAMPTZ AS now_at, $now::TIMESTAMPTZ + INTERVAL 1 HOUR AS soon_at FROM targets
),
-- B at $now and an hour later are the same two instants for every ticket: looked up once per calendar.
clocked AS (
  SELECT i.*,
         open_seconds_until(c.open_seconds_before, c.start_at, c.end_at, i.created_at) AS b_created,
         n.open_seconds AS b_now, s.open_seconds AS b_soon
  FROM instants i
  LEFT JOIN open_seconds_at($now::TIMESTAMPTZ) n USING (calendar_id)
  LEFT JOIN open_seconds_at($now::TIMESTAMPTZ + INTERVAL 1 HOUR) s USING (calendar_id)
  ASOF LEFT JOIN calendar_open_intervals c ON c.calendar_id = i.calendar_id AND i.created_at >= c.start_at
),
breaching AS (
  SELECT *,
         in_policy_clock(clock, epoch(now_at) - epoch(created_at), b_now - b_created) AS elapsed_now,
         in_policy_clock(clock, epoch(soon_at) - epoch(created_at), b_soon - b_created) AS elapsed_soon
  FROM clocked
),
due AS (
  -- The instant the target is reached (measure-macros.sql), looked up for the breaching rows only.
  SELECT *, sla_due_at(clock, calendar_id, created_at, b_created, target_seconds) AS due_at
  FROM breaching
  WHERE sla_state(target_seconds, false, elapsed_now) = 'running' AND sla_state(target_seconds, false, elapsed_soon) = 'breached'
)
SELECT ticket_id, sla, team_id AS team, agent_id AS agent, priority, clock, target_seconds, created_at, due_at,
       epoch(due_at) - epoch(now_at) AS remaining_seconds
FROM due
ORDER BY due_at, ticket_id, sla
