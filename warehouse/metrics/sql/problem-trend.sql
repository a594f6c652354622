-- Tickets created in [$start, $end) per local $grain bucket (day, week from Monday, month) and problem type.
SELECT strftime(bucket, '%Y-%m-%d') AS bucket, problem_type, tickets
FROM (
  SELECT date_trunc($grain, {{local:t.created_at}}) AS bucket, t.problem_type, count(*) AS tickets
  FROM tickets t
  WHERE t.created_at >= $start AND t.created_at < $end AND {{conditions:t}}
  GROUP BY ALL
)
