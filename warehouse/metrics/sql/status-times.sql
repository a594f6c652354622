-- Time the tickets created in [$start, $end) spent in each working status (finished spans only: a
-- status still running has no length yet), per ticket, then summed into requester wait (new + open
-- + on_hold) and agent wait (pending); each measure's distribution over the tickets that had it.
WITH scoped AS (
  SELECT t.ticket_id FROM tickets t
  WHERE t.created_at >= $start AND t.created_at < $end AND {{conditions:t}}
),
per_ticket AS (
  SELECT s.ticket_id, s.status, sum(CASE WHEN $business THEN s.business_seconds ELSE s.seconds END) AS seconds
  FROM ticket_status_spans s SEMI JOIN scoped USING (ticket_id)
  WHERE s.ended_at IS NOT NULL AND s.status IN ('new', 'open', 'pending', 'on_hold')
  GROUP BY ALL
),
measures AS (
  SELECT status AS measure, seconds FROM per_ticket
  UNION ALL
  SELECT 'requester_wait', sum(seconds) FROM per_ticket WHERE status IN ('new', 'open', 'on_hold') GROUP BY ticket_id
  UNION ALL
  SELECT 'agent_wait', sum(seconds) FROM per_ticket WHERE status = 'pending' GROUP BY ticket_id
)
SELECT measure, tickets, q[1] AS median, q[2] AS p90, mean
FROM (
  SELECT measure, count(*)::INTEGER AS tickets, quantile_cont(seconds, [0.5, 0.9]) AS q, avg(seconds) AS mean
  FROM measures GROUP BY measure
)
