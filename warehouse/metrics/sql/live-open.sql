-- Tickets open at $now (created by then and not finally resolved/closed by then), per team (or per
-- agent when $by_agent) and age bucket: open, unassigned (no current agent) and unanswered (no agent
-- reply yet). Age in calendar time since creation. The date range plays no part.
WITH open_now AS (
  SELECT t.team_id, t.agent_id,
         t.agent_id IS NULL AS unassigned,
         -- a ticket whose source measures no first response is never unanswered (migrations/0016)
         t.first_response_rule IS NOT NULL AND (t.first_response_at IS NULL OR t.first_response_at > $now::TIMESTAMPTZ) AS unanswered,
         epoch($now::TIMESTAMPTZ) - epoch(t.created_at) AS age
  FROM tickets t
  WHERE t.created_at <= $now::TIMESTAMPTZ
    AND coalesce({{done_at:t}} > $now::TIMESTAMPTZ, true)  -- open at $now (done_at computed once, not twice)
    AND {{conditions:t}}
),
bucketed AS (
  SELECT CASE WHEN $by_agent THEN NULL ELSE team_id END AS team,
         CASE WHEN $by_agent THEN agent_id END AS agent,
         age_bucket(age) AS age_bucket,  -- migrations/0025
         unassigned, unanswered
  FROM open_now
  WHERE NOT $by_agent OR agent_id IS NOT NULL
)
SELECT team, agent, age_bucket, count(*) AS open,
       count(*) FILTER (WHERE unassigned) AS unassigned, count(*) FILTER (WHERE unanswered) AS unanswered
FROM bucketed
GROUP BY team, agent, age_bucket
ORDER BY team NULLS LAST, agent NULLS LAST, list_position(['<1h', '1-4h', '4-8h', '8-24h', '1-3d', '3-7d', '>7d'], age_bucket)
