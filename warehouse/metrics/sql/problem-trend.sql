-- Tickets created in [$start, $end) per local $grain bucket (day, week from Monday, month) and problem type.
SELECT strftime(date_trunc($grain, timezone($tz, t.created_at)), '%Y-%m-%d') AS bucket, t.problem_type, count(*) AS tickets
FROM tickets t
WHERE t.created_at >= $start AND t.created_at < $end AND {{conditions:t}}
GROUP BY ALL
