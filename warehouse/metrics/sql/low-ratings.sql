-- Tickets whose last rating, given in [$start, $end), is 1 or 2, with the customer's comment.
-- satisfaction.ts adds the ORDER BY (from its declared list) and the page.
SELECT t.ticket_id, t.rating::INTEGER AS rating, t.rating_comment AS comment, t.rated_at, t.team_id AS team,
       t.agent_id AS agent, t.problem_type, t.channel
FROM tickets t
WHERE t.rated_at >= $start AND t.rated_at < $end AND t.rating <= $low_rating AND {{conditions:t}}
