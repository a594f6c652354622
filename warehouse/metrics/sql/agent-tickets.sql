-- The tickets assigned to agent $agent_id in [$start, $end) (a created, assigned or transferred event
-- naming the agent, migrations/0038: the tickets counted in its `assigned`), as they are now. Filters and the team
-- scope apply to the ticket now (current team and agent), so no other team's ticket is listed.
-- agent-tickets.ts adds the ORDER BY (from its declared list) and the page.
WITH mine AS (
  SELECT ticket_id, min(assigned_at) AS assigned_at
  FROM agent_assignments
  WHERE agent_id = $agent_id AND assigned_at >= $start AND assigned_at < $end
  GROUP BY ticket_id
)
SELECT t.ticket_id, m.assigned_at, t.created_at, t.status, t.team_id AS team, t.agent_id AS current_agent,
       t.channel, t.problem_type, t.problem_subtype, t.priority, t.first_response_at, t.resolved_at,
       CASE WHEN $business THEN t.first_response_business_seconds ELSE t.first_response_seconds END AS first_response_seconds,
       CASE WHEN $business THEN t.resolution_business_seconds ELSE t.resolution_seconds END AS resolution_seconds,
       t.reopen_count, t.transfer_count, t.agent_reply_count AS replies, t.handle_seconds, t.rating
FROM mine m JOIN tickets t USING (ticket_id)
WHERE {{conditions:t}}
