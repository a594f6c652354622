-- Time the tickets created in [$start, $end) spent in each working status (finished spans only: a
-- status still running has no length yet), per ticket, then summed into requester wait (new + open
-- + on_hold) and agent wait (pending); each measure's distribution over the tickets that had it.
WITH scoped AS (
  SELECT t.ticket_id FROM tickets t
  WHERE t.created_at >= $start AND t.created_at < $end AND {{conditions:t}}
),
-- One row per ticket, one column per measure: null where the ticket had no finished span of it.
per_ticket AS (
  SELECT sum(seconds) FILTER (WHERE status = 'new') AS new,
         sum(seconds) FILTER (WHERE status = 'open') AS open,
         sum(seconds) FILTER (WHERE status = 'pending') AS pending,
         sum(seconds) FILTER (WHERE status = 'on_hold') AS on_hold,
         sum(seconds) FILTER (WHERE status IN ('new', 'open', 'on_hold')) AS requester_wait,
         sum(seconds) FILTER (WHERE status = 'pending') AS agent_wait
  FROM (SELECT s.ticket_id, s.status, CASE WHEN $business THEN s.business_seconds ELSE s.seconds END AS seconds
        FROM ticket_status_spans s SEMI JOIN scoped USING (ticket_id)
        WHERE s.ended_at IS NOT NULL AND s.status IN ('new', 'open', 'pending', 'on_hold'))
  GROUP BY ticket_id
)
SELECT measure, tickets, q[1] AS median, q[2] AS p90, mean
FROM (
  SELECT measure, count(*)::INTEGER AS tickets, quantile_cont(seconds, [0.5, 0.9]) AS q, avg(seconds) AS mean
  FROM (UNPIVOT per_ticket ON new, open, pending, on_hold, requester_wait, agent_wait INTO NAME measure VALUE seconds)
  GROUP BY measure
)
