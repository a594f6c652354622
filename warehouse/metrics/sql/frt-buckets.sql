-- First response time distribution of the tickets created in [$start, $end): half-open buckets
-- [0, 1 h), [1 h, 4 h), [4 h, 8 h), [8 h, 24 h), [24 h, ...) of calendar or business seconds
-- ($business), and the tickets not answered yet (the frt_bucket macro); only tickets whose source measures first response.
SELECT frt_bucket(t.first_response_at, frt) AS bucket,  -- migrations/0025
       count(*)::INTEGER AS tickets
FROM (
  SELECT *, CASE WHEN $business THEN first_response_business_seconds ELSE first_response_seconds END AS frt
  FROM tickets
) t
WHERE t.created_at >= $start AND t.created_at < $end AND t.first_response_rule IS NOT NULL AND {{conditions:t}}
GROUP BY ALL
