-- First response time distribution of the tickets created in [$start, $end): half-open buckets
-- [0, 1 h), [1 h, 4 h), [4 h, 8 h), [8 h, 24 h), [24 h, ...) of calendar or business seconds
-- ($business), and the tickets not answered yet; only tickets whose source measures first response.
SELECT CASE
         WHEN t.first_response_at IS NULL THEN 'unanswered'
         WHEN frt < 3600 THEN '<1h'
         WHEN frt < 4 * 3600 THEN '1-4h'
         WHEN frt < 8 * 3600 THEN '4-8h'
         WHEN frt < 24 * 3600 THEN '8-24h'
         ELSE '>24h'
       END AS bucket,
       count(*)::INTEGER AS tickets
FROM (
  SELECT *, CASE WHEN $business THEN first_response_business_seconds ELSE first_response_seconds END AS frt
  FROM tickets
) t
WHERE t.created_at >= $start AND t.created_at < $end AND t.first_response_rule IS NOT NULL AND {{conditions:t}}
GROUP BY ALL
