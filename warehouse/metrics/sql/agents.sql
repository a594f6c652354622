-- Per agent over [$start, $end): continues agent-facts.sql (facts). Open tickets held now come from
-- the tickets themselves (current agent, not finally resolved/closed), whatever the range.
, per_agent AS (
  SELECT agent_id,
         arg_max(team_id, fact_at) AS team,  -- the team of the agent's latest fact
         count(DISTINCT ticket_id) FILTER (WHERE is_assignment) AS assigned,
         count(*) FILTER (WHERE kind = 'resolved') AS resolved,
         count(*) FILTER (WHERE kind = 'reply') AS replies,
         coalesce(sum(handle), 0) AS handle_seconds,
         -- AHT: handle time per ticket the agent spent any on (not per fact: a ticket of three replies is one)
         sum(handle) / nullif(count(DISTINCT ticket_id) FILTER (WHERE handle IS NOT NULL), 0) AS aht_seconds,
         median_of(frt) AS frt_median,
         median_of(resolution) AS resolution_median,
         csat(rating) AS csat,  -- the CSAT macro (migrations/0029)
         count(rating) AS ratings,
         avg(reopened::INTEGER) AS reopen_rate
  FROM facts
  GROUP BY agent_id
),
open_now AS (
  SELECT t.agent_id, count(*) AS open_now, arg_max(t.team_id, t.created_at) AS team
  FROM tickets t
  WHERE t.agent_id IS NOT NULL AND {{done_at:t}} IS NULL AND {{conditions:t}}
  GROUP BY t.agent_id
)
SELECT agent_id AS agent, coalesce(p.team, o.team) AS team,
       coalesce(p.assigned, 0) AS assigned, coalesce(p.resolved, 0) AS resolved, coalesce(p.replies, 0) AS replies,
       coalesce(p.handle_seconds, 0) AS handle_seconds, p.aht_seconds, coalesce(o.open_now, 0) AS open_now,
       p.frt_median, p.resolution_median, p.csat, coalesce(p.ratings, 0) AS ratings, p.reopen_rate
FROM per_agent p FULL JOIN open_now o USING (agent_id)
ORDER BY agent
