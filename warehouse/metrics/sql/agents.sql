-- Per agent over [$start, $end): continues agent-facts.sql (facts); agent-open-now.sql ends it.
, per_agent AS (
  SELECT agent_id,
         arg_max(team_id, (fact_at, team_id)) AS team,  -- the team of the agent's latest fact (of two at once, the last team)
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
)
