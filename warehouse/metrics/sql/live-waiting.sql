-- Open tickets at $now that no agent has answered yet (the customer waits for a first reply), each
-- with how long it has waited. "Open" and "unanswered" as in live-open.sql; the date range plays no
-- part. Unordered: live.ts lists the longest waiting first.
SELECT t.ticket_id, t.team_id AS team, t.agent_id AS agent, t.priority, t.created_at,
       epoch($now::TIMESTAMPTZ) - epoch(t.created_at) AS waiting_seconds
FROM tickets t
WHERE t.created_at <= $now::TIMESTAMPTZ
  AND coalesce({{done_at:t}} > $now::TIMESTAMPTZ, true)
  -- a ticket whose source measures no first response is never unanswered (migrations/0016)
  AND t.first_response_rule IS NOT NULL AND (t.first_response_at IS NULL OR t.first_response_at > $now::TIMESTAMPTZ)
  AND {{conditions:t}}
