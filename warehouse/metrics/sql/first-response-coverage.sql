-- The tickets created in [$start, $end) by the rule their first response was measured by (null:
-- their source measures none), grouped by {{key}}: what the first response metrics rest on.
SELECT {{key}} AS key, rule, count(*) AS tickets
FROM (
  SELECT t.created_at AS fact_at, t.first_response_rule AS rule
  FROM tickets t
  WHERE t.created_at >= $start AND t.created_at < $end AND {{conditions:t}}
)
GROUP BY ALL
