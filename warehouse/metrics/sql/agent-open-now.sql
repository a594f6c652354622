-- The end of agents.sql and rollups/agent-rollup.sql (per_agent): every agent with facts in the range or
-- open tickets held now, which come from the tickets themselves (current agent, not finally
-- resolved/closed), whatever the range.
, open_now AS (
  SELECT t.agent_id, count(*) AS open_now, arg_max(t.team_id, t.created_at) AS team
  FROM tickets t
  WHERE t.agent_id IS NOT NULL AND {{open_now:t}} AND {{conditions:t}}
  GROUP BY t.agent_id
)
SELECT agent_id AS agent, coalesce(p.team, o.team) AS team,
       coalesce(p.assigned, 0) AS assigned, coalesce(p.resolved, 0) AS resolved, coalesce(p.replies, 0) AS replies,
       coalesce(p.handle_seconds, 0) AS handle_seconds, p.aht_seconds, coalesce(o.open_now, 0) AS open_now,
       p.frt_median, p.resolution_median, p.csat, coalesce(p.ratings, 0) AS ratings, p.reopen_rate
FROM per_agent p FULL JOIN open_now o USING (agent_id)
ORDER BY agent
