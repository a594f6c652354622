-- Agents at $now, one row each: the open tickets they hold (open as in live-open.sql) and whether
-- they acted as an agent (an event with actor 'agent') in the hour before $now. The events hold no
-- presence, so that hour stands for "online": busy = online and holding open tickets, idle = online
-- and holding none, away = not seen in the hour but holding open tickets. An agent's team: the team
-- of the ticket they last acted on, else the team holding most of their open tickets (always a team
-- of the caller's: the ticket conditions apply to both).
WITH held AS (
  SELECT t.agent_id AS agent, t.team_id AS team, count(*) AS open,
         count(*) FILTER (WHERE t.first_response_rule IS NOT NULL
                            AND (t.first_response_at IS NULL OR t.first_response_at > $now::TIMESTAMPTZ)) AS unanswered
  FROM tickets t
  WHERE t.agent_id IS NOT NULL AND t.created_at <= $now::TIMESTAMPTZ
    AND coalesce({{done_at:t}} > $now::TIMESTAMPTZ, true)
    AND {{conditions:t}}
  GROUP BY t.agent_id, t.team_id
),
held_by_agent AS (
  SELECT agent, arg_max(team, open) AS team, sum(open)::BIGINT AS open, sum(unanswered)::BIGINT AS unanswered
  FROM held GROUP BY agent
),
acted AS (
  SELECT e.agent_id AS agent, arg_max(t.team_id, e.occurred_at) AS team, max(e.occurred_at) AS last_active_at
  FROM events e JOIN tickets t USING (ticket_id)
  WHERE e.actor = 'agent' AND e.agent_id IS NOT NULL
    AND e.occurred_at > $now::TIMESTAMPTZ - INTERVAL 1 HOUR AND e.occurred_at <= $now::TIMESTAMPTZ
    AND {{conditions:t}}
  GROUP BY e.agent_id
)
SELECT coalesce(a.team, h.team) AS team, agent,
       CASE WHEN a.agent IS NULL THEN 'away' WHEN coalesce(h.open, 0) > 0 THEN 'busy' ELSE 'idle' END AS agent_state,
       coalesce(h.open, 0) AS open, coalesce(h.unanswered, 0) AS unanswered, a.last_active_at
FROM held_by_agent h FULL JOIN acted a USING (agent)
ORDER BY team NULLS LAST, agent
