-- Time the tickets created in [$start, $end) spent in each working status (finished spans only: a
-- status still running has no length yet; derivation keeps the sums on the ticket), and the sums
-- requester wait (new + open + on_hold) and agent wait (pending); each measure's distribution over
-- the tickets that had it.
WITH per_ticket AS (
  SELECT CASE WHEN $business THEN t.new_business_seconds ELSE t.new_seconds END AS new,
         CASE WHEN $business THEN t.open_business_seconds ELSE t.open_seconds END AS open,
         CASE WHEN $business THEN t.pending_business_seconds ELSE t.pending_seconds END AS pending,
         CASE WHEN $business THEN t.on_hold_business_seconds ELSE t.on_hold_seconds END AS on_hold
  FROM tickets t
  WHERE t.created_at >= $start AND t.created_at < $end AND {{conditions:t}}
),
measures AS (
  SELECT *,
         CASE WHEN coalesce(new, open, on_hold) IS NOT NULL THEN coalesce(new, 0) + coalesce(open, 0) + coalesce(on_hold, 0) END AS requester_wait,
         pending AS agent_wait
  FROM per_ticket
)
SELECT measure, tickets, q[1] AS median, q[2] AS p90, mean
FROM (
  SELECT measure, count(*)::INTEGER AS tickets, median_p90(seconds) AS q, avg(seconds) AS mean
  FROM (UNPIVOT measures ON new, open, pending, on_hold, requester_wait, agent_wait INTO NAME measure VALUE seconds)
  GROUP BY measure
)
