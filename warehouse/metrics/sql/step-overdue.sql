-- Tickets in a working status at $now (a span begun by then, not ended by then) for longer than its
-- step limit (step_limit_of, migrations/0028): the visit's time so far in the limit's clock. Business
-- time = B($now) - B(started) over the ticket's calendar, as live-breaching.sql measures it.
WITH current_visit AS (
  SELECT s.ticket_id, s.status, s.team_id, s.agent_id, s.started_at, t.calendar_id, t.priority,
         step_limit_of(s.status, s.team_id, t.problem_type) AS lim
  FROM ticket_status_spans s JOIN tickets t USING (ticket_id)
  WHERE s.status IN ('new', 'open', 'pending', 'on_hold') AND s.started_at <= $now::TIMESTAMPTZ
    AND coalesce(s.ended_at > $now::TIMESTAMPTZ, true)
    AND {{conditions:t}}
),
clocked AS (
  SELECT v.*,
         in_policy_clock(v.lim.clock, epoch($now::TIMESTAMPTZ) - epoch(v.started_at),
                         n.open_seconds - open_seconds_until(c.open_seconds_before, c.start_at, c.end_at, v.started_at)) AS spent
  FROM (FROM current_visit WHERE lim IS NOT NULL) v
  LEFT JOIN open_seconds_at($now::TIMESTAMPTZ) n USING (calendar_id)
  ASOF LEFT JOIN calendar_open_intervals c ON c.calendar_id = v.calendar_id AND v.started_at >= c.start_at
)
SELECT ticket_id, status, team_id AS team, agent_id AS agent, priority, lim.clock AS clock, lim.limit_seconds AS limit_seconds,
       started_at, spent AS spent_seconds
FROM clocked
WHERE sla_state(lim.limit_seconds, false, spent) = 'breached'  -- judged as an SLA clock (measure-macros.sql)
ORDER BY spent - lim.limit_seconds DESC, ticket_id
