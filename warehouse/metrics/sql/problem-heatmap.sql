-- Tickets created in [$start, $end) per problem type and region or product ($by, a bound value).
SELECT t.problem_type, CASE $by WHEN 'region' THEN t.region ELSE t.product END AS value, count(*) AS tickets
FROM tickets t
WHERE t.created_at >= $start AND t.created_at < $end AND {{conditions:t}}
GROUP BY ALL
ORDER BY t.problem_type NULLS LAST, value NULLS LAST
